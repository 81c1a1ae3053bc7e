"""The fuzzy name search's tables: each folded word of a record's name, and each workspace's words."""

from sqlalchemy import Index, PrimaryKeyConstraint
from sqlmodel import Field, SQLModel

WITHOUT_ROWID = {"sqlite_with_rowid": False}  # the primary key is the row: no second copy on SQLite


class NameToken(SQLModel, table=True):
    """One word of a contact's, company's or deal's folded name, with the name itself for showing.

    Read by word, shortest names first ("muller": the records holding it), and by record (to replace
    a renamed record's words, or to test that a record also holds another word).
    """

    __tablename__ = "name_token"
    __table_args__ = (PrimaryKeyConstraint("workspace_id", "token", "length", "kind", "record_id"),
                      Index("ix_name_token_record", "workspace_id", "kind", "record_id", "token"), WITHOUT_ROWID)
    workspace_id: int = Field(foreign_key="workspace.id")
    token: str = Field(max_length=200)
    length: int  # of the whole folded name: the shortest names rank first among a word's holders
    kind: str = Field(max_length=10)  # contact, company, deal
    record_id: int
    name: str = Field(max_length=200)
    key: str = Field(max_length=200)  # the whole folded name


class NameWord(SQLModel, table=True):
    """A workspace's distinct name word and how many records hold it: the vocabulary fuzzy-matched in memory."""

    __tablename__ = "name_word"
    __table_args__ = (PrimaryKeyConstraint("workspace_id", "token"), WITHOUT_ROWID)
    workspace_id: int = Field(foreign_key="workspace.id")
    token: str = Field(max_length=200)
    holders: int
