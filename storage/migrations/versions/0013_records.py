"""Records a CRM needs: several e-mails and phones, addresses, structured names, contact and company details.

The data step turns the "also: e-mail x" / "auch: Telefon x" lines that imports and merges wrote into notes
into real e-mails and phones (a contact without one gets it as its first), and takes the lines out of the note.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-25
"""
import re

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

ALSO = re.compile(r"^(?:also|auch): (?P<kind>e-mail|phone|telefon) (?P<value>\S.*?)\s*$", re.IGNORECASE)
CONTACT_COLUMNS = [("email_label", 20), ("phone_label", 20), ("given_name", 100), ("middle_name", 100),
                   ("family_name", 100), ("name_prefix", 50), ("name_suffix", 50), ("title", 200),
                   ("department", 200), ("birthday", 10), ("website", 300)]
COMPANY_COLUMNS = [("website", 300), ("industry", 100), ("size", 40), ("phone", 32)]


def _string(name: str, length: int) -> sa.Column:
    return sa.Column(name, sqlmodel.sql.sqltypes.AutoString(length=length), nullable=True)


def _child(name: str, value: str, length: int) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column(value, sqlmodel.sql.sqltypes.AutoString(length=length), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"]),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspace.id"]),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    op.create_index(f"ix_{name}_workspace_id", name, ["workspace_id"], unique=False)
    op.create_index(f"ix_{name}_contact_id", name, ["contact_id"], unique=False)
    op.create_index(f"ix_{name}_ws_{value}", name, ["workspace_id", value], unique=False)


def upgrade() -> None:
    with op.batch_alter_table("contact") as batch_op:
        for name, length in CONTACT_COLUMNS:
            batch_op.add_column(_string(name, length))
        batch_op.add_column(sa.Column("socials", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("latitude", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("longitude", sa.Float(), nullable=True))
    with op.batch_alter_table("company") as batch_op:
        for name, length in COMPANY_COLUMNS:
            batch_op.add_column(_string(name, length))
        batch_op.add_column(sa.Column("latitude", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("longitude", sa.Float(), nullable=True))
    _child("contactemail", "email", 254)
    _child("contactphone", "phone", 32)
    op.create_table(
        "address",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("owner_kind", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("street", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("postcode", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("city", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("region", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("country", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspace.id"]),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_address_workspace_id", "address", ["workspace_id"], unique=False)
    op.create_index("ix_address_owner", "address", ["workspace_id", "owner_kind", "owner_id"], unique=False)
    move_also_lines(op.get_bind())


def move_also_lines(connection: sa.engine.Connection) -> None:
    """Each note line "also: e-mail x" / "auch: Telefon x" becomes a real e-mail or phone of its contact."""
    notes = connection.execute(sa.text(
        "SELECT i.id, i.workspace_id, i.contact_id, i.text, c.email, c.phone FROM interaction i "
        "JOIN contact c ON c.id = i.contact_id AND c.workspace_id = i.workspace_id "
        "WHERE i.kind = 'note' AND (i.text LIKE '%also: %' OR i.text LIKE '%auch: %') ORDER BY i.id")).all()
    known: dict[int, dict[str, list[str | None]]] = {}
    for note_id, workspace_id, contact_id, text, email, phone in notes:
        have = known.setdefault(contact_id, {"email": [email], "phone": [phone]})
        kept = []
        for line in text.split("\n"):
            match = ALSO.match(line)
            if not match:
                kept.append(line)
                continue
            kind = "email" if match["kind"].lower() == "e-mail" else "phone"
            value = match["value"]
            if value in have[kind]:
                continue
            if have[kind][0] is None:
                connection.execute(sa.text(f"UPDATE contact SET {kind} = :value WHERE id = :id AND workspace_id = :ws"),
                                   {"value": value, "id": contact_id, "ws": workspace_id})
                have[kind][0] = value
                continue
            connection.execute(sa.text(
                f"INSERT INTO contact{kind} (workspace_id, contact_id, {kind}, label, position) "
                f"VALUES (:ws, :contact, :value, 'other', :position)"),
                {"ws": workspace_id, "contact": contact_id, "value": value, "position": len(have[kind])})
            have[kind].append(value)
        rest = "\n".join(kept).strip()
        if rest == text:
            continue
        if rest:
            connection.execute(sa.text("UPDATE interaction SET text = :text WHERE id = :id"), {"text": rest, "id": note_id})
        else:
            connection.execute(sa.text("DELETE FROM interaction WHERE id = :id"), {"id": note_id})


def downgrade() -> None:
    op.drop_index("ix_address_owner", table_name="address")
    op.drop_index("ix_address_workspace_id", table_name="address")
    op.drop_table("address")
    for name, value in (("contactphone", "phone"), ("contactemail", "email")):
        op.drop_index(f"ix_{name}_ws_{value}", table_name=name)
        op.drop_index(f"ix_{name}_contact_id", table_name=name)
        op.drop_index(f"ix_{name}_workspace_id", table_name=name)
        op.drop_table(name)
    with op.batch_alter_table("company") as batch_op:
        for name in ["longitude", "latitude", *[name for name, _ in reversed(COMPANY_COLUMNS)]]:
            batch_op.drop_column(name)
    with op.batch_alter_table("contact") as batch_op:
        for name in ["longitude", "latitude", "socials", *[name for name, _ in reversed(CONTACT_COLUMNS)]]:
            batch_op.drop_column(name)
