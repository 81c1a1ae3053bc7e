"""Who gets a new lead (from an import or a captured sentence): a tag rule's rep, else the round robin."""

from handlers.context import Context
from handlers.language.names import fold
from storage import leads as store


def owners_for(ctx: Context, tag_sets: list[list[str]]) -> list[int]:
    """The rep for each new lead (its tags given): a tag rule's rep, else the next in the round robin, else me."""
    rules = store.assignment_rules(session=ctx.session, workspace_id=ctx.workspace_id)
    by_tag = {rule.value: rule.member_id for rule in rules if rule.kind == "tag"}
    circle = [rule for rule in rules if rule.kind == "round_robin"]
    owners: list[int] = []
    for tags in tag_sets:
        tagged = next((by_tag[fold(t)] for t in tags if fold(t) in by_tag), None)
        if tagged is not None or not circle:
            owners.append(tagged or ctx.member_id)
            continue
        turn = min(circle, key=lambda rule: (rule.assigned, rule.id))
        turn.assigned += 1
        owners.append(turn.member_id)
    for rule in circle:
        ctx.session.add(rule)  # the turn counter is bookkeeping, not a change to undo
    return owners
