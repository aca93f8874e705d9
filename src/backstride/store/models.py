"""What the web app stores: runners, their clips (by content hash) and assessments, whose row
also holds the analysis job's state (so a restart finds every job where it was)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

#: Job states: queued (waiting for a worker), running, done, partial (results written, a clip
#: refused: the reason in ``error``), failed (with the reason).
STATES = ("queued", "running", "done", "partial", "failed")
#: The states whose results are written.
WITH_RESULTS = ("done", "partial")
#: The states a job may be run again from (when something changed: Assessment.can_retry).
ENDED_SHORT = ("failed", "partial")
#: Why a job ended without everything: a clip refused (the same clip gives the same answer), the
#: worker interrupted too often, or an internal error.
FAILURES = ("refused", "interrupted", "internal")


def now() -> datetime:
    return datetime.now(UTC)


def aware(t: datetime) -> datetime:
    """A stored time as UTC (SQLite gives it back without its zone)."""
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def new_id() -> str:
    return uuid.uuid4().hex


class Base(DeclarativeBase):
    pass


class Runner(Base):
    __tablename__ = "runners"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200))  # a name or a pseudonym
    height_cm: Mapped[float | None] = mapped_column(Float, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    # the runner's time zone, an IANA name (revision 0006): the log's days are read in it
    time_zone: Mapped[str | None] = mapped_column(String(64), nullable=True)
    assessments: Mapped[list[Assessment]] = relationship(
        back_populates="runner", cascade="all, delete-orphan", order_by="Assessment.created_at"
    )


class Blob(Base):
    """An uploaded file, stored once under its SHA-256 (a clip or a shoe-sole photo)."""

    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # "video" or "photo"
    suffix: Mapped[str] = mapped_column(String(10))  # from the content (".mp4", ".png"), never the user's name
    size_bytes: Mapped[int] = mapped_column(Integer)
    facts: Mapped[dict] = mapped_column(JSON, default=dict)  # the probe: fps, length, size
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    # revision 0008: the runner whose new assessment it was uploaded for (deleted with them unless an
    # assessment uses it); None: uploaded for nobody (swept a day after, unless used)
    uploaded_for: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)


class Assessment(Base):
    __tablename__ = "assessments"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    runner_id: Mapped[str] = mapped_column(ForeignKey("runners.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    side_sha: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    rear_sha: Mapped[str | None] = mapped_column(ForeignKey("blobs.sha256"), nullable=True)
    photos: Mapped[list] = mapped_column(JSON, default=list)  # SHA-256 of shoe-sole photos
    answers: Mapped[dict | None] = mapped_column(JSON, nullable=True)  # as the answers file holds them
    options: Mapped[dict] = mapped_column(JSON, default=dict)  # slow motion, speed
    state: Mapped[str] = mapped_column(String(10), default="queued", index=True)
    stage: Mapped[str] = mapped_column(String(80), default="waiting for a worker")
    frames_done: Mapped[int] = mapped_column(Integer, default=0)
    frames_total: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    # revision 0002: the worker's heartbeat and the runs so far (a job interrupted is run again)
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # revision 0007: why it ended without everything (FAILURES) and the backstride version that ran
    # it, so a retry is offered only where something changed
    failure: Mapped[str | None] = mapped_column(String(12), nullable=True)
    analysed_with: Mapped[str | None] = mapped_column(String(32), nullable=True)
    runner: Mapped[Runner] = relationship(back_populates="assessments")

    def can_retry(self, version: str) -> bool:
        """A failed or partial job is worth running again when its failure was not the clips' own
        (an interruption, an internal error) or when another version of backstride would run it."""
        if self.state not in ENDED_SHORT:
            return False
        return self.failure != "refused" or self.analysed_with != version


class Run(Base):
    """One run in the runner's log (revision 0003): typed in or imported from a watch's file."""

    __tablename__ = "runs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    runner_id: Mapped[str] = mapped_column(ForeignKey("runners.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    distance_km: Mapped[float | None] = mapped_column(Float, nullable=True)
    duration_min: Mapped[float | None] = mapped_column(Float, nullable=True)
    shoes: Mapped[str | None] = mapped_column(String(80), nullable=True)
    insoles: Mapped[bool | None] = mapped_column(nullable=True)
    cadence_cue: Mapped[str | None] = mapped_column(String(80), nullable=True)
    cadence_spm: Mapped[float | None] = mapped_column(Float, nullable=True)
    cadence_source: Mapped[str | None] = mapped_column(String(120), nullable=True)
    pain_during: Mapped[float | None] = mapped_column(Float, nullable=True)
    pain_after: Mapped[float | None] = mapped_column(Float, nullable=True)
    pain_next_morning: Mapped[float | None] = mapped_column(Float, nullable=True)
    source: Mapped[str] = mapped_column(String(200), default="typed")  # or the imported file's name
    # the runner's own date of the run, fixed when logged (revision 0005): the date typed, a FIT file's
    # local time, else the start in the runner's zone (revision 0006 dated the runs logged before)
    local_date: Mapped[date | None] = mapped_column(Date, nullable=True)


class MorningPain(Base):
    """Next-morning pain on a day without a run (revision 0003)."""

    __tablename__ = "morning_pain"

    runner_id: Mapped[str] = mapped_column(ForeignKey("runners.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    pain: Mapped[float] = mapped_column(Float)


class Experiment(Base):
    """A self-experiment's plan, written before day 1 (revision 0004): the record holds the design,
    seed, schedule, dates, outcome and decision rule (backstride.nof1.plan.make_plan)."""

    __tablename__ = "experiments"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    runner_id: Mapped[str] = mapped_column(ForeignKey("runners.id", ondelete="CASCADE"), index=True)
    change: Mapped[str] = mapped_column(String(40))
    plan: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    # the verdict as read when the plan was over, kept (revision 0005); None: not read yet
    verdict: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    verdict_read_on: Mapped[date | None] = mapped_column(Date, nullable=True)


def checked_name(name: str) -> str:
    """A runner's name as stored: trimmed; refused (ValueError, one line) when blank or holding a
    control character (a line break, a tab, an escape that would garble a page or a terminal)."""
    import unicodedata

    trimmed = name.strip()
    if not trimmed:
        raise ValueError("a runner's name cannot be blank: give a name or a pseudonym")
    bad = next((c for c in trimmed if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")), None)
    if bad is not None:
        raise ValueError(f"a runner's name cannot hold a control character ({ascii(bad)}): type it on one line")
    return trimmed


class BodyCheck(Base):
    """One figure of a filmed self-test or form check (revision 0009): a hold's seconds, one leg's
    angle, an exercise's repetitions done right; kept with its day so a re-test shows the change."""

    __tablename__ = "body_checks"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    runner_id: Mapped[str] = mapped_column(ForeignKey("runners.id", ondelete="CASCADE"), index=True)
    test: Mapped[str] = mapped_column(String(40))  # bodycheck.catalogue name
    leg: Mapped[str | None] = mapped_column(String(5), nullable=True)  # an angle test's leg
    value: Mapped[float] = mapped_column(Float)  # in the test's unit
    at_least: Mapped[bool] = mapped_column(default=False)  # a hold the clip ended first: a lower bound
    local_date: Mapped[date] = mapped_column(Date)  # the runner's day of the test
    checked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    clip: Mapped[str] = mapped_column(String(200))  # the clip's file name
    result: Mapped[dict] = mapped_column(JSON)  # the whole check.json


#: Who may do what (docs/accounts.md): an admin manages accounts and sees every runner; a clinician
#: sees the runners assigned to them; a runner's own login sees their own data.
ROLES = ("admin", "clinician", "runner")


class User(Base):
    """An account of a clinic's server (revision 0010). No user at all: the one-person mode on loopback."""

    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    role: Mapped[str] = mapped_column(String(16))  # ROLES
    password_hash: Mapped[str] = mapped_column(String(200))  # Argon2id, with its parameters and salt
    runner_id: Mapped[str | None] = mapped_column(ForeignKey("runners.id", ondelete="CASCADE"), nullable=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)  # in a row, since the last success
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    runners: Mapped[list[Runner]] = relationship(secondary="user_runners", viewonly=True)


class UserRunner(Base):
    """A runner assigned to a clinician."""

    __tablename__ = "user_runners"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    runner_id: Mapped[str] = mapped_column(ForeignKey("runners.id", ondelete="CASCADE"), primary_key=True)


class LoginSession(Base):
    """A signed-in browser or script: the SHA-256 of its cookie's secret (the secret itself is never
    stored), its absolute and idle expiry."""

    __tablename__ = "login_sessions"

    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class AuditEntry(Base):
    """Who viewed, exported, changed or deleted which runner's data, when and from where; and each sign-in,
    sign-out, refusal and account change. Names and ids are copied in (no foreign key), so an entry
    outlives the account and the runner it names; no route deletes one."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)
    user: Mapped[str] = mapped_column(String(80))  # the account's name ("local": the one-person mode)
    role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(16))  # view, export, change, delete, sign-in, ...
    runner_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    what: Mapped[str] = mapped_column(String(300))  # the method and path
    status: Mapped[int] = mapped_column(Integer)
    client: Mapped[str] = mapped_column(String(64))  # the address it came from
