"""A SELECT of more columns than sqlmodel's typed `select` overloads cover (they stop at four)."""

from typing import Any

from sqlmodel.sql.expression import Select


def select_columns(*columns: Any) -> Select[*tuple[Any, ...]]:
    """The same statement sqlmodel's `select` builds for several columns; its rows are untyped tuples."""
    return Select(*columns)
