"""Erased people's custom values and tags: erasing a person left their custom field values (which may be personal
data, a hobby, a birthday) and their taggings behind, and the change log kept what was said of those values. This
deletes both for every contact that was erased and is gone, and scrubs the log's entries about the values as an
erase does. A contact that was only deleted keeps them: /undo of that delete still brings it back with them.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-03
"""
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

ERASED_PEOPLE = ("SELECT entity_id FROM auditentry WHERE entity = 'contact' AND action = 'erase' "
                 "AND entity_id NOT IN (SELECT id FROM contact)")
THEIR_VALUES = f"SELECT id FROM customvalue WHERE entity = 'contact' AND entity_id IN ({ERASED_PEOPLE})"
MARK = '{"erased": true}'  # storage.trail.ERASED


def upgrade() -> None:
    about = f"entity = 'customvalue' AND entity_id IN ({THEIR_VALUES})"
    op.execute("UPDATE auditentry SET undone = TRUE WHERE batch IN "
               f"(SELECT batch FROM auditentry WHERE {about})")  # as trail.scrub: the whole command leaves /undo
    op.execute(f"UPDATE auditentry SET \"before\" = CASE WHEN \"before\" IS NULL THEN NULL ELSE '{MARK}' END, "
               f"\"after\" = CASE WHEN \"after\" IS NULL THEN NULL ELSE '{MARK}' END WHERE {about}")
    op.execute(f"DELETE FROM customvalue WHERE id IN ({THEIR_VALUES})")
    op.execute(f"DELETE FROM tagging WHERE entity = 'contact' AND entity_id IN ({ERASED_PEOPLE})")


def downgrade() -> None:
    pass  # erased data does not come back
