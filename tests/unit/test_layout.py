"""The package's layout keeps the flow readable (../shared/reference/design.md): imports run one
way, core <- stages <- app <- cli and web; report and store never import the application layer;
no two modules import each other, even from inside a function. Read from the source (AST), so an
import hidden in a function counts; names imported only for the type checker do not."""

from __future__ import annotations

import ast
from pathlib import Path

import backstride

PACKAGE = Path(backstride.__file__).parent
STAGES = {"video", "pose", "quality", "clean", "person", "events", "metrics", "findings", "triage", "advice", "nof1",
          "runlog", "synth", "bodycheck"}  # fmt: skip
#: What each part may not import (besides itself). "" is the package's own __init__.
FORBIDDEN = {
    **{stage: {"app", "cli", "web", "store", "report"} for stage in STAGES},
    "report": {"app", "cli", "web", "store"},
    "store": {"app", "cli", "web", "report"},
    "app": {"cli", "web"},
}
CORE_MAY_IMPORT = {"core", "errors", "settings"}
MAX_TOP_MODULES = 6


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module this file imports at run time (module level or inside a function)."""
    tree = ast.parse(path.read_text())
    typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and "TYPE_CHECKING" in
                   ast.unparse(node.test) for n in ast.walk(node)}  # fmt: skip
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


GRAPH = {_module(p): _imports(p) for p in PACKAGE.rglob("*.py")}


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_at_most_six_modules_sit_at_the_package_top():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top


def test_imports_run_one_way():
    wrong = []
    for module, imported in GRAPH.items():
        part = _part(module)
        ours = {_part(m) for m in imported if m.startswith("backstride.")} - {part}
        bad = ours - CORE_MAY_IMPORT if part == "core" else ours & FORBIDDEN.get(part, set())
        wrong += [f"{module} imports backstride.{b}" for b in sorted(bad)]
    assert wrong == [], "\n".join(wrong)


def test_the_store_imports_no_web_framework():
    web = {"fastapi", "starlette", "uvicorn", "jinja2"}
    wrong = [(m, i) for m, imported in GRAPH.items() if _part(m) == "store" for i in imported
             if i.split(".")[0] in web]  # fmt: skip
    assert wrong == []


def test_no_two_modules_import_each_other():
    """Strongly connected modules (Tarjan), counting imports inside functions: none."""
    edges = {m: {i for i in imported if i in GRAPH and i != m} for m, imported in GRAPH.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while (w := stack.pop()) != v:
                group.append(w)
            if group:
                cycles.append(sorted([v, *group]))

    for v in edges:
        if v not in index:
            visit(v)
    assert cycles == []
