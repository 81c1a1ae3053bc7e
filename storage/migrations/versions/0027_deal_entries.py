"""What a report sums of each deal, kept by triggers: one row per deal with its stage, when it last entered that
stage, its currency, value, owner, creation time and its contact's source.

"Won this month" is the deals now in the won stage whose last move into it falls in the month. It was read as the
month's moves into the stage (a range of ix_dealstagechange_entered), each checked for a later move into the stage
and its deal looked up by id: 31 ms on SQLite and 57 ms on PostgreSQL for the 5,916 deals won in a month at 1M
contacts. `/report sources` also looked up each deal's contact, which PostgreSQL did by hashing every contact. Now
the period's won, lost and new deals are each one range of a covering index of `dealentry` (ix_dealentry_entered,
ix_dealentry_created), in any grouping: 1.8 ms and 4–6 ms.

A deal's row is worked out again from the deal, its moves and its contact whenever one of them changes (commands,
imports, undo, erasure, bulk SQL): a deal inserted or changed in a column the row copies, a move inserted, deleted
or changed; a contact's new source is copied to its deals' rows. A deal without a move into its stage has no
`entered_at`. Deleting a deal takes its row along (ON DELETE CASCADE).

On PostgreSQL the work-out locks the deal (FOR NO KEY UPDATE, which a move's foreign key check does not wait for)
and shares a lock on its contact (FOR SHARE, which waits for a change of the contact's source), so two transactions
writing one deal take turns, and a source changed at the same time reaches the row either way.

A later migration that recreates `deal`, `dealstagechange` or `contact` on SQLite (batch mode) must create these
triggers again.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-07
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None

COLUMNS = "deal_id, workspace_id, stage_id, entered_at, currency, value_cents, owner_id, contact_id, source, created_at"
DEAL_WATCHED = ("workspace_id", "stage_id", "currency", "value_cents", "owner_id", "contact_id", "created_at")
CHANGE_WATCHED = ("deal_id", "to_stage_id", "changed_at")
INDEXES = {
    "ix_dealentry_entered": ["workspace_id", "stage_id", "entered_at", "currency", "value_cents", "owner_id", "source",
                             "created_at"],
    "ix_dealentry_created": ["workspace_id", "created_at", "currency", "value_cents", "owner_id", "source"],
    "ix_dealentry_contact": ["contact_id"],
}


def _entries(where: str) -> str:
    """The rows of the deals `where` picks (over `d`)."""
    return (f"INSERT INTO dealentry ({COLUMNS}) SELECT d.id, d.workspace_id, d.stage_id, "
            "(SELECT max(c.changed_at) FROM dealstagechange AS c WHERE c.deal_id = d.id AND c.to_stage_id = d.stage_id), "
            "d.currency, d.value_cents, d.owner_id, d.contact_id, "
            f"(SELECT p.source FROM contact AS p WHERE p.id = d.contact_id), d.created_at FROM deal AS d WHERE {where}")


def _sqlite_refresh(deal: str) -> str:
    return f"DELETE FROM dealentry WHERE deal_id = {deal}; {_entries(f'd.id = {deal}')};"


def _changed(columns: tuple[str, ...]) -> str:
    return " OR ".join(f"OLD.{name} IS NOT NEW.{name}" for name in columns)


SOURCE_COPY = "UPDATE dealentry SET source = NEW.source WHERE contact_id = NEW.id"
SQLITE_UP = [
    f"CREATE TRIGGER entry_deal_insert AFTER INSERT ON deal BEGIN {_sqlite_refresh('NEW.id')} END",
    f"CREATE TRIGGER entry_deal_update AFTER UPDATE OF {', '.join(DEAL_WATCHED)} ON deal "
    f"WHEN {_changed(DEAL_WATCHED)} BEGIN {_sqlite_refresh('NEW.id')} END",
    f"CREATE TRIGGER entry_change_insert AFTER INSERT ON dealstagechange BEGIN {_sqlite_refresh('NEW.deal_id')} END",
    f"CREATE TRIGGER entry_change_delete AFTER DELETE ON dealstagechange BEGIN {_sqlite_refresh('OLD.deal_id')} END",
    f"CREATE TRIGGER entry_change_update AFTER UPDATE OF {', '.join(CHANGE_WATCHED)} ON dealstagechange "
    f"WHEN {_changed(CHANGE_WATCHED)} BEGIN {_sqlite_refresh('OLD.deal_id')} {_sqlite_refresh('NEW.deal_id')} END",
    "CREATE TRIGGER entry_contact_source AFTER UPDATE OF source ON contact WHEN OLD.source IS NOT NEW.source "
    f"BEGIN {SOURCE_COPY}; END",
]
SQLITE_DOWN = ["DROP TRIGGER entry_contact_source", "DROP TRIGGER entry_change_update", "DROP TRIGGER entry_change_delete",
               "DROP TRIGGER entry_change_insert", "DROP TRIGGER entry_deal_update", "DROP TRIGGER entry_deal_insert"]


def _unless_changed(columns: tuple[str, ...]) -> str:
    """A trigger function's first lines: an update that leaves `columns` as they were changes nothing here."""
    old, new = (", ".join(f"{row}.{name}" for name in columns) for row in ("OLD", "NEW"))
    return f"IF TG_OP = 'UPDATE' AND ({old}) IS NOT DISTINCT FROM ({new}) THEN\n        RETURN NULL;\n    END IF;"


POSTGRES_UP = [
    f"""CREATE FUNCTION deal_entry_refresh(target integer) RETURNS void AS $$
BEGIN
    PERFORM 1 FROM deal WHERE id = target FOR NO KEY UPDATE;
    PERFORM 1 FROM contact WHERE id = (SELECT contact_id FROM deal WHERE id = target) FOR SHARE;
    DELETE FROM dealentry WHERE deal_id = target;
    {_entries('d.id = target')};
END $$ LANGUAGE plpgsql""",
    f"""CREATE FUNCTION deal_entry_of_deal() RETURNS trigger AS $$
BEGIN
    {_unless_changed(DEAL_WATCHED)}
    PERFORM deal_entry_refresh(NEW.id);
    RETURN NULL;
END $$ LANGUAGE plpgsql""",
    f"""CREATE FUNCTION deal_entry_of_change() RETURNS trigger AS $$
BEGIN
    {_unless_changed(CHANGE_WATCHED)}
    IF TG_OP <> 'INSERT' THEN
        PERFORM deal_entry_refresh(OLD.deal_id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM deal_entry_refresh(NEW.deal_id);
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql""",
    f"""CREATE FUNCTION deal_entry_of_contact() RETURNS trigger AS $$
BEGIN
    IF OLD.source IS DISTINCT FROM NEW.source THEN
        {SOURCE_COPY};
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql""",
    f"CREATE TRIGGER entry_deal AFTER INSERT OR UPDATE OF {', '.join(DEAL_WATCHED)} ON deal "
    "FOR EACH ROW EXECUTE FUNCTION deal_entry_of_deal()",
    f"CREATE TRIGGER entry_change AFTER INSERT OR DELETE OR UPDATE OF {', '.join(CHANGE_WATCHED)} ON dealstagechange "
    "FOR EACH ROW EXECUTE FUNCTION deal_entry_of_change()",
    "CREATE TRIGGER entry_contact AFTER UPDATE OF source ON contact FOR EACH ROW EXECUTE FUNCTION deal_entry_of_contact()",
]
POSTGRES_DOWN = ["DROP TRIGGER entry_contact ON contact", "DROP TRIGGER entry_change ON dealstagechange",
                 "DROP TRIGGER entry_deal ON deal", "DROP FUNCTION deal_entry_of_contact()",
                 "DROP FUNCTION deal_entry_of_change()", "DROP FUNCTION deal_entry_of_deal()",
                 "DROP FUNCTION deal_entry_refresh(integer)"]


def upgrade() -> None:
    op.create_table(
        "dealentry",
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("stage_id", sa.Integer(), nullable=False),
        sa.Column("entered_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("value_cents", sa.BigInteger(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["deal_id"], ["deal.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("deal_id"),
    )
    for name, columns in INDEXES.items():
        op.create_index(name, "dealentry", columns, unique=False)
    op.execute(_entries("TRUE"))
    sqlite = op.get_bind().dialect.name == "sqlite"
    if not sqlite:  # until autovacuum's first look, the planner would guess the new table's size
        op.execute("ANALYZE dealentry")
    for statement in SQLITE_UP if sqlite else POSTGRES_UP:
        op.execute(statement)


def downgrade() -> None:
    for statement in SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else POSTGRES_DOWN:
        op.execute(statement)
    for name in INDEXES:
        op.drop_index(name, table_name="dealentry")
    op.drop_table("dealentry")
