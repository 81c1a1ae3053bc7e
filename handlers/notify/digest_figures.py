"""What a workspace's digests show, read once per workspace and tick and shared by its members' digests.

`TeamFigures.read` runs a fixed handful of queries for a whole team (pipeline, changes, closings,
stale deals, every rep's due and overdue tasks); each member's digest is then cut from those rows in
Python by their time zone, their last digest and their role. The pipeline lines, the chart and the
forecast of a period are worked out once per language or period and reused for every manager.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from handlers.crm import charts
from handlers.crm.currency import Rates, load_rates
from handlers.crm.deals import pipeline_lines_of
from handlers.language.periods import bounds
from storage import queries, reports
from storage.ids import id_of
from storage.models import Member, PipelineStage, Workspace
from storage.pipeline_sums import pipeline_totals
from storage.reports import ClosingDeal, DealLine, NewDeal, StageMove, TaskLine

UTC = ZoneInfo("UTC")
TASKS_PER_MEMBER = 20  # a rep's digest lists at most this many of their overdue and today's tasks
STALE_LIMIT = 10  # stale deals listed, for the team and for each rep
DEFAULT_SINCE = timedelta(days=1)  # the changes a first digest shows


@dataclass
class TeamFigures:
    """One workspace's rows for its digests at `now` (read in one unit of work)."""

    session: Session
    workspace: Workspace
    now: datetime
    stages: list[PipelineStage]
    totals: list[tuple[int, str, int, int, int]]
    members: dict[int, Member]
    due_tasks: dict[int, list[TaskLine]]  # per assignee: open tasks due before the latest end of today, soonest first
    overdue: list[tuple[int, int]]  # (member id, overdue open tasks), most first
    stale: list[DealLine]  # oldest first: the team's and each owner's oldest stale deals
    stale_total: int
    new_deals: list[NewDeal]  # created since the earliest last digest, oldest first
    moves: list[StageMove]  # stage moves since then, oldest first
    open_closing: list[ClosingDeal]  # open deals closing from the earliest quarter start to the latest quarter end
    closing: list[ClosingDeal]  # of those, the ones closing from now to the latest end of month, soonest first
    rates: Rates
    won_moves: list[tuple[int, str, int, datetime]]  # moves into won in the same quarters (reports.won_moves)
    _forecasts: dict[tuple[datetime, datetime], dict[str, tuple[int, int]]] = field(default_factory=dict)
    _lines: dict[str, list[str]] = field(default_factory=dict)
    _charts: dict[str, charts.Chart | None] = field(default_factory=dict)
    _edges: dict[str, dict[str, datetime]] = field(default_factory=dict)

    @classmethod
    def read(cls, session: Session, workspace: Workspace, members: list[Member], now: datetime,
             since: datetime, team: list[Member] | None = None) -> "TeamFigures":
        """The figures for the digests of `members`, with changes since `since`; `team` is every member of the
        workspace when the caller has them loaded."""
        ws = workspace.id
        assert ws is not None
        if team is None:
            team = list(session.exec(select(Member).where(Member.workspace_id == ws)))
        edges = [bounds(now, zone) for zone in {member.timezone for member in members}]
        quarters = min(edge["quarter_start"] for edge in edges), max(edge["quarter_end"] for edge in edges)
        stale, stale_total = reports.stale_deals_ranked(session=session, workspace_id=ws, limit=STALE_LIMIT,
                                                        cutoff=now - timedelta(days=workspace.stale_days))
        open_closing = reports.open_deals_closing(session=session, workspace_id=ws, start=quarters[0], end=quarters[1])
        month_end = max(edge["month_end"] for edge in edges)
        due: dict[int, list[TaskLine]] = {}
        for task in reports.tasks_due_by_assignee(session=session, workspace_id=ws, per_member=TASKS_PER_MEMBER,
                                                  until=max(edge["today_end"] for edge in edges)):
            due.setdefault(task.assignee_id, []).append(task)
        return cls(
            session=session, workspace=workspace, now=now,
            stages=queries.stages(session=session, workspace_id=ws),
            totals=pipeline_totals(session=session, workspace_id=ws),
            members={id_of(m): m for m in team},
            due_tasks=due, overdue=reports.overdue_per_member(session=session, workspace_id=ws, now=now),
            stale=stale, stale_total=stale_total,
            new_deals=reports.deals_created_since(session=session, workspace_id=ws, since=since),
            moves=reports.stage_moves_since(session=session, workspace_id=ws, since=since),
            open_closing=open_closing, closing=[deal for deal in open_closing if now <= deal.close_date < month_end],
            rates=load_rates(session, ws),
            won_moves=reports.won_moves(session=session, workspace_id=ws, start=quarters[0], end=quarters[1]))

    def edges(self, zone: str) -> dict[str, datetime]:
        """Today's, this week's, month's and quarter's bounds at `now` in a time zone (periods.bounds, kept)."""
        if zone not in self._edges:
            self._edges[zone] = bounds(self.now, zone)
        return self._edges[zone]

    def name(self, member_id: int | None) -> str:
        member = self.members.get(member_id) if member_id is not None else None
        return (member.name or member.external_id) if member else "?"

    def stage_key(self, stage_id: int | None) -> str:
        return next((s.key for s in self.stages if s.id == stage_id), "")

    def pipeline_lines(self, lang: str) -> list[str]:
        if lang not in self._lines:
            self._lines[lang] = pipeline_lines_of(self.stages, self.totals, lang)
        return self._lines[lang]

    def chart(self, lang: str) -> charts.Chart | None:
        """The pipeline chart's figures (drawn later with `charts.render`)."""
        if lang not in self._charts:
            self._charts[lang] = charts.pipeline_from(lang, self.stages, self.totals, self.rates)
        return self._charts[lang]

    def forecast(self, start: datetime, end: datetime) -> dict[str, tuple[int, int]]:
        """Per currency: (won in the period, weighted open value closing in it), won counted once per deal."""
        if (start, end) not in self._forecasts:
            won: dict[str, int] = {}
            for _deal, currency, value in {(deal, currency, value) for deal, currency, value, at in self.won_moves
                                           if start <= at < end}:
                won[currency] = won.get(currency, 0) + value
            weighted: dict[str, int] = {}
            for deal in self.open_closing:
                if start <= deal.close_date < end:
                    weighted[deal.currency] = weighted.get(deal.currency, 0) + deal.value_cents * deal.probability
            self._forecasts[start, end] = {currency: (won.get(currency, 0), weighted.get(currency, 0) // 100)
                                           for currency in won.keys() | weighted.keys()}
        return self._forecasts[start, end]

    def tasks_of(self, member_id: int, until: datetime) -> list[TaskLine]:
        """The member's open tasks due before `until`, soonest first."""
        return [task for task in self.due_tasks.get(member_id, []) if task.due_at < until]

    def stale_of(self, owner_id: int | None = None) -> list[DealLine]:
        """The oldest stale deals of the team, or of one owner."""
        if owner_id is None:
            return [deal for deal in self.stale if deal.team_rank <= STALE_LIMIT]
        return [deal for deal in self.stale if deal.owner_id == owner_id][:STALE_LIMIT]
