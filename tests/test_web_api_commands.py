"""The API creates deals and tasks through the chat's own use cases: the same audit entries, and /undo undoes them."""

from sqlmodel import Session, select

from storage.models import AuditEntry, Deal, DealStageChange, Task
from tests.web_harness import Web, web  # noqa: F401  (the fixture)


def audit_of(web: Web, entity: str) -> list[tuple[str, str]]:
    """(entity, action) of the last command that touched an entity of this kind, in order."""
    with Session(web.crm.db.engine) as session:
        last = session.exec(select(AuditEntry).where(AuditEntry.entity == entity)
                            .order_by(AuditEntry.id.desc())).first()  # type: ignore[union-attr]
        assert last is not None
        return [(e.entity, e.action) for e in session.exec(select(AuditEntry).where(AuditEntry.batch == last.batch)
                                                           .order_by(AuditEntry.id))]  # type: ignore[arg-type]


def test_an_api_deal_is_audited_like_a_chat_deal_and_undone_from_chat(web: Web) -> None:
    web.chat.say("/deal Chat rollout 5000 proposal")
    from_chat = audit_of(web, "deal")
    api = web.api(web.api_token())
    created = api.post("/deals", json={"title": "Api rollout", "value_cents": 500_000, "stage": "proposal"})
    assert created.status_code == 201, created.text
    assert audit_of(web, "deal") == from_chat
    assert "Undone" in web.chat.say("/undo").text
    with Session(web.crm.db.engine) as session:
        assert [d.title for d in session.exec(select(Deal))] == ["Chat rollout"]
        assert len(list(session.exec(select(DealStageChange)))) == 1


def test_an_api_task_is_audited_like_a_chat_task_and_undone_from_chat(web: Web) -> None:
    web.chat.say("/task call the bank")
    from_chat = audit_of(web, "task")
    api = web.api(web.api_token())
    assert api.post("/tasks", json={"title": "call the notary"}).status_code == 201
    assert audit_of(web, "task") == from_chat
    assert "Undone" in web.chat.say("/undo").text
    with Session(web.crm.db.engine) as session:
        assert [t.title for t in session.exec(select(Task))] == ["call the bank"]


def test_api_deal_with_an_overlong_title_is_refused_as_chat_refuses_it(web: Web) -> None:
    api = web.api(web.api_token())
    assert api.post("/tasks", json={"title": "x" * 500}).status_code == 201
    assert api.post("/deals", json={"title": "Big", "value_cents": 10**12 + 1}).status_code == 422
