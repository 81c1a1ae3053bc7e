"""/history: who changed what and when, for a contact (with its notes, tasks, deals) or a deal."""


from handlers.texts.fmt import when
from storage.models import AuditEntry
from tests.conftest import NOW, Chat


def test_contact_history_shows_who_when_and_old_and_new_values(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme GmbH, anna@acme.de")
    chat.say("/edit anna: email=anna.schulz@acme.de, phone=030 1234567")
    chat.say("/note anna: called, wants pricing")
    chat.say("/task call Anna tomorrow 9am")
    chat.say("/add Bob Stone")
    lines = chat.say("/history anna").text.splitlines()
    assert lines[0] == "🕘 History of Anna Schulz (newest first):"
    created = next(e for e in chat.rows(AuditEntry) if e.entity == "contact" and e.action == "create")
    stamp = when(created.created_at, "Europe/Berlin", "en", now=NOW)  # the member's zone
    assert lines[-1] == f"{stamp} · rep1 · ➕ contact #1: Anna Schulz"
    edit = lines.index("   e-mail: anna@acme.de → anna.schulz@acme.de")
    assert lines[edit - 1].endswith(" · rep1 · ✏️ contact #1") and lines[edit + 1] == "   phone: – → +49301234567"
    assert any(line.endswith("➕ note #1: called, wants pricing") for line in lines)
    assert any(line.endswith("➕ task #1: call Anna") for line in lines)
    assert "Bob" not in "\n".join(lines)
    assert chat.button("Anna Schulz").command == "/show #1"


def test_deal_history_shows_stage_and_value_changes(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme GmbH")
    chat.say("/deal Acme rollout 12k EUR proposal #1")
    chat.say("/stage acme won")
    text = chat.say("/history #deal:1").text
    assert text.startswith("🕘 History of Acme rollout (newest first):")
    assert "   stage: Proposal → Won" in text
    assert "   probability: 50 → 100" in text
    assert "➕ stage change #2: Won" in text and "➕ stage change #1: Proposal" in text
    assert "➕ deal #1: Acme rollout" in text


def test_undone_changes_are_marked(chat: Chat) -> None:
    chat.say("/add Anna Schulz")
    chat.say("/edit anna: email=anna@acme.de")
    chat.say("/undo")
    text = chat.say("/history anna").text
    assert "✏️ contact #1 (undone)" in text


def test_history_in_german_and_of_a_merged_contact(chat: Chat) -> None:
    chat.language = "de"
    chat.say("/neu Anna Schulz, anna@acme.de")
    chat.say("/neu ! A. Schulz, +49 170 1234567")
    chat.say("/zusammenführen #1 #2")
    text = chat.say("/verlauf anna").text
    assert text.startswith("🕘 Verlauf von Anna Schulz (neueste zuerst):")
    assert "   Telefon: – → +491701234567" in text
    assert "🗑 Kontakt #2: A. Schulz" in text and "➕ Kontakt #2: A. Schulz" in text  # the merged one's trail too
    assert "➕ Notiz #1: auch: Name A. Schulz" in text


def test_history_of_an_erased_person_keeps_no_personal_data(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme GmbH")
    chat.say("/deal Acme rollout 12k #1")
    chat.say("/privacy erase anna yes")
    text = chat.say("/history #deal:1").text
    assert "Anna" not in text
    assert "   contact: #1 → –" in text


def test_nothing_recorded_and_unknown_names(chat: Chat) -> None:
    assert 'nothing matching "zoltan"' in chat.say("/history zoltan").text
    assert "/history anna or /history #deal:3" in chat.say("/history").text
