"""Outreach: segments of contacts (saved queries, bulk actions with one undo) and campaigns over them."""
