"""One row per command: its names in English and German, its parser, its handler; texts are keyed by its name.

Adding a command touches its row here, its handler, its texts (handlers/texts/catalogue/) and a test.
The registry also runs a message: a waiting command first takes free text, then the row's handler.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from handlers.context import Context
from handlers.crm import (
    cards,
    contacts,
    conversation,
    currency,
    custom_fields,
    deal_views,
    deals,
    duplicates,
    files,
    forecast,
    funnel,
    history,
    leads,
    preferences,
    privacy,
    quality,
    reports,
    scoring,
    search,
    tagging,
    tasks,
    team,
    undo,
    visits,
)
from handlers.errors import Expired, Usage
from handlers.exchange import card_capture, exporting, importing, mail_intake
from handlers.language import command_readers as cr
from handlers.language import commands as c
from handlers.language import field_commands as fc
from handlers.language import parser as p
from handlers.language import quality_commands as qc
from handlers.language import report_parser as rp
from handlers.language import segment_parser as sp
from handlers.language.visit_commands import Near, read_near
from handlers.language.waiting import ChoiceGap, fill, kept, stored_command
from handlers.notify import digest
from handlers.outreach import campaigns, segments
from handlers.texts.catalogue import FREE_TEXT, USAGE
from handlers.texts.reply import Button, Reply
from handlers.web import access
from storage import queries
from storage.ids import id_of
from storage.models import PendingChoice

Handler = Callable[[Context, Any], Reply]
Parser = Callable[[str, str], c.Command]
PENDING_LIFETIME = timedelta(days=1)
INPUT_LIFETIME = timedelta(minutes=30)
MAX_BUTTON_BYTES = 64  # Telegram's callback data, the tightest channel: a longer command waits server side


@dataclass(frozen=True)
class Row:
    """A command: `name` keys its texts; every alias calls it; `menu_de` names it in the German menu."""

    name: str
    aliases: tuple[str, ...]
    command: type
    parse: Parser
    handle: Handler
    menu_de: str | None = None  # None: not in the chat menus
    more: dict[type, Handler] = field(default_factory=dict)  # other commands its parser gives, with their handlers


def help_(ctx: Context, cmd: c.Help) -> Reply:
    """The usage of one command, or of all of them."""
    if cmd.topic:
        row = ROW_OF.get(cmd.topic)
        if row is None or row.name not in USAGE:
            return Reply(ctx.t("help_unknown", topic=cmd.topic[:40]))
        return Reply(USAGE[row.name][ctx.lang])
    lines = [ctx.t("help_header")] + [USAGE[name][ctx.lang] for name in USAGE] + [FREE_TEXT[ctx.lang]]
    return Reply("\n".join(lines))


def pick(ctx: Context, cmd: c.Pick) -> Reply:
    """Finish a command that waited for a choice: fill in the picked record and run it."""
    pending = queries.get_row(session=ctx.session, model=PendingChoice, workspace_id=ctx.workspace_id,
                              row_id=cmd.pending_id)
    if pending is None or pending.member_id != ctx.member.id or ctx.now - pending.created_at > PENDING_LIFETIME:
        raise Expired()
    command = stored_command(pending.command)
    if isinstance(command, ChoiceGap) and not p.CHOICE.match(cmd.choice):
        raise Usage(command="pick")
    ctx.session.delete(pending)
    return dispatch(ctx, command.filled(f"#{cmd.choice}") if isinstance(command, ChoiceGap) else command)


def _long(button: Button) -> bool:
    return button.command is not None and len(button.command.encode()) > MAX_BUTTON_BYTES


def has_long_buttons(reply: Reply) -> bool:
    """Whether a button's command is too long to send as it is (short_buttons would store it)."""
    return any(_long(button) for row in reply.buttons for button in row)


def short_buttons(ctx: Context, reply: Reply) -> Reply:
    """Store each button command longer than MAX_BUTTON_BYTES as a waiting command; its button names it."""
    def short(button: Button) -> Button:
        if button.command is None or not _long(button):
            return button
        pending = queries.add_pending(session=ctx.session, workspace_id=ctx.workspace_id,
                                      member_id=ctx.member_id, command=kept(button.command))
        return replace(button, command=c.Pick(id_of(pending)).to_text())

    reply.buttons = [[short(button) for button in row] for row in reply.buttons]
    return reply


ROWS: tuple[Row, ...] = (
    Row("start", ("start",), c.Start, lambda args, name: c.Start(), preferences.start, menu_de=None),
    Row("help", ("help", "hilfe", "h", "?"), c.Help,
        lambda args, name: c.Help(args.lstrip("/").casefold()), help_, menu_de="hilfe"),
    Row("add", ("add", "neu", "kontakt", "contact"), c.AddContact, p.read_add, contacts.add_contact, menu_de="neu"),
    Row("company", ("company", "firma"), c.AddCompany,
        lambda args, name: c.AddCompany(p.required(args, name)), contacts.add_company, menu_de="firma"),
    Row("edit", ("edit", "ändern", "aendern", "bearbeiten"), c.EditContact,
        p.read_edit, deal_views.edit, menu_de="aendern"),
    Row("note", ("note", "notiz"), c.LogInteraction,
        lambda args, name: c.LogInteraction("note", *p.split_note(args, name)), contacts.log_interaction, menu_de="notiz"),
    Row("call", ("call", "anruf"), c.LogInteraction,
        lambda args, name: c.LogInteraction("call", *p.split_note(args, name)), contacts.log_interaction, menu_de=None),
    Row("meeting", ("meeting", "treffen"), c.LogInteraction,
        lambda args, name: c.LogInteraction("meeting", *p.split_note(args, name)), contacts.log_interaction, menu_de=None),
    Row("email", ("email", "mail"), c.LogInteraction,
        lambda args, name: c.LogInteraction("email", *p.split_note(args, name)), contacts.log_interaction, menu_de=None),
    Row("show", ("show", "zeige", "zeigen", "card", "karte"), c.Show,
        lambda args, name: c.Show(p.required(args, name)), cards.show, menu_de="zeige"),
    Row("contacts", ("contacts", "kontakte"), c.ListContacts,
        p.read_contacts, contacts.list_contacts, menu_de="kontakte"),
    Row("delete", ("delete", "löschen", "loeschen"), c.DeleteContact,
        p.read_delete, contacts.delete_contact, menu_de="loeschen"),
    Row("task", ("task", "todo", "aufgabe"), c.AddTask,
        p.read_task, tasks.add_task, menu_de="aufgabe"),
    Row("tasks", ("tasks", "aufgaben"), c.ListTasks, p.read_tasks, tasks.list_tasks, menu_de="aufgaben"),
    Row("done", ("done", "erledigt"), c.CompleteTask,
        lambda args, name: c.CompleteTask(p.task_number(args, name)[0]), tasks.complete_task, menu_de="erledigt"),
    Row("snooze", ("snooze", "später", "spaeter"), c.SnoozeTask,
        lambda args, name: c.SnoozeTask(*p.task_number(args, name)), tasks.snooze_task, menu_de="spaeter"),
    Row("due", ("due", "reschedule", "termin"), c.RescheduleTask,
        lambda args, name: c.RescheduleTask(*p.task_number(args, name)), tasks.reschedule_task, menu_de="termin"),
    Row("deal", ("deal", "geschäft", "geschaeft"), c.AddDeal,
        cr.read_deal, deals.add_deal, menu_de="deal"),
    Row("deals", ("deals",), c.ListDeals, rp.deals, deal_views.list_deals, menu_de="deals"),
    Row("stage", ("stage", "phase"), c.MoveDeal, p.read_stage, deals.move_deal, menu_de="phase"),
    Row("pipeline", ("pipeline",), c.ShowPipeline,
        lambda args, name: c.ShowPipeline(), deal_views.show_pipeline, menu_de="pipeline"),
    Row("find", ("find", "search", "suche", "finde", "f"), c.Find,
        lambda args, name: c.Find(p.required(args, name)), search.find, menu_de="suche"),
    Row("undo", ("undo", "rückgängig", "rueckgaengig", "zurück", "zurueck"), c.Undo,
        p.read_undo, undo.undo, menu_de="rueckgaengig"),
    Row("lang", ("lang", "language", "sprache"), c.SetLanguage,
        lambda args, name: c.SetLanguage(p.required(args, name).casefold()), preferences.set_language, menu_de="sprache"),
    Row("near", ("near", "nähe", "naehe", "nearby"), Near, read_near, visits.near, menu_de="naehe"),
    Row("tz", ("tz", "timezone", "zeitzone"), c.SetTimezone,
        cr.read_timezone, preferences.set_timezone, menu_de="zeitzone"),
    Row("region", ("region", "bundesland"), c.SetRegion,
        cr.read_region, preferences.set_region, menu_de="region"),
    Row("pick", ("pick",), c.Pick, p.read_pick, pick, menu_de=None),
    Row("attach", ("attach", "anhängen", "anhaengen"), c.Attach, p.read_attach, files.attach, menu_de="anhaengen"),
    Row("files", ("files", "dateien"), c.ListFiles,
        lambda args, name: c.ListFiles(p.required(args, name)), files.list_files, menu_de="dateien"),
    Row("digest", ("digest", "bericht"), c.Digest,
        cr.read_digest, digest.show_digest, menu_de="bericht"),
    Row("assign", ("assign", "zuweisen"), c.AssignTask,
        lambda args, name: c.AssignTask(*p.assignee(args, name)), team.assign_task, menu_de="zuweisen"),
    Row("team", ("team",), c.ShowTeam, lambda args, name: c.ShowTeam(), team.show_team, menu_de="team"),
    Row("role", ("role", "rolle"), c.SetRole, p.read_role, team.set_role, menu_de="rolle"),
    Row("duplicates", ("duplicates", "dupes", "dubletten", "duplikate"), c.FindDuplicates,
        lambda args, name: c.FindDuplicates(), duplicates.find_duplicates, menu_de="dubletten"),
    Row("quality", ("quality", "qualität", "qualitaet", "datenqualität", "datenqualitaet"), qc.QualityReport,
        qc.read_quality, quality.report, menu_de="qualitaet", more={qc.QualityFix: quality.fix}),
    Row("merge", ("merge", "zusammenführen", "zusammenfuehren"), c.Merge, p.read_merge, duplicates.merge,
        menu_de="zusammenfuehren", more={c.MergeDetails: duplicates.merge_details}),
    Row("distinct", ("distinct", "verschieden"), c.MarkDistinct,
        lambda args, name: c.MarkDistinct(*p.pair(args, name)), duplicates.mark_distinct, menu_de="verschieden"),
    Row("compare", ("compare", "vergleichen", "vergleiche"), c.Compare,
        lambda args, name: c.Compare(*p.pair(args, name)), duplicates.compare, menu_de="vergleichen"),
    Row("import", ("import", "importieren"), c.ConfirmImport,
        p.read_import, importing.confirm_import, menu_de="import"),
    Row("export", ("export", "exportieren"), c.Export, p.read_export, exporting.export, menu_de="exportieren"),
    Row("privacy", ("privacy", "gdpr", "datenschutz", "dsgvo"), c.Privacy,
        p.read_privacy, privacy.privacy, menu_de="datenschutz"),
    Row("history", ("history", "verlauf", "audit"), c.History,
        lambda args, name: c.History(p.required(args, name)), history.history, menu_de="verlauf"),
    Row("report", ("report", "reports", "auswertung", "statistik", "stats"), c.Report, rp.report, reports.report,
        menu_de="auswertung"),
    Row("forecast", ("forecast", "prognose"), c.Forecast, rp.forecast, forecast.forecast, menu_de="prognose"),
    Row("funnel", ("funnel", "trichter", "conversion"), c.Funnel, rp.funnel, funnel.funnel, menu_de="trichter"),
    Row("stuck", ("stuck", "hängend", "haengend", "festgefahren"), c.Stuck, rp.stuck, funnel.stuck,
        menu_de="haengend"),
    Row("rates", ("rates", "kurse", "wechselkurse"), c.SetRates, rp.rates, currency.set_rates, menu_de="kurse"),
    Row("web", ("web", "app"), c.Web, p.read_web, access.web, menu_de="web"),
    Row("tag", ("tag", "markiere", "markieren"), c.TagRecord, sp.tag, tagging.tag_record, menu_de="tag"),
    Row("untag", ("untag", "entmarkieren", "entmarkiere"), c.TagRecord, sp.tag, tagging.tag_record,
        menu_de="entmarkieren"),
    Row("tags", ("tags", "schlagworte", "schlagwörter", "markierungen"), c.Tags, sp.tags, tagging.tags,
        menu_de="tags"),
    Row("segment", ("segment",), c.SegmentCommand, sp.segment, segments.segment, menu_de="segment"),
    Row("segments", ("segments", "segmente"), c.SegmentCommand, lambda args, name: c.SegmentCommand("list"),
        segments.segment, menu_de="segmente"),
    Row("bulk", ("bulk", "massen", "massenänderung"), c.Bulk, sp.bulk, segments.bulk, menu_de="massen"),
    Row("leads", ("leads", "interessenten"), c.Leads, sp.leads, leads.list_leads, menu_de="interessenten"),
    Row("lead", ("lead", "interessent"), c.SetLeadStatus, sp.lead, leads.set_status, menu_de="interessent"),
    Row("convert", ("convert", "umwandeln", "konvertieren"), c.Convert, sp.convert, leads.convert,
        menu_de="umwandeln"),
    Row("score", ("score", "punkte"), c.Score, sp.score, scoring.score, menu_de="punkte"),
    Row("rules", ("rules", "leadrules", "regeln", "verteilung"), c.LeadRules, sp.rules, leads.rules,
        menu_de="regeln"),
    Row("campaign", ("campaign", "kampagne"), c.CampaignCommand, sp.campaign, campaigns.campaign,
        menu_de="kampagne"),
    Row("campaigns", ("campaigns", "kampagnen"), c.CampaignCommand, lambda args, name: c.CampaignCommand("list"),
        campaigns.campaign, menu_de="kampagnen"),
    Row("scan", ("scan", "visitenkarte", "businesscard"), c.CardAction, p.read_card, card_capture.card,
        menu_de="visitenkarte"),
    Row("myemail", ("myemail", "meinemail", "mymail", "meinemailadresse"), c.SetMailAddress,
        cr.read_mail_address, mail_intake.set_mail_address, menu_de="meinemail"),
    Row("field", ("field", "fields", "feld", "felder"), fc.FieldCommand, fc.read_field, custom_fields.field_command,
        menu_de="feld"),
)
ROW_OF: dict[str, Row] = {alias: row for row in ROWS for alias in row.aliases}
QUESTIONS = frozenset({  # commands that mostly only read: the engine answers them without the write lock first
    "help", "show", "contacts", "tasks", "deals", "pipeline", "find", "files", "digest", "team", "history",
    "report", "forecast", "funnel", "stuck", "tags", "segment", "segments", "leads", "campaigns", "compare",
    "duplicates",
})
HANDLERS: dict[type, Handler] = {
    **{row.command: row.handle for row in ROWS},
    **{command: handle for row in ROWS for command, handle in row.more.items()},
    c.Capture: lambda ctx, cmd: conversation.converse(ctx, cmd.text, lambda command: run(ctx, command)),
    c.Upload: files.upload,
}


def run(ctx: Context, command: c.Command | str) -> Reply:
    """Run a command, or a command line parsed first, through its handler."""
    if isinstance(command, str):
        command = parse(command)
    return HANDLERS[type(command)](ctx, command)


def command_word(text: str) -> str | None:
    """The canonical command name of a slash command, or None for free text or an unknown word."""
    split = p.split_command(text)
    row = ROW_OF.get(split[0]) if split else None
    return row.name if row else None


def is_question(text: str) -> bool:
    """Whether the text is a command that usually only reads (see QUESTIONS)."""
    return command_word(text) in QUESTIONS


def parse(text: str) -> c.Command:
    """Parse one message; text that is not a slash command is free-text capture."""
    split = p.split_command(text)
    if split is None:
        return c.Capture(text)
    word, args = split
    row = ROW_OF.get(word)
    if row is None:
        raise Usage(command=word, unknown=True)
    return row.parse(args, row.name)


def dispatch(ctx: Context, text: str) -> Reply:
    """Parse the text and run its handler; free text first completes a command waiting for input.

    Free text that is no waiting input goes to handlers.crm.conversation, which understands sentences.
    """
    ctx.text = text
    text = conversation.take_choices(ctx, text)
    if not text.startswith("/"):
        waiting = queries.awaited_input(session=ctx.session, workspace_id=ctx.workspace_id, member_id=ctx.member_id)
        if waiting is not None:
            ctx.session.delete(waiting)
            if ctx.now - waiting.created_at <= INPUT_LIFETIME:
                return dispatch(ctx, fill(parse(waiting.command), text).to_text())
    else:
        queries.clear_awaited_input(session=ctx.session, workspace_id=ctx.workspace_id, member_id=ctx.member_id)
    return visits.after_location(ctx, text) or run(ctx, text)
