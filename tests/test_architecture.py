"""The floors of the house, checked: who may import what, and no import cycles.

- ``geo/`` (the domain) imports no rendering, UI or export library and nothing above it;
- ``layers/`` (drawing and exports) never imports Streamlit or the UI;
- the project's own modules import each other without cycles (imports inside functions
  count too: a cycle hidden in a function is still a cycle);
- JavaScript and CSS live in files (``layers/js``, ``layers/css``, ``ui/js``): no Python
  module holds a string of more than :data:`MAX_STRING_LINES` lines besides its docstrings.

Read with the standard library's :mod:`ast`: nothing is imported to check it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("geo", "layers", "ui")
TOP_MODULES = ("streamlit_app",)
FORBIDDEN = {
    "geo": frozenset(
        {
            "folium",
            "branca",
            "jinja2",
            "streamlit",
            "streamlit_folium",
            "altair",
            "playwright",
            "pptx",
            "layers",
            "ui",
        }
    ),
    "layers": frozenset({"streamlit", "streamlit_folium", "ui"}),
}
MAX_STRING_LINES = 40  # a folium template's glue fits; a script or stylesheet does not


@dataclass(frozen=True)
class Import:
    """One import statement's target, as written in a module."""

    module: str  # importing module, dotted
    target: str  # imported module (or module.name), absolute and dotted
    line: int


def modules(root: Path) -> dict[str, Path]:
    """Dotted name -> file for every module of the project's packages under ``root``."""
    out = {}
    for pkg in PACKAGES:
        for path in sorted((root / pkg).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join(parts)] = path
    for name in TOP_MODULES:
        if (root / f"{name}.py").exists():
            out[name] = root / f"{name}.py"
    return out


def imports_of(name: str, path: Path) -> list[Import]:
    """Every import in the file, top level or nested, relative ones made absolute."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [Import(name, alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            out += [Import(name, f"{base}.{alias.name}", node.lineno) for alias in node.names]
    return out


def resolve(target: str, known: Iterable[str]) -> str | None:
    """The longest project module that ``target`` names (``a.b.func`` -> ``a.b``)."""
    parts = target.split(".")
    known = set(known)
    for n in range(len(parts), 0, -1):
        if ".".join(parts[:n]) in known:
            return ".".join(parts[:n])
    return None


def floor_violations(root: Path) -> list[str]:
    """Imports that break the floor rules, as ``file:line: module imports target``."""
    found = []
    for name, path in modules(root).items():
        rule = FORBIDDEN.get(name.split(".")[0], frozenset())
        for imp in imports_of(name, path):
            top = imp.target.split(".")[0]
            if top in rule:
                rel = path.relative_to(root)
                found.append(
                    f"{rel}:{imp.line}: {name} imports {imp.target} "
                    f"(expected no {top} in {name.split('.')[0]}/)"
                )
    return found


def cycles(root: Path) -> list[list[str]]:
    """Strongly connected groups of project modules that import each other (Tarjan)."""
    mods = modules(root)
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for name, path in mods.items():
        for imp in imports_of(name, path):
            dep = resolve(imp.target, mods)
            if dep is not None and dep != name:
                graph[name].add(dep)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def long_strings(root: Path, limit: int = MAX_STRING_LINES) -> list[str]:
    """String literals (f-strings too) spanning more than ``limit`` lines, docstrings aside."""
    found = []
    for path in modules(root).values():
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        docs = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant | ast.JoinedStr) and id(node) not in docs:
                if isinstance(node, ast.Constant) and not isinstance(node.value, str):
                    continue
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > limit:
                    found.append(
                        f"{path.relative_to(root)}:{node.lineno}: a string of "
                        f"{lines} lines (expected at most {limit}; put scripts and "
                        "styles in layers/js, layers/css or ui/js)"
                    )
    return found


def test_floors_hold() -> None:
    assert floor_violations(ROOT) == []


def test_no_import_cycles() -> None:
    assert cycles(ROOT) == []


def test_scripts_and_styles_live_in_files() -> None:
    assert long_strings(ROOT) == []


def test_the_checks_catch_what_they_guard(tmp_path: Path) -> None:
    """A tree that breaks each rule once: each break is reported (the checks can fail)."""
    files = {
        "geo/__init__.py": "",
        "geo/bad.py": "import folium\nfrom layers import map\n",
        "geo/ok.py": "from . import bad\n",
        "layers/__init__.py": "",
        "layers/page.py": "def f():\n    import streamlit as st\n",
        "layers/a.py": "from layers.b import thing\n",
        "layers/b.py": "def g():\n    from .a import other\n",
        "ui/__init__.py": "",
        "ui/panel.py": "import streamlit\nimport layers.a\n",
        "ui/script.py": '"""Doc\n' + "line\n" * 50 + '"""\nJS = """\n' + "x;\n" * 41 + '"""\n',
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, "utf-8")
    bad = floor_violations(tmp_path)
    assert [b.split(": ", 1)[1] for b in bad] == [
        "geo.bad imports folium (expected no folium in geo/)",
        "geo.bad imports layers.map (expected no layers in geo/)",
        "layers.page imports streamlit (expected no streamlit in layers/)",
    ]
    assert cycles(tmp_path) == [["layers.a", "layers.b"]]
    assert [b.split(": ", 1)[1] for b in long_strings(tmp_path)] == [
        "a string of 43 lines (expected at most 40; put scripts and styles in layers/js, "
        "layers/css or ui/js)"
    ]


@pytest.mark.parametrize(
    ("module", "text", "want"),
    [
        ("pkg.mod", "from . import x", "pkg.x"),
        ("pkg.mod", "from .sub import y", "pkg.sub.y"),
        ("pkg.sub.mod", "from .. import z", "pkg.z"),
    ],
)
def test_relative_imports_resolve(tmp_path: Path, module: str, text: str, want: str) -> None:
    path = tmp_path / "m.py"
    path.write_text(text, "utf-8")
    assert [i.target for i in imports_of(module, path)] == [want]
