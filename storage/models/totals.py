"""The pipeline's sums, kept by the database: one row per workspace, stage, owner and currency."""

from sqlalchemy import BigInteger
from sqlmodel import Field, SQLModel

NO_OWNER = 0  # the owner key of deals without an owner (a key column cannot be NULL)


class PipelineTotal(SQLModel, table=True):
    """How many deals and how much value sit in a stage, per owner and currency.

    Triggers on `deal` (migration 0019) keep it: every insert, update of stage, owner, currency, value or
    probability, and delete, whichever path made it (commands, imports, merges, undo). A row whose count
    falls to zero is removed, so the table always equals a GROUP BY over `deal`.
    """

    workspace_id: int = Field(primary_key=True)
    stage_id: int = Field(primary_key=True)
    owner_key: int = Field(primary_key=True)  # the owner's member id, NO_OWNER for none
    currency: str = Field(primary_key=True, max_length=3)
    deals: int
    value_cents: int = Field(sa_type=BigInteger)
    weighted: int = Field(sa_type=BigInteger)  # the sum of value_cents x probability (percent)
