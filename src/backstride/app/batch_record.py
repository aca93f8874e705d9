"""What a batch keeps of each assessment: its record (an assessment folder's batch.json) and the
outcome of a run (the record, or that it was skipped as unchanged)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

Status = Literal["done", "partial", "refused", "failed"]
RECORD_FILE = "batch.json"


@dataclass(frozen=True)
class ClipOutcome:
    """A clip of a refused assessment: its role, the file as given, the reason (with advice)."""

    role: str
    file: str
    reason: str


@dataclass(frozen=True)
class Record:
    """What an assessment's folder holds and was made from (its batch.json)."""

    runner: str
    folder: str
    status: Status
    input_key: str  # sha256 of the inputs' contents and the settings: unchanged -> skipped
    seconds: float
    files: dict[str, str] = field(default_factory=dict)  # role -> the clip as the manifest gave it
    reason: str | None = None  # refused or failed: why (partial: the refused clip's reason)
    refused: list[ClipOutcome] = field(default_factory=list)  # a refused assessment's clips
    detail: str | None = None  # failed by a bug: the traceback, for a bug report

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Record:
        data = json.loads(text)
        data["refused"] = [ClipOutcome(**c) for c in data.get("refused", [])]
        return cls(**data)


@dataclass(frozen=True)
class Outcome:
    """An assessment's record as the batch saw it: run now, or skipped as unchanged."""

    record: Record
    skipped: bool = False


@dataclass(frozen=True)
class BatchResult:
    outcomes: list[Outcome]
    table_paths: list[Path]

    def count(self, status: Status) -> int:
        return sum(o.record.status == status for o in self.outcomes)

    @property
    def skipped(self) -> int:
        return sum(o.skipped for o in self.outcomes)
