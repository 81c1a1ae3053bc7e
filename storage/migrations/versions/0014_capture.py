"""Capture: a member's mail address, business card scans waiting for a save, mails filed by Message-ID, and the
bytes of mail attachments.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-25
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("member") as batch_op:
        batch_op.add_column(sa.Column("mail_address", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True))
        batch_op.create_index("ix_member_mail_address", ["mail_address"], unique=False)
    op.create_table(
        "cardscan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("attachment_id", sa.Integer(), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["attachment_id"], ["attachment.id"]),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"]),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspace.id"]),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_cardscan_workspace_id", "cardscan", ["workspace_id"], unique=False)
    op.create_index("ix_cardscan_member_id", "cardscan", ["member_id"], unique=False)
    op.create_table(
        "mailmessage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"]),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspace.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("workspace_id", "message_id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_mailmessage_workspace_id", "mailmessage", ["workspace_id"], unique=False)
    op.create_table(
        "filecontent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("attachment_id", sa.Integer(), nullable=False),
        sa.Column("mime_type", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspace.id"]),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_filecontent_workspace_id", "filecontent", ["workspace_id"], unique=False)
    op.create_index("ix_filecontent_attachment_id", "filecontent", ["attachment_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_filecontent_attachment_id", table_name="filecontent")
    op.drop_index("ix_filecontent_workspace_id", table_name="filecontent")
    op.drop_table("filecontent")
    op.drop_index("ix_mailmessage_workspace_id", table_name="mailmessage")
    op.drop_table("mailmessage")
    op.drop_index("ix_cardscan_member_id", table_name="cardscan")
    op.drop_index("ix_cardscan_workspace_id", table_name="cardscan")
    op.drop_table("cardscan")
    with op.batch_alter_table("member") as batch_op:
        batch_op.drop_index("ix_member_mail_address")
        batch_op.drop_column("mail_address")
