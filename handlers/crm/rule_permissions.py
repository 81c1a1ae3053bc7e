"""Who may change the team's rules: the lead score rules and the lead assignment rules are for owners and managers."""

from handlers.context import MANAGER_ROLES, Context
from handlers.errors import CrmError


class ScoreRulesNotAllowed(CrmError):
    key = "score_rules_not_allowed"


class LeadRulesNotAllowed(CrmError):
    key = "lead_rules_not_allowed"


def require_manager(ctx: Context, refusal: type[CrmError]) -> None:
    """Refuse (before anything changes) unless the member is an owner or a manager."""
    if ctx.member.role not in MANAGER_ROLES:
        raise refusal()
