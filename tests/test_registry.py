"""The one command registry: it covers every command, and every command round-trips through its text."""

import dataclasses
import typing
from datetime import date, time

import pytest

from handlers.language import commands as c
from handlers.language.field_commands import FieldCommand
from handlers.language.periods import PeriodSpec
from handlers.language.visit_commands import Near
from handlers.language.waiting import HOLE, fill
from handlers.registry import HANDLERS, ROW_OF, ROWS, parse
from handlers.texts.catalogue import USAGE

SAMPLES: list[c.Command] = [
    c.Start(), c.Help(), c.Help("task"),
    c.AddContact("Anna Schulz"), c.AddContact("Anna Schulz", ("Acme GmbH", "anna@acme.de"), force=True),
    c.AddCompany("Acme GmbH"),
    c.EditContact("anna", (("email", "a@b.de"), ("phone", "+49 170 1234567"))),
    *(c.LogInteraction(kind, "anna schulz", "called, wants pricing") for kind in ("note", "call", "meeting", "email")),
    c.Show("anna"), c.ListContacts(), c.DeleteContact("anna"), c.DeleteContact("anna schulz", confirmed=True),
    c.AddTask("call Anna tomorrow 9am"), c.ListTasks(), c.ListTasks("overdue", mine=True), c.ListTasks(mine=True),
    c.CompleteTask(12), c.SnoozeTask(12), c.SnoozeTask(12, "2 days"), c.RescheduleTask(12, "friday 10am"),
    c.AddDeal("Acme rollout", 1_200_000, "EUR", "proposal"), c.AddDeal("rollout close 15.12.", 50_050, stage="won"), c.ListDeals(), c.MoveDeal("#deal:3", "won"),
    c.MoveDeal("acme rollout", "won"), c.ShowPipeline(), c.Find("schultz"), c.Undo(), c.SetLanguage("de"),
    c.SetTimezone("Europe/Berlin"), c.SetTimezone("52.52, 13.40", (52.52, 13.4)), c.Pick(7, "contact:12"), c.Attach(3, "#12"), c.ListFiles("anna"),
    c.Digest(), c.Digest("time", at=time(7, 30)), c.Digest("team"), c.Digest("on"), c.Digest("days", days=(1, 2, 3, 4, 5)), c.AssignTask(12, "ben"), c.ShowTeam(), c.SetRole("ben", "manager"),
    c.FindDuplicates(), c.Merge("#12", "#15"), c.Merge("anna", "anna s"), c.MarkDistinct("#12", "#15"),
    c.Compare("#contact:12", "#contact:15"), c.ConfirmImport(3, "merge"), c.ConfirmImport(3, "cancel"),
    c.Export("contacts", "vcf"), c.Export("contacts", "vcf4"), c.Export("tasks", "ics"), c.Privacy("export", "anna"),
    c.Privacy("erase", "anna", confirmed=True), c.History("#deal:3"),
    c.Capture("met Anna Schulz from Acme, wants a demo next tuesday 10am"),
    c.AddTask("call her tomorrow", about="#12"), c.AddTask("send the offer", about="-"),
    c.ListTasks("tomorrow"), c.ListTasks("later"), c.ListTasks("week", mine=True, page=2), c.ListTasks("undated"),
    c.ListDeals("won"), c.ListDeals("stale", mine=True, page=3), c.ListDeals("proposal", owner="ben"),
    c.ListDeals("closing"), c.MoveDeal("acme rollout", "lost", "too expensive"),
    c.Undo("0123456789abcdef0123456789abcdef"), c.SetRegion("DE", "BY"), c.SetRegion(), c.SetRegion("AT", "9"),
    c.MergeDetails("#12", "anna schultz", ("acme", "+49 170 1234567")), c.MergeDetails("#12", "anna s"),
    c.Report(), c.Report("won", PeriodSpec("quarter", -1, given=True)), c.Report("reps", PeriodSpec("year", year=2026, given=True)),
    c.Report("sources", PeriodSpec("quarter", index=1, year=2026, given=True)),
    c.Report("lost", PeriodSpec("month", index=3, given=True)), c.Report("activity", PeriodSpec("month", index=3, year=2026, given=True)),
    c.Report("contacts", PeriodSpec("range", first=date(2026, 1, 1), last=date(2026, 3, 31), given=True)),
    c.Forecast(), c.Forecast("quarter"), c.Forecast("month", by_rep=True), c.Forecast("quarter", True),
    c.Forecast("month", period=PeriodSpec("quarter", 1, given=True)), c.Forecast("quarter", period=PeriodSpec("year", year=2027, given=True)),
    c.Funnel(), c.Funnel(PeriodSpec("month", -1, given=True)),
    c.Stuck(), c.Stuck(30), c.Stuck(30, page=2), c.Stuck(page=2),
    c.ListContacts(page=2), c.ListTasks("overdue", member="ben"), c.ListTasks(member="ben", page=2),
    c.TagRecord("anna schulz", ("vip", "hot")), c.TagRecord("#contact:12", ("vip",)),
    c.TagRecord("anna", ("vip",), remove=True), c.Tags(), c.Tags("rename", "vip", "key"), c.Tags("merge", "hot", "warm"),
    c.SegmentCommand("list"), c.SegmentCommand("show", query="munich vips"),
    c.SegmentCommand("show", query="tag:vip city:münchen"), c.SegmentCommand("delete", name="munich vips"),
    c.SegmentCommand("add", name="munich vips", query="tag:vip city:münchen"),
    c.Bulk("tag:vip", "tag", "key"), c.Bulk('"munich vips"', "owner", "@ben", confirmed=True),
    c.Bulk("tag:vip", "task", "call them", days=3), c.Bulk("tag:vip", "task", "call them"), c.Bulk("tag:vip", "export"),
    c.Leads(), c.Leads("qualified", page=2), c.SetLeadStatus("anna schulz", "contacted"),
    c.Convert("anna"), c.Convert("#12", c.AddDeal("Acme rollout", 1_200_000)),
    c.Convert("#12", c.AddDeal("Acme", 50_000, "USD", "won")),
    c.Score(), c.Score("anna schulz"), c.Score(rule="email", points=-5), c.Score(rule="vip", points=20),
    c.LeadRules(), c.LeadRules("off"), c.LeadRules("round_robin", members=("ben", "anna")),
    c.LeadRules("tag", "vip", ("ben",)), c.LeadRules("region", "DE-BY", ("anna",)),
    c.CampaignCommand("list"), c.CampaignCommand("new", "spring fair"), c.CampaignCommand("new", "spring fair", "tag:vip"),
    c.CampaignCommand("add", "spring fair", "tag:vip"), c.CampaignCommand("touch", "spring fair", "anna", "call"),
    c.CampaignCommand("response", "spring fair", "anna schulz", "not_interested"),
    c.CampaignCommand("response", "spring fair", "anna", "interested"), c.CampaignCommand("cost", "spring fair", "500 EUR"),
    c.CampaignCommand("end", "spring fair"), c.CampaignCommand("report", "spring fair"),
    c.CardAction(3, "show"), c.CardAction(3, "save"), c.CardAction(3, "force"), c.CardAction(3, "into", value="12"),
    c.CardAction(3, "fix"), c.CardAction(3, "set", "email", "anna@acme.de"), c.CardAction(3, "cancel"),
    c.SetMailAddress(), c.SetMailAddress("anna@acme.de"), c.SetMailAddress(off=True),
    c.Web(), c.Web("token", "ERP"), c.Web("revoke", "3"), c.Web("hook", "https://example.com/hook"),
    c.LogInteraction("note", "#12", ""), c.AddTask("", about="#12"), c.AddTask("call her", about="#12"), c.AddDeal("#12"), c.RescheduleTask(12), c.Pick(7),
    c.EditContact("#deal:3", (("reason", "?"),)), c.ConfirmImport(3), c.CardAction(3, "set", "email"),
    c.ListTasks("overdue", member="U123"), c.ListTasks("today", mine=True, page=2), c.Digest("off"),
    c.AddDeal(HOLE, about="#12"), c.EditContact("#deal:3", (("close", HOLE),)), c.Attach(3, HOLE),
    c.AddTask(HOLE, about="#12"), c.RescheduleTask(12, HOLE), c.CardAction(3, "set", "email", HOLE),
    c.LogInteraction("note", HOLE, "called, wants pricing"), c.LogInteraction("call", "#12", HOLE),
    c.SetRates(), c.SetRates("EUR"), c.SetRates("EUR", (("USD", "0.92"), ("GBP", "1.17"))),
    c.QualityReport(), c.QualityReport("phone"), c.QualityReport("duplicates", 3), c.QualityFix(12, "company"),
    FieldCommand("list"), FieldCommand("add", "Branche", kind="choice", choices=("Handel", "Industrie")),
    FieldCommand("add", "Umsatz", "company", "number"), FieldCommand("add", "Erstkontakt", kind="date"),
    FieldCommand("add", "Notiz2"), FieldCommand("remove", "Umsatz", "company"), FieldCommand("remove", "Branche"),
    c.EditContact("anna", (("branche", "Handel"), ("umsatz", "1.500,5"))),
    Near(), Near(25),
]


@pytest.mark.parametrize("command", SAMPLES, ids=lambda command: command.to_text())
def test_a_command_round_trips_through_its_text(command: c.Command) -> None:
    again = parse(command.to_text())
    assert again == command
    assert _every_field(again) == _every_field(command)  # what was read from the words too (date words, durations)


def _every_field(command: c.Command) -> dict[str, object]:
    """All of a command's fields, those that equality leaves out included."""
    return {f.name: getattr(command, f.name) for f in dataclasses.fields(command)}


def test_every_command_has_a_row_and_a_handler() -> None:
    kinds = set(typing.get_args(c.Command))
    assert kinds - {c.Upload} <= {type(sample) for sample in SAMPLES}
    assert kinds == set(HANDLERS)
    assert {row.command for row in ROWS} | {kind for row in ROWS for kind in row.more} == kinds - {c.Capture, c.Upload}


def test_every_row_parses_to_its_own_command() -> None:
    for sample in SAMPLES:
        word = sample.to_text().split()[0].lstrip("/")
        if isinstance(sample, c.Capture):
            continue
        assert type(sample) in (ROW_OF[word].command, *ROW_OF[word].more)


def test_every_alias_runs_the_same_row_as_its_name() -> None:
    for row in ROWS:
        assert row.name in row.aliases
        assert all(ROW_OF[alias] is row for alias in row.aliases)


def test_every_command_in_the_menus_has_usage_in_both_languages() -> None:
    for row in ROWS:
        if row.menu_de is not None:
            assert set(USAGE[row.name]) == {"en", "de"}
            assert row.menu_de.isascii() and row.menu_de.isalnum() and row.menu_de in {
                alias.translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})) for alias in row.aliases}


@pytest.mark.parametrize(("waiting", "text", "filled"), [
    (c.RescheduleTask(12, HOLE), "friday 10am", c.RescheduleTask(12, "friday 10am")),
    (c.AddDeal(HOLE, about="#12"), "rollout 12k", c.AddDeal("rollout", 1_200_000, about="#12")),
    (c.EditContact("#deal:3", (("close", HOLE),)), "15.12.", c.EditContact("#deal:3", (("close", "15.12."),))),
    (c.LogInteraction("note", HOLE, "wants pricing"), "anna", c.LogInteraction("note", "anna", "wants pricing")),
    (c.AddTask(HOLE, about="#12"), "call her friday", c.AddTask("call her friday", about="#12")),
])
def test_a_waiting_command_is_filled_field_by_field(waiting: c.Command, text: str, filled: c.Command) -> None:
    stored = parse(waiting.to_text())
    assert parse(fill(stored, text).to_text()) == filled
