"""A saved row's id is a plain int; asking for it before the row is flushed raises instead of giving None."""

import pytest
from sqlmodel import select

from storage.db import Database
from storage.ids import Unsaved, id_column, id_of
from storage.models import Workspace
from tests.conftest import NOW


def test_id_of_a_flushed_row_is_its_id(db: Database) -> None:
    with db.transaction(now=NOW) as session:
        workspace = Workspace(key="console:ids", name="ids")
        session.add(workspace)
        session.flush()
        assert id_of(workspace) == workspace.id


def test_id_of_an_unsaved_row_raises() -> None:
    with pytest.raises(Unsaved, match="Workspace"):
        id_of(Workspace(key="console:new", name="new"))


def test_id_column_selects_the_ids(db: Database) -> None:
    with db.transaction(now=NOW) as session:
        for key in ("console:a", "console:b"):
            session.add(Workspace(key=key, name=key))
        session.flush()
        ids = list(session.exec(select(id_column(Workspace)).where(Workspace.name.startswith("console:"))))
        assert len(ids) == 2 and all(isinstance(i, int) for i in ids)
