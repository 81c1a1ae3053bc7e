"""The import direction bot → handlers → storage, checked on the source."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
FORBIDDEN = {
    "handlers": ("telegram", "slack_bolt", "slack_sdk", "bot"),
    "storage": ("telegram", "slack_bolt", "slack_sdk", "bot", "handlers"),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_core_does_not_import_the_edges(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files
    offenders = {str(f.relative_to(ROOT)): sorted(imported_modules(f) & set(FORBIDDEN[package])) for f in files}
    assert {f: names for f, names in offenders.items() if names} == {}
