"""The pipeline's sums kept by triggers, and indexes for reports over periods.

`pipelinetotal` holds per workspace, stage, owner and currency the deals' count, value and
probability-weighted value. Triggers on `deal` keep it on every insert, update and delete, so every
write path (commands, imports, merges, undo, bulk SQL) keeps it true; it is filled from `deal` here.
A row whose count falls to zero is removed. On PostgreSQL one update touches its two rows in key
order, so two writers moving deals in opposite directions wait for each other instead of deadlocking.

A later migration that recreates `deal` on SQLite (batch mode) must create these triggers again.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

KEY = "workspace_id, stage_id, owner_key, currency"
WATCHED = "workspace_id, stage_id, owner_id, currency, value_cents, probability"


def _sqlite_add(row: str, sign: str) -> str:
    """Add (sign "") or take away (sign "-") one deal, `row` being NEW or OLD, then drop an emptied row."""
    return (f"INSERT INTO pipelinetotal ({KEY}, deals, value_cents, weighted) VALUES ({row}.workspace_id, "
            f"{row}.stage_id, COALESCE({row}.owner_id, 0), {row}.currency, {sign}1, {sign}{row}.value_cents, "
            f"{sign}{row}.value_cents * {row}.probability) ON CONFLICT ({KEY}) DO UPDATE SET "
            "deals = deals + excluded.deals, value_cents = value_cents + excluded.value_cents, "
            "weighted = weighted + excluded.weighted; "
            f"DELETE FROM pipelinetotal WHERE workspace_id = {row}.workspace_id AND stage_id = {row}.stage_id "
            f"AND owner_key = COALESCE({row}.owner_id, 0) AND currency = {row}.currency AND deals = 0;")


SQLITE_UP = [
    f"CREATE TRIGGER deal_total_insert AFTER INSERT ON deal BEGIN {_sqlite_add('NEW', '')} END",
    f"CREATE TRIGGER deal_total_delete AFTER DELETE ON deal BEGIN {_sqlite_add('OLD', '-')} END",
    f"CREATE TRIGGER deal_total_update AFTER UPDATE OF {WATCHED} ON deal "
    "WHEN OLD.workspace_id IS NOT NEW.workspace_id OR OLD.stage_id IS NOT NEW.stage_id "
    "OR OLD.owner_id IS NOT NEW.owner_id OR OLD.currency IS NOT NEW.currency "
    "OR OLD.value_cents IS NOT NEW.value_cents OR OLD.probability IS NOT NEW.probability "
    f"BEGIN {_sqlite_add('OLD', '-')} {_sqlite_add('NEW', '')} END",
]
SQLITE_DOWN = ["DROP TRIGGER deal_total_update", "DROP TRIGGER deal_total_delete", "DROP TRIGGER deal_total_insert"]

POSTGRES_UP = [
    f"""CREATE FUNCTION pipeline_total_add(ws integer, stage integer, member_key integer, cur varchar, n integer,
                                       cents bigint, weighted_cents bigint) RETURNS void AS $$
BEGIN
    INSERT INTO pipelinetotal AS t ({KEY}, deals, value_cents, weighted)
    VALUES (ws, stage, member_key, cur, n, cents, weighted_cents)
    ON CONFLICT ({KEY}) DO UPDATE SET deals = t.deals + EXCLUDED.deals,
        value_cents = t.value_cents + EXCLUDED.value_cents, weighted = t.weighted + EXCLUDED.weighted;
    DELETE FROM pipelinetotal
    WHERE workspace_id = ws AND stage_id = stage AND owner_key = member_key AND currency = cur AND deals = 0;
END $$ LANGUAGE plpgsql""",
    """CREATE FUNCTION pipeline_total_keep() RETURNS trigger AS $$
DECLARE
    old_first boolean;
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM pipeline_total_add(NEW.workspace_id, NEW.stage_id, COALESCE(NEW.owner_id, 0), NEW.currency, 1,
                                   NEW.value_cents, NEW.value_cents::bigint * NEW.probability);
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        PERFORM pipeline_total_add(OLD.workspace_id, OLD.stage_id, COALESCE(OLD.owner_id, 0), OLD.currency, -1,
                                   -OLD.value_cents, -OLD.value_cents::bigint * OLD.probability);
        RETURN NULL;
    END IF;
    IF (OLD.workspace_id, OLD.stage_id, OLD.owner_id, OLD.currency, OLD.value_cents, OLD.probability)
       IS NOT DISTINCT FROM (NEW.workspace_id, NEW.stage_id, NEW.owner_id, NEW.currency, NEW.value_cents,
                             NEW.probability) THEN
        RETURN NULL;
    END IF;
    old_first := (OLD.workspace_id, OLD.stage_id, COALESCE(OLD.owner_id, 0), OLD.currency)
                 <= (NEW.workspace_id, NEW.stage_id, COALESCE(NEW.owner_id, 0), NEW.currency);
    IF NOT old_first THEN
        PERFORM pipeline_total_add(NEW.workspace_id, NEW.stage_id, COALESCE(NEW.owner_id, 0), NEW.currency, 1,
                                   NEW.value_cents, NEW.value_cents::bigint * NEW.probability);
    END IF;
    PERFORM pipeline_total_add(OLD.workspace_id, OLD.stage_id, COALESCE(OLD.owner_id, 0), OLD.currency, -1,
                               -OLD.value_cents, -OLD.value_cents::bigint * OLD.probability);
    IF old_first THEN
        PERFORM pipeline_total_add(NEW.workspace_id, NEW.stage_id, COALESCE(NEW.owner_id, 0), NEW.currency, 1,
                                   NEW.value_cents, NEW.value_cents::bigint * NEW.probability);
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql""",
    f"CREATE TRIGGER deal_total AFTER INSERT OR DELETE OR UPDATE OF {WATCHED} ON deal "
    "FOR EACH ROW EXECUTE FUNCTION pipeline_total_keep()",
]
POSTGRES_DOWN = ["DROP TRIGGER deal_total ON deal", "DROP FUNCTION pipeline_total_keep()",
                 "DROP FUNCTION pipeline_total_add(integer, integer, integer, varchar, integer, bigint, bigint)"]

BACKFILL = (f"INSERT INTO pipelinetotal ({KEY}, deals, value_cents, weighted) "
            "SELECT workspace_id, stage_id, COALESCE(owner_id, 0), currency, COUNT(*), SUM(value_cents), "
            "SUM(CAST(value_cents AS BIGINT) * probability) FROM deal "
            "GROUP BY workspace_id, stage_id, COALESCE(owner_id, 0), currency")


def upgrade() -> None:
    op.create_table(
        "pipelinetotal",
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("stage_id", sa.Integer(), nullable=False),
        sa.Column("owner_key", sa.Integer(), nullable=False),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("deals", sa.Integer(), nullable=False),
        sa.Column("value_cents", sa.BigInteger(), nullable=False),
        sa.Column("weighted", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("workspace_id", "stage_id", "owner_key", "currency"),
    )
    op.execute(BACKFILL)
    for statement in SQLITE_UP if op.get_bind().dialect.name == "sqlite" else POSTGRES_UP:
        op.execute(statement)
    op.drop_index("ix_deal_pipeline", table_name="deal")
    op.create_index("ix_deal_top", "deal", ["workspace_id", "stage_id", "value_cents"], unique=False)
    op.create_index("ix_deal_created", "deal", ["workspace_id", "created_at", "currency", "value_cents", "owner_id"],
                    unique=False)
    op.create_index("ix_deal_closing", "deal", ["workspace_id", "close_date", "stage_id", "currency", "value_cents",
                                                "probability", "owner_id"], unique=False)
    op.create_index("ix_dealstagechange_entered", "dealstagechange",
                    ["workspace_id", "to_stage_id", "changed_at", "deal_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_dealstagechange_entered", table_name="dealstagechange")
    op.drop_index("ix_deal_closing", table_name="deal")
    op.drop_index("ix_deal_created", table_name="deal")
    op.drop_index("ix_deal_top", table_name="deal")
    op.create_index("ix_deal_pipeline", "deal", ["workspace_id", "stage_id", "currency", "value_cents", "probability"],
                    unique=False)
    for statement in SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else POSTGRES_DOWN:
        op.execute(statement)
    op.drop_table("pipelinetotal")
