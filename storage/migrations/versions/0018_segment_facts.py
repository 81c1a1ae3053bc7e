"""Segment facts: each contact's number of open deals and open tasks (backfilled here, kept with the score like
the newest interaction time of 0016), with indexes, so `deal:` and `task:` are column filters; and an index of
(workspace, id) that on PostgreSQL also holds every column segments filter on, so a segment's count reads no rows.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

SEGMENT_COLUMNS = ("score", "lead_status", "last_interaction_at", "created_at", "owner_id", "company_id", "open_deals",
                   "open_tasks")  # as storage.models.contacts has them today

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

OPEN_DEALS = """
UPDATE contact SET open_deals = (
    SELECT count(*) FROM deal JOIN pipelinestage ON pipelinestage.id = deal.stage_id
    WHERE deal.workspace_id = contact.workspace_id AND deal.contact_id = contact.id AND NOT pipelinestage.is_closed)
WHERE EXISTS (SELECT 1 FROM deal WHERE deal.workspace_id = contact.workspace_id AND deal.contact_id = contact.id)
"""
OPEN_TASKS = """
UPDATE contact SET open_tasks = (
    SELECT count(*) FROM task
    WHERE task.workspace_id = contact.workspace_id AND task.contact_id = contact.id AND task.done_at IS NULL)
WHERE EXISTS (SELECT 1 FROM task WHERE task.workspace_id = contact.workspace_id AND task.contact_id = contact.id)
"""


def upgrade() -> None:
    with op.batch_alter_table("contact") as batch_op:
        batch_op.add_column(sa.Column("open_deals", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("open_tasks", sa.Integer(), nullable=False, server_default="0"))
    op.execute(OPEN_DEALS)
    op.execute(OPEN_TASKS)
    op.create_index("ix_contact_ws_open", "contact", ["workspace_id", "open_deals", "open_tasks", "score"], unique=False)
    op.create_index("ix_contact_ws_tasks", "contact", ["workspace_id", "open_tasks"], unique=False)
    op.create_index("ix_contact_ws_segment", "contact", ["workspace_id", "id"], unique=False,
                    postgresql_include=list(SEGMENT_COLUMNS))


def downgrade() -> None:
    op.drop_index("ix_contact_ws_segment", table_name="contact")
    op.drop_index("ix_contact_ws_tasks", table_name="contact")
    op.drop_index("ix_contact_ws_open", table_name="contact")
    with op.batch_alter_table("contact") as batch_op:
        batch_op.drop_column("open_tasks")
        batch_op.drop_column("open_deals")
