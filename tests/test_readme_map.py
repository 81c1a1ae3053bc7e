"""The README's "I want to... / I go to" table names only paths that exist."""

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
PATH = re.compile(r"`([\w./-]+/|[\w./-]+\.(?:py|tsv|jsonl|md|toml))`")


def table_rows() -> list[tuple[str, str]]:
    """The rows of the table under "| I want to... | I go to |", as (want, go to)."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("| I want to... | I go to |") + 2
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        want, go = line.strip("|").split("|")[:2]
        rows.append((want.strip(), go))
    return rows


def named_paths(cell: str) -> list[Path]:
    """Each backticked path; a bare file name is in the folder of the path named before it."""
    paths, folder = [], ROOT
    for name in PATH.findall(cell):
        path = ROOT / name if "/" in name.rstrip("/") or name.endswith("/") else folder / name
        folder = path if name.endswith("/") else path.parent
        paths.append(path)
    return paths


def test_the_table_has_rows_that_name_paths() -> None:
    rows = table_rows()
    assert len(rows) >= 8
    assert all(named_paths(go) for _, go in rows)


def test_every_path_in_the_table_exists() -> None:
    missing = [f"{want}: {path.relative_to(ROOT)}" for want, go in table_rows() for path in named_paths(go)
               if not path.exists()]
    assert missing == []
