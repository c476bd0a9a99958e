"""The house's rules, read from the source's imports (ast, nothing is imported): docs/architecture.md.

Layers, bottom to top: core (model, parsers, matching, diff: pure) < store (SQLAlchemy) < workflow (the
services on the database) < reports < cli and web. A module imports its own layer or the ones below it;
only cli and web import web (cli serves it), and web never imports cli. No two modules import each other,
directly or round a longer loop; an import inside a function says why in a comment (a heavy optional module
loaded late, say); and no function is longer than 60 lines outside the generated migrations.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import converge

ROOT = Path(converge.__file__).parent
LAYERS = {"core": 0, "store": 1, "workflow": 2, "reports": 3, "cli": 4, "web": 4}
LONGEST = 60


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the converge module imported (a package's __init__ when a name comes from it)
    line: int
    local: bool  # inside a function
    commented: bool  # a comment on its line or the line above says why


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def _absolute(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join([*base, *([node.module] if node.module else [])])


def _targets(module: str, path: Path, node: ast.Import | ast.ImportFrom) -> list[str]:
    known = modules()
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        package = _absolute(module, path, node)
        names = [f"{package}.{a.name}" if f"{package}.{a.name}" in known else package for a in node.names]
    out = []
    for name in names:
        while name not in known and "." in name:
            name = name.rsplit(".", 1)[0]
        if name in known and name != module:
            out.append(name)
    return out


@cache
def imports() -> tuple[Import, ...]:
    out: list[Import] = []
    for module, path in modules().items():
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        tree = ast.parse(source)
        in_function = {
            id(node)
            for fn in ast.walk(tree)
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
            for node in ast.walk(fn)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            said = _says_why(lines, node.lineno)
            for target in _targets(module, path, node):
                out.append(Import(module, target, node.lineno, id(node) in in_function, said))
    return tuple(out)


def _says_why(lines: list[str], lineno: int) -> bool:
    """A comment on the import's line, or above the run of import lines it is part of."""
    n = lineno - 1
    if "#" in lines[n]:
        return True
    while n > 0 and lines[n - 1].lstrip().startswith(("import ", "from ")):
        n -= 1
    return n > 0 and "#" in lines[n - 1]


def layer(module: str) -> str:
    """The layer of a module: its folder; `converge` itself (the public API over the core) is core."""
    parts = module.split(".")
    if module == "converge.__main__":
        return "cli"
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else "core"


def test_every_module_lives_in_a_layer() -> None:
    loose = [m for m in modules() if m not in ("converge", "converge.__main__") and m.split(".")[1] not in LAYERS]
    assert loose == [], "a module outside core/, store/, workflow/, reports/, cli/ and web/"


def test_imports_point_down_the_layers() -> None:
    upward = sorted(
        f"{i.source}:{i.line} imports {i.target}"
        for i in imports()
        if LAYERS[layer(i.target)] > LAYERS[layer(i.source)]
        or (layer(i.target) == "cli" and layer(i.source) == "web")
    )
    assert upward == []


def test_nothing_but_cli_and_web_imports_web() -> None:
    assert sorted(
        f"{i.source}:{i.line}" for i in imports() if layer(i.target) == "web" and layer(i.source) not in ("cli", "web")
    ) == []


def test_no_import_cycles_between_modules() -> None:
    graph: dict[str, set[str]] = {m: set() for m in modules()}
    for i in imports():
        graph[i.source].add(i.target)
    cycles = [sorted(c) for c in _strongly_connected(graph) if len(c) > 1]
    assert cycles == []


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative (the package is deeper than the recursion limit would like)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    out.append(component)
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return out


def test_imports_inside_functions_say_why() -> None:
    unexplained = sorted(
        f"{i.source}:{i.line} imports {i.target}" for i in imports() if i.local and not i.commented
    )
    assert unexplained == []


def test_no_function_is_longer_than_sixty_lines() -> None:
    long = []
    for module, path in modules().items():
        if ".store.migrations" in module:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > LONGEST:
                    long.append(f"{module}.{node.name} ({length} lines)")
    assert sorted(long) == []


def test_the_checks_see_the_package() -> None:
    """The rules above would pass on an empty list: the reader finds the layers and their imports."""
    found = {layer(m) for m in modules()}
    assert found == set(LAYERS)
    assert any(i.source.startswith("converge.workflow") and i.target.startswith("converge.store") for i in imports())
    toy = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert [sorted(c) for c in _strongly_connected(toy) if len(c) > 1] == [["a", "b", "c"]]


def test_the_core_loads_without_flask_or_sqlalchemy() -> None:
    code = (
        "import sys, converge.core.model, converge.core.parsers, converge.core.matching, converge.core.diff;"
        "import converge.core.ingest, converge.core.national, converge.core.parsers.docx, converge.core.parsers.pdf;"
        "bad = [m for m in ('flask', 'sqlalchemy', 'converge.web', 'converge.store', 'converge.workflow')"
        " if m in sys.modules];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_nothing_outside_web_imports_flask() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for module, path in modules().items()
        if layer(module) != "web"
        and any(line.lstrip().startswith(("import flask", "from flask")) for line in path.read_text().splitlines())
    ]
    assert offenders == []
