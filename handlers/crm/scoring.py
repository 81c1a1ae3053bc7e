"""The lead score, explainable: points from rules a team can see (/score) and change (/score rule email 15).

`points` is pure; `refresh` brings the stored scores of the contacts a command touched up to date.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from handlers.context import Context
from handlers.crm.resolve import resolve
from handlers.crm.rule_permissions import ScoreRulesNotAllowed, require_manager
from handlers.crm.undo import undo_button
from handlers.errors import Usage
from handlers.language import commands as c
from handlers.texts.reply import Reply
from storage import leads as store
from storage.ids import id_of
from storage.leads import Facts
from storage.models import Contact, ScoreRule

RECENT_DAYS = 30
STALE_DAYS = 90
MAX_RECENT = 3  # recent interactions counted at most
SENIOR = re.compile(r"\b(ceo|cto|cfo|coo|cmo|chief|founder|owner|president|vp|vice|head|director|partner|"
                    r"geschäftsführer|geschaeftsfuehrer|gf|inhaber|vorstand|leiter|leiterin|prokurist)", re.IGNORECASE)
MIN_SIZE = 50  # employees for the company size points


@dataclass(frozen=True)
class Rule:
    key: str
    points: int  # the default


RULES = (Rule("email", 10), Rule("phone", 5), Rule("title", 15), Rule("size", 10), Rule("industry", 5),
         Rule("recent", 5), Rule("deal", 20), Rule("campaign", 15), Rule("stale", -10))
RULE_KEYS = {rule.key for rule in RULES}


def points(facts: Facts, rules: dict[str, int], now: datetime) -> list[tuple[str, int]]:
    """The (rule, points) that apply to one contact; the score is their sum."""
    last = facts.last_at or facts.created_at
    applies = {
        "email": int(facts.email), "phone": int(facts.phone),
        "title": int(bool(facts.title and SENIOR.search(facts.title))),
        "size": int((facts.size or 0) >= MIN_SIZE), "industry": int(bool(facts.industry)),
        "recent": min(facts.recent, MAX_RECENT), "deal": int(facts.open_deal), "campaign": facts.interested,
        "stale": int(last is not None and now - last > timedelta(days=STALE_DAYS)),
    }
    return [(key, rules[key] * times) for key, times in applies.items() if times and rules[key]]


def team_rules(ctx: Context) -> dict[str, int]:
    """The points of every rule: the team's own where set, else the default."""
    own = store.score_rules(session=ctx.session, workspace_id=ctx.workspace_id)
    return {rule.key: own[rule.key].points if rule.key in own else rule.points for rule in RULES}


def explain(ctx: Context, contact: Contact) -> tuple[int, list[tuple[str, int]]]:
    """A contact's score now, with its reasons."""
    found = store.facts(session=ctx.session, workspace_id=ctx.workspace_id, contact_ids=[id_of(contact)],
                        recent_since=ctx.now - timedelta(days=RECENT_DAYS))
    reasons = points(found[contact.id], team_rules(ctx), ctx.now) if contact.id in found else []
    return sum(p for _, p in reasons), reasons


def refresh(ctx: Context, contact_ids: set[int] | None = None) -> None:
    """Recompute and store the scores of the touched contacts (or of these)."""
    if ctx.rescore_all and contact_ids is None:
        ctx.rescore_all = False
        contact_ids = set(store.contact_ids(session=ctx.session, workspace_id=ctx.workspace_id))
    ids = sorted(ctx.touched if contact_ids is None else contact_ids)
    if not ids:
        return
    rules = team_rules(ctx)
    fresh = [ctx.fresh[cid] for cid in ids if cid in ctx.fresh]
    others = [cid for cid in ids if cid not in ctx.fresh]
    found, stored = store.new_contacts(session=ctx.session, workspace_id=ctx.workspace_id, contacts=fresh)
    if others:
        their_facts, their_rows = store.facts_and_stored(session=ctx.session, workspace_id=ctx.workspace_id,
                                                         contact_ids=others,
                                                         recent_since=ctx.now - timedelta(days=RECENT_DAYS))
        found |= their_facts
        stored |= their_rows
    scores = {cid: sum(p for _, p in points(f, rules, ctx.now)) for cid, f in found.items()}
    store.keep(session=ctx.session, workspace_id=ctx.workspace_id, scores=scores, facts=found, stored=stored)
    ctx.touched.clear()


def reason_lines(ctx: Context, reasons: list[tuple[str, int]]) -> str:
    return ", ".join(f"{ctx.t(f'score_rule_{key}')} {value:+d}" for key, value in reasons) or ctx.t("score_nothing")


def score(ctx: Context, cmd: c.Score) -> Reply:
    """The rules, a contact's score with reasons, or a rule's new points (then every score is recomputed)."""
    if cmd.rule:
        return set_rule(ctx, cmd.rule, cmd.points)
    if cmd.query:
        contact = resolve(ctx, cmd.query)
        assert isinstance(contact, Contact)
        total, reasons = explain(ctx, contact)
        return Reply(ctx.t("score_of", name=contact.name, score=total, reasons=reason_lines(ctx, reasons)))
    lines = [ctx.t("score_rules_header")]
    for key, value in team_rules(ctx).items():
        lines.append(ctx.t("score_rule_line", rule=ctx.t(f"score_rule_{key}"), rule_key=key, points=f"{value:+d}"))
    lines.append(ctx.t("score_rules_hint"))
    return Reply("\n".join(lines))


def set_rule(ctx: Context, key: str, value: int) -> Reply:
    require_manager(ctx, ScoreRulesNotAllowed)
    if key not in RULE_KEYS:
        raise Usage(command="score")
    own = store.score_rules(session=ctx.session, workspace_id=ctx.workspace_id)
    if key in own:
        ctx.update(own[key], points=value)
    else:
        ctx.add(ScoreRule(workspace_id=ctx.workspace_id, key=key, points=value, created_at=ctx.now))
    return Reply(ctx.t("score_rule_set", rule=ctx.t(f"score_rule_{key}"), points=f"{value:+d}"),
                 buttons=[[undo_button(ctx)]], changed=True)
