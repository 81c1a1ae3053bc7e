"""The engine: one transaction per message, the command table, and domain errors turned into replies."""

import logging
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import TypeVar

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from handlers.context import Context, WriteRefused
from handlers.crm import files, scoring, visits
from handlers.crm.choices import sentence_gap
from handlers.crm.resolve import ref
from handlers.errors import Ambiguous, ControlCharacters, CrmError, NotFound
from handlers.exchange import card_capture, exporting, formats, importing, mail_intake
from handlers.exchange.card_capture import wants_card as wants_card  # the channels ask it of a photo
from handlers.exchange.importing import ImportFailed as ImportFailed  # raised by Crm.import_file
from handlers.incoming import CONTROL, candidate_label, valid_zone, without_controls
from handlers.indexes import Committed, NameIndexes
from handlers.language import commands as c
from handlers.language.waiting import gap_around, kept
from handlers.registry import dispatch, has_long_buttons, is_question, short_buttons
from handlers.texts import catalogue
from handlers.texts.reply import Button, FileRef, Incoming, Notification, Reply
from storage import queries
from storage.db import READING, Database, WriteInReader
from storage.ids import id_of
from storage.models import Member, Workspace

logger = logging.getLogger(__name__)
T = TypeVar("T")
Admit = Callable[[Session], tuple[Workspace, Member]]  # who a unit of work runs for, found in its session

MAX_TEXT = 8000


class Crm:
    """The CRM behind every channel: `handle` takes one incoming message and returns the reply."""

    def __init__(self, db: Database, *, default_timezone: str = "Europe/Berlin",
                 clock: Callable[[], datetime], web_url: str = "") -> None:
        self.db = db
        self.web_url = web_url.rstrip("/")
        self.default_timezone = default_timezone
        self.clock = clock
        self.names = NameIndexes()

    def handle(self, msg: Incoming) -> Reply:
        language = catalogue.language_of(msg.language)
        try:
            for attempt in range(2):
                try:
                    return self._handle(msg, language)
                except IntegrityError:  # a concurrent first message created the workspace or member
                    if attempt == 1:
                        raise
                    if msg.update_key and self._seen(msg.update_key):  # a concurrent delivery won
                        return Reply("", duplicate=True)
        except Exception:
            logger.exception("message failed (workspace=%s update=%s)", msg.workspace_key, msg.update_key)
        return Reply(catalogue.t(language, "sorry"))

    def _handle(self, msg: Incoming, language: str) -> Reply:
        msg = without_controls(msg)
        text = msg.text.strip()
        if not text and msg.attachment is None:
            return Reply(catalogue.t(language, "empty"))
        if len(text) > MAX_TEXT:
            return Reply(catalogue.t(language, "too_long", limit=MAX_TEXT))
        now = (msg.now or self.clock()).astimezone(timezone.utc)
        seen: list[tuple[str, Context]] = []  # (language, context): read inside, the rollback expires rows

        def work(ctx: Context) -> Reply:
            seen.append((ctx.lang, ctx))
            if CONTROL.search(text):
                raise ControlCharacters()
            if msg.attachment is not None:
                return files.upload(ctx, c.Upload(msg.attachment, text))
            if msg.location is not None:
                return visits.located(ctx, msg.location, lambda: dispatch(ctx, text))
            return dispatch(ctx, text)

        try:
            if msg.attachment is None and is_question(text) and (answer := self._answer(msg, now, work)) is not None:
                return answer
            return self.run(replace(msg, now=now), work)
        except Ambiguous as error:
            return self._ask_which(msg, now, error, seen[0][1].text if seen else text)
        except CrmError as error:
            reply = self._explain(error, seen[0][0] if seen else language)
            if has_long_buttons(reply):
                return self.run(replace(msg, now=now), lambda ctx: reply)  # its long buttons need storing
            return reply

    def run(self, msg: Incoming, work: Callable[[Context], Reply]) -> Reply:
        """Run `work` in one transaction in the sender's context, as `handle` runs a command.

        For work that is not typed text (a file's bytes, say). Domain errors propagate to the caller,
        after the rollback; the redelivery check and the name index behave as in `handle`.
        """
        now = (msg.now or self.clock()).astimezone(timezone.utc)
        with self.db.transaction(now=now) as session:
            if msg.update_key and not queries.claim_update(session=session, key=msg.update_key):
                return Reply("", duplicate=True)
            ctx = self._context(session, msg, now, catalogue.language_of(msg.language))
            reply, revision = self._changes(ctx, work)
        self.names.apply_changes(ctx, revision)
        return reply

    def run_as(self, admit: Admit, work: Callable[[Context], Reply]) -> Reply:
        """Run `work` as `run` does, for whoever `admit` finds in the same transaction (an API token's holder).

        `admit` raises the edge's own refusal for a stranger; nobody is created.
        """
        now = self.now()
        with self.db.transaction(now=now) as session:
            workspace, member = admit(session)
            ctx = self._known(session, workspace, member, now)
            reply, revision = self._changes(ctx, work)
        self.names.apply_changes(ctx, revision)
        return reply

    def _changes(self, ctx: Context, work: Callable[[Context], Reply]) -> tuple[Reply, Committed | None]:
        reply = short_buttons(ctx, work(ctx))
        if reply.changed:
            reply.feed = ctx.workspace.feed_channel  # read with the workspace: the edge need not ask again
        scoring.refresh(ctx)
        return reply, self.names.bump_revision(ctx)

    def _answer(self, msg: Incoming, now: datetime, work: Callable[[Context], Reply]) -> Reply | None:
        """Answer a question in a read session, beside any writer; None when it needs a write after all.

        A known member's question writes nothing, not even its update id: a redelivered question is
        answered again, which creates nothing. An answer with buttons too long to send is not worked out again:
        only its buttons are stored, in a write transaction. Domain errors propagate as from `run`.
        """
        try:
            with self.db.reading(now=now) as session:
                if msg.update_key and queries.update_seen(session=session, key=msg.update_key):
                    return Reply("", duplicate=True)
                workspace, member = queries.workspace_and_member(session=session, key=msg.workspace_key,
                                                                 external_id=msg.user_id)
                if workspace is None:
                    return None  # the first message writes
                if member is None or member.delivery_paused:
                    return None  # the first message, or one that resumes deliveries, writes
                ctx = self._known(session, workspace, member, now)
                reply = work(ctx)
        except (WriteRefused, WriteInReader):
            return None
        if has_long_buttons(reply):
            return self.run(replace(msg, now=now), lambda ctx: reply)
        return reply

    is_import_file = staticmethod(importing.is_import_file)
    MAX_IMPORT_BYTES = formats.MAX_BYTES

    def upload_import(self, msg: Incoming, filename: str, content: bytes) -> Reply:
        """Preview a CSV or vCard file sent in chat for import; `content` is what the channel downloaded."""
        try:
            return importing.upload_import(partial(self.run, msg), self._language(msg), filename, content)
        except Exception:
            logger.exception("import preview failed (workspace=%s)", msg.workspace_key)
            return Reply(catalogue.t(catalogue.language_of(msg.language), "sorry"))

    def import_file(self, path: str | Path, workspace_key: str, user_id: str, *, duplicates: str = "skip",
                    dry_run: bool = False) -> str:
        """`crmbot import FILE`: import in one transaction and return the summary; raises ImportFailed."""
        msg = Incoming(text="", workspace_key=workspace_key, user_id=user_id, user_name=user_id)
        return importing.import_file(partial(self.run, msg), self._language(msg), path, duplicates=duplicates,
                                     dry_run=dry_run)

    def export_file(self, workspace_key: str, what: str, fmt: str) -> tuple[str, bytes]:
        """`crmbot export`: (file name, bytes) of contacts csv|vcf, deals csv or tasks ics."""
        now = self.now()
        with self.db.transaction(now=now) as session:
            return exporting.export_file(session, workspace_key, what, fmt, now)

    def scan_card(self, msg: Incoming, file: FileRef, content: bytes) -> Reply:
        """Read a business card photo (no transaction open meanwhile) and show its preview."""
        return card_capture.scan_card(self, msg, file, content)

    def file_mail(self, raw: bytes, *, mailbox: str = "") -> list[Notification]:
        """File one mail from the team mailbox; what each sender is told."""
        return mail_intake.file_mail(self, raw, mailbox=mailbox)

    def _language(self, msg: Incoming) -> str:
        return self.member_language(msg.workspace_key, msg.user_id) or catalogue.language_of(msg.language)

    def view(self, msg: Incoming, read: Callable[[Context], T]) -> T:
        """Run `read` in the sender's context with every write refused; returns what it returns.

        For the web pages' reads: a read session (one snapshot, no write lock), unless the sender is new or
        paused, whose first visit writes as a first message does. A domain error propagates to the caller.
        """
        now = (msg.now or self.clock()).astimezone(timezone.utc)
        with self.db.reading(now=now) as session:
            workspace = queries.get_workspace(session=session, key=msg.workspace_key)
            member = None if workspace is None else queries.get_member(
                session=session, workspace_id=id_of(workspace), external_id=msg.user_id)
            if workspace is not None and member is not None and not member.delivery_paused:
                return read(self._known(session, workspace, member, now))
        with self.db.transaction(now=now) as session:
            ctx = self._context(session, msg, now, catalogue.language_of(msg.language))
            ctx.read_only = True
            return read(ctx)

    def view_as(self, admit: Admit, read: Callable[[Context], T]) -> T:
        """Run `read` for whoever `admit` finds (or refuses, raising) in one read session: a token's check and read."""
        now = self.now()
        with self.db.reading(now=now) as session:
            workspace, member = admit(session)
            return read(self._known(session, workspace, member, now))

    def _known(self, session: Session, workspace: Workspace, member: Member, now: datetime) -> Context:
        """The context of a known member; read-only in a read session."""
        return Context(session=session, workspace=workspace, member=member, now=now, batch=uuid.uuid4().hex,
                       index=self.names.get(session, workspace), web_url=self.web_url,
                       read_only=bool(session.info.get(READING)))

    def now(self) -> datetime:
        """The engine's clock, read once per unit of work, in UTC."""
        return self.clock().astimezone(timezone.utc)

    def feed_channel(self, workspace_key: str) -> str | None:
        """Where a team's shared changes are posted (a Slack channel id), if it bound one."""
        with self.db.reading(now=self.now()) as session:
            workspace = queries.get_workspace(session=session, key=workspace_key)
            return workspace.feed_channel if workspace else None

    def set_feed_channel(self, workspace_key: str, channel: str | None) -> None:
        with self.db.transaction(now=self.now()) as session:
            workspace = queries.get_workspace(session=session, key=workspace_key)
            if workspace is None:
                workspace = queries.create_workspace(session=session, key=workspace_key, name=workspace_key)
            workspace.feed_channel = channel
            session.add(workspace)

    def member_language(self, workspace_key: str, user_id: str) -> str | None:
        """The language a member chose, for texts an edge writes itself; None for a stranger."""
        with self.db.reading(now=self.now()) as session:
            workspace = queries.get_workspace(session=session, key=workspace_key)
            member = workspace and queries.get_member(session=session, workspace_id=id_of(workspace),
                                                      external_id=user_id)
            return member.language if member else None

    def suggest(self, workspace_key: str, query: str, *, kinds: tuple[str, ...] = ("contact",),
                limit: int = 10) -> list[tuple[str, str]]:
        """Records matching a partial name, as (reference, label), for search-as-you-type pickers."""
        with self.db.reading(now=self.now()) as session:
            workspace = queries.get_workspace(session=session, key=workspace_key)
            if workspace is None or not query.strip():
                return []
            index = self.names.get(session, workspace)
            return [(ref(hit.entry.kind, hit.entry.id), hit.entry.name)
                    for hit in index.search(query, kinds=kinds, limit=limit)]

    def _seen(self, key: str) -> bool:
        with self.db.reading(now=self.now()) as session:
            return queries.update_seen(session=session, key=key)

    def _context(self, session: Session, msg: Incoming, now: datetime, language: str) -> Context:
        workspace, member = queries.workspace_and_member(session=session, key=msg.workspace_key,
                                                         external_id=msg.user_id)
        if workspace is None:
            workspace = queries.create_workspace(session=session, key=msg.workspace_key,
                                                 name=msg.workspace_name or msg.workspace_key)
        if member is None:
            member = self._new_member(session, workspace, msg, language)
        elif member.delivery_paused:  # they are talking to us again: deliveries can resume
            member.delivery_paused, member.delivery_failures = False, 0
            session.add(member)
        return Context(session=session, workspace=workspace, member=member, now=now, batch=uuid.uuid4().hex,
                       index=self.names.get(session, workspace), web_url=self.web_url)

    def _new_member(self, session: Session, workspace: Workspace, msg: Incoming, language: str) -> Member:
        """The first member of a workspace owns it; language and zone come from the channel's hints."""
        first = queries.count_members(session=session, workspace_id=id_of(workspace)) == 0
        member = Member(workspace_id=id_of(workspace), external_id=msg.user_id, name=msg.user_name[:200],
                        role="owner" if first else "rep", language=language,
                        timezone=valid_zone(msg.timezone) or self.default_timezone)
        session.add(member)
        session.flush()
        return member

    def _ask_which(self, msg: Incoming, now: datetime, error: Ambiguous, text: str) -> Reply:
        """Store the command with a gap for the record, and offer one button per candidate."""
        def ask(ctx: Context) -> Reply:
            gap = gap_around(text, error.query) if text.startswith("/") else sentence_gap(text, error.query)
            pending = queries.add_pending(session=ctx.session, workspace_id=ctx.workspace_id,
                                          member_id=ctx.member_id, command=gap.to_text() if gap else kept(text))
            buttons = [[Button(candidate_label(ctx, entry.kind, entry.id, entry.name),
                               command=c.Pick(id_of(pending), ref(entry.kind, entry.id)[1:]))] for entry in error.candidates]
            return Reply(ctx.t("ambiguous", query=error.query[:60]), buttons=buttons)

        return self.run(replace(msg, now=now), ask)

    def _explain(self, error: CrmError, language: str) -> Reply:
        reply = Reply(catalogue.explain(language, error))
        if isinstance(error, NotFound) and error.create and len(error.create.to_text()) <= 60:
            reply.buttons = [[Button(catalogue.t(language, "button_add_contact", name=error.params["query"]),
                                     command=error.create)]]
        return reply
