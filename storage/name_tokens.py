"""The name search's words on disk: written with each change of a name, read word by word.

A record's folded name ("anna muller") is stored once per word, so the records holding a word are an
index range, shortest names first. name_word counts each workspace's holders of a word: the vocabulary
the engine fuzzy-matches in memory.
"""

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import TextClause, Update, bindparam, delete, insert, text, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from storage.ids import id_of
from storage.models import NameToken, NameWord, Workspace

CHUNK = 500  # ids or words per IN list
DRIVE_LIMIT = 20_000  # holders of the rarest query word tested for the other words
Change = tuple[str, int, str | None, str | None]  # kind, id, name (None: gone), folded key
NameRow = tuple[str, int, str, str]  # kind, id, name, folded key


def vocabulary(*, session: Session, workspace_id: int) -> list[tuple[str, int]]:
    """Every distinct name word of the workspace, with how many records hold it."""
    return [(token, holders) for token, holders in session.execute(
        select(NameWord.token, NameWord.holders).where(NameWord.workspace_id == workspace_id))]


def token_rows(workspace_id: int, kind: str, record_id: int, name: str, key: str) -> list[dict[str, Any]]:
    return [{"workspace_id": workspace_id, "token": token, "length": len(key), "kind": kind,
             "record_id": record_id, "name": name, "key": key} for token in dict.fromkeys(key.split())]


def replace(*, session: Session, workspace_id: int, changes: Sequence[Change],
            new: Collection[tuple[str, int]] = ()) -> dict[str, int]:
    """Store the changed records' words, in the caller's transaction; the touched words' new holder counts.

    `new` holds the (kind, id) of records made in this transaction: they have no stored words to replace.
    A count of 0 means the word left the vocabulary.
    """
    latest = {(kind, row_id): (name, key) for kind, row_id, name, key in changes}
    delta: Counter[str] = Counter()
    for kind in {kind for kind, _ in latest}:
        ids = [row_id for k, row_id in latest if k == kind and (k, row_id) not in new]
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            old = (col(NameToken.workspace_id) == workspace_id, col(NameToken.kind) == kind,
                   col(NameToken.record_id).in_(chunk))
            delta.subtract(token for (token,) in session.execute(select(NameToken.token).where(*old)))
            session.execute(delete(NameToken).where(*old))
    rows = [row for (kind, row_id), (name, key) in latest.items() if name is not None
            for row in token_rows(workspace_id, kind, row_id, name, key or "")]
    delta.update(row["token"] for row in rows)
    for start in range(0, len(rows), CHUNK):
        session.execute(insert(NameToken), rows[start:start + CHUNK])
    return _count(session, workspace_id, {token: n for token, n in delta.items() if n})


def _count(session: Session, workspace_id: int, delta: dict[str, int]) -> dict[str, int]:
    """Add the deltas to the words' holder counts (one upsert returns the new counts); drop words nobody holds."""
    if not delta:
        return {}
    counts: dict[str, int] = {}
    ordered = sorted(delta.items())  # one order for all writers: no deadlock on PostgreSQL
    for start in range(0, len(ordered), CHUNK):
        part = ordered[start:start + CHUNK]
        params: dict[str, Any] = {"ws": workspace_id}
        for i, (token, n) in enumerate(part):
            params[f"t{i}"], params[f"n{i}"] = token, n
        counts.update((token, n) for token, n in session.execute(_upsert(len(part)), params))
    gone = [token for token, n in counts.items() if n <= 0]
    for start in range(0, len(gone), CHUNK):
        session.execute(delete(NameWord).where(col(NameWord.workspace_id) == workspace_id,
                                               col(NameWord.token).in_(gone[start:start + CHUNK]),
                                               col(NameWord.holders) <= 0))
    return {token: max(n, 0) for token, n in counts.items()}


def _upsert(rows: int) -> TextClause:
    """Add to the holder counts of `rows` words, returning the new counts: the same SQL on SQLite and PostgreSQL,
    made once per number of rows (a statement built with the dialects' insert is compiled anew each time)."""
    values = ", ".join(f"(:ws, :t{i}, :n{i})" for i in range(rows))
    return _sql(f"INSERT INTO name_word (workspace_id, token, holders) VALUES {values} ON CONFLICT (workspace_id, token) "
                "DO UPDATE SET holders = name_word.holders + excluded.holders RETURNING token, holders")


def bump_revision(*, session: Session, workspace: Workspace) -> int:
    """Count a change of names or custom fields in the workspace's revision; the new revision, also set on the row."""
    revision: int = session.execute(_bump_revision_statement(), {"workspace_id": id_of(workspace)}).scalar_one()
    set_committed_value(workspace, "revision", revision)
    return revision


@lru_cache(maxsize=1)
def _bump_revision_statement() -> Update:
    return (update(Workspace).where(col(Workspace.id) == bindparam("workspace_id"))
            .values(revision=Workspace.revision + 1).returning(col(Workspace.revision)))


COLUMNS = "kind, record_id, name, key"


def _in(prefix: str, values: Sequence[str], params: dict[str, Any]) -> str:
    """An IN list of bound parameters (plain SQL text: building this with SQLAlchemy constructs costs more
    than running it)."""
    names = [f"{prefix}{i}" for i in range(len(values))]
    params.update(zip(names, values, strict=True))
    return "(" + ", ".join(f":{name}" for name in names) + ")"


def holders(*, session: Session, workspace_id: int, tokens: Iterable[tuple[str, int]],
            kinds: Sequence[str]) -> list[NameRow]:
    """(kind, id, name, key) of the records holding each word, the `n` shortest names per (word, n)."""
    params: dict[str, Any] = {"ws": workspace_id}
    kinds_in = _in("k", kinds, params)
    parts = []
    for i, (token, n) in enumerate(tokens):
        params[f"t{i}"], params[f"n{i}"] = token, n
        parts.append(f"SELECT * FROM (SELECT {COLUMNS} FROM name_token WHERE workspace_id = :ws AND token = :t{i} "
                     f"AND kind IN {kinds_in} ORDER BY length, record_id LIMIT :n{i}) AS w{i}")
    if not parts:
        return []
    return _rows(session.execute(_sql(" UNION ALL ".join(parts)), params))


def holding_all(*, session: Session, workspace_id: int, groups: Sequence[Sequence[str]], kinds: Sequence[str],
                limit: int) -> list[NameRow]:
    """Records holding a word of every group, shortest names first.

    The first group (the rarest) drives: its holders are read first (the LIMIT keeps the planner from
    starting elsewhere, and bounds the work), then each is tested for the other groups' words.
    """
    params: dict[str, Any] = {"ws": workspace_id, "limit": limit, "drive": DRIVE_LIMIT}
    first, *others = groups
    sql = (f"SELECT {COLUMNS} FROM (SELECT {COLUMNS}, length FROM name_token WHERE workspace_id = :ws "
           f"AND token IN {_in('g', first, params)} AND kind IN {_in('k', kinds, params)} LIMIT :drive) AS t WHERE 1 = 1")
    for i, group in enumerate(others):
        sql += (f" AND EXISTS (SELECT 1 FROM name_token AS o WHERE o.workspace_id = :ws AND o.kind = t.kind "
                f"AND o.record_id = t.record_id AND o.token IN {_in(f'o{i}_', group, params)})")
    return _rows(session.execute(_sql(sql + " ORDER BY t.length, t.record_id LIMIT :limit"), params))


def with_key(*, session: Session, workspace_id: int, token: str, key: str, kind: str, limit: int) -> list[NameRow]:
    """Records of a kind whose whole folded name is `key` (token: one of its words) or, with token == key, holds it."""
    sql = f"SELECT {COLUMNS} FROM name_token WHERE workspace_id = :ws AND token = :token AND kind = :kind"
    if token != key:
        sql += " AND length = :length AND key = :key"
    params = {"ws": workspace_id, "token": token, "kind": kind, "length": len(key), "key": key, "limit": limit}
    return _rows(session.execute(_sql(sql + " ORDER BY length, record_id LIMIT :limit"), params))


@lru_cache(maxsize=1024)
def _sql(sql: str) -> TextClause:
    """The statement for this SQL, made once: a fresh `text` parses its binds and builds its cache key each time."""
    return text(sql)


def _rows(result: Iterable[Any]) -> list[NameRow]:
    return [(kind, record_id, name, key) for kind, record_id, name, key in result]


def rebuild(*, session: Session, workspace_id: int, names: Iterable[tuple[str, int, str, str]]) -> None:
    """Replace the workspace's words with those of (kind, id, name, key) rows: for bulk loads."""
    session.execute(delete(NameToken).where(col(NameToken.workspace_id) == workspace_id))
    session.execute(delete(NameWord).where(col(NameWord.workspace_id) == workspace_id))
    counts: Counter[str] = Counter()
    batch: list[dict[str, Any]] = []
    for kind, row_id, name, key in names:
        rows = token_rows(workspace_id, kind, row_id, name, key)
        counts.update(row["token"] for row in rows)
        batch += rows
        if len(batch) >= 5000:
            session.execute(insert(NameToken), batch)
            batch = []
    if batch:
        session.execute(insert(NameToken), batch)
    words = [{"workspace_id": workspace_id, "token": t, "holders": n} for t, n in counts.items()]
    for start in range(0, len(words), 5000):
        session.execute(insert(NameWord), words[start:start + 5000])
