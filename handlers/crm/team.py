"""The team: who is in the workspace and their roles (owner, manager, rep).

Owners and managers get the team digest and may erase personal data; only they change roles.
"""


from handlers.context import MANAGER_ROLES, Context
from handlers.crm.members import find_member, members
from handlers.crm.tasks import open_task
from handlers.crm.undo import undo_button
from handlers.errors import InvalidValue
from handlers.language import commands as c
from handlers.texts.fmt import short
from handlers.texts.reply import Reply

ROLES = {"owner": "owner", "manager": "manager", "rep": "rep", "inhaber": "owner", "vertrieb": "rep",
         "leitung": "manager"}



def show_team(ctx: Context, _cmd: c.ShowTeam) -> Reply:
    lines = [ctx.t("team_header", name=ctx.workspace.name)]
    lines += [f"• {m.name or m.external_id} · {ctx.t('role_' + m.role)}" for m in members(ctx)]
    return Reply("\n".join(lines))


def set_role(ctx: Context, cmd: c.SetRole) -> Reply:
    if ctx.member.role not in MANAGER_ROLES:
        return Reply(ctx.t("role_not_allowed"))
    role = ROLES.get(cmd.role)
    if role is None:
        raise InvalidValue(field="role", value=cmd.role[:20], reason="owner, manager, rep")
    member = find_member(ctx, cmd.query)
    if member.role == "owner" and role != "owner" and sum(m.role == "owner" for m in members(ctx)) == 1:
        return Reply(ctx.t("role_last_owner"))
    member.role = role
    ctx.session.add(member)
    return Reply(ctx.t("role_set", name=member.name or member.external_id, role=ctx.t("role_" + role)), changed=True)


def assign_task(ctx: Context, cmd: c.AssignTask) -> Reply:
    """Give a task to another member: its reminder then goes to them."""
    task = open_task(ctx, cmd.task_id)
    member = find_member(ctx, cmd.member)
    ctx.update(task, assignee_id=member.id, reminder_claimed_at=None, reminder_claimed_by=None)
    return Reply(ctx.t("task_assigned", id=task.id, title=short(task.title, 60), name=member.name or member.external_id),
                 buttons=[[undo_button(ctx)]], changed=True)
