"""Import contacts from a CSV or vCard file: first a preview, then everything in one transaction or nothing.

In chat the channel downloads the file and hands it to `Crm.upload_import` (or, holding a context,
`preview_import`); the parsed rows wait server side in `pendingimport`, and the preview's buttons send
`/import <id> merge|skip|cancel`. `crmbot import FILE` calls `Crm.import_file`.
"""

import logging
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlmodel import SQLModel

from handlers.context import Context
from handlers.crm.assignment import owners_for
from handlers.crm.contacts import MAX_NOTE
from handlers.crm.duplicates import plan_absorb
from handlers.crm.undo import undo_button
from handlers.errors import CrmError, Expired
from handlers.exchange.formats import MAX_BYTES, BadFile, parse_file
from handlers.exchange.import_fields import claim_columns, write_fields
from handlers.exchange.rows import Checked, Match, Row, check_records, match_existing
from handlers.language import commands as c
from handlers.language.names import fold
from handlers.texts import catalogue
from handlers.texts.fmt import short
from handlers.texts.reply import Button, Reply
from storage import bulk, details, queries
from storage.audit import snapshot
from storage.ids import id_of
from storage.models import Address, Company, Contact, ContactEmail, ContactPhone, Interaction, PendingImport

logger = logging.getLogger(__name__)

DETAIL_COLUMNS = ("email_label", "phone_label", "given_name", "middle_name", "family_name", "name_prefix",
                  "name_suffix", "title", "department", "birthday", "website", "socials", "latitude", "longitude")
ADDRESS_KEYS = ("label", "street", "postcode", "city", "region", "country")
PENDING_LIFETIME = timedelta(days=1)
PREVIEW_ROWS = 5
SHOWN_NUMBERS = 5
SHOWN_COLUMNS = 12


Run = Callable[[Callable[[Context], Reply]], Reply]  # runs work in one transaction as the file's sender


class ImportFailed(Exception):
    """`import_file` could not import; the message says why, in the member's language."""


def preview_import(ctx: Context, filename: str, content: bytes) -> Reply:
    """Read and check the file, keep it waiting, and show what confirming would do. Writes no contact."""
    filename = Path(filename or "contacts.csv").name[:200]
    checked = check_file(ctx, filename, content)
    bulk.clear_pending_imports(session=ctx.session, workspace_id=ctx.workspace_id, member_id=ctx.member_id,
                               older_than=ctx.now - PENDING_LIFETIME)
    pending = bulk.add_pending_import(session=ctx.session, workspace_id=ctx.workspace_id,
                                      member_id=ctx.member_id, filename=filename, payload=checked.to_json(),
                                      created_at=ctx.now)
    matches = match_existing(session=ctx.session, workspace_id=ctx.workspace_id, rows=checked.rows)
    lines = preview_lines(ctx, checked, matches) + [ctx.t("import_confirm_hint")]
    duplicates = sum(m is not None for m in matches)
    new = len(matches) - duplicates
    if duplicates:
        buttons = [[Button(ctx.t("button_import_merge", new=new, duplicates=duplicates),
                           command=c.ConfirmImport(id_of(pending), "merge"))],
                   [Button(ctx.t("button_import_skip", new=new), command=c.ConfirmImport(id_of(pending), "skip"))]]
    else:
        buttons = [[Button(ctx.t("button_import", new=new), command=c.ConfirmImport(id_of(pending)))]]
    buttons.append([Button(ctx.t("button_cancel"), command=c.ConfirmImport(id_of(pending), "cancel"))])
    return Reply("\n".join(lines), buttons=buttons)


def confirm_import(ctx: Context, cmd: c.ConfirmImport) -> Reply:
    pending = queries.get_row(session=ctx.session, model=PendingImport, workspace_id=ctx.workspace_id,
                              row_id=cmd.pending_id)
    if pending is None or pending.member_id != ctx.member.id or ctx.now - pending.created_at > PENDING_LIFETIME:
        raise Expired()
    ctx.session.delete(pending)
    if cmd.mode == "cancel":
        return Reply(ctx.t("import_cancelled", filename=pending.filename))
    checked = Checked.from_json(pending.payload)
    return Reply(write_import(ctx, checked, merge=cmd.mode == "merge"),
                 buttons=[[undo_button(ctx)]], changed=True)


def check_file(ctx: Context, filename: str, content: bytes) -> Checked:
    parsed = parse_file(filename, content)
    checked = check_records(parsed, filename=filename, region=ctx.workspace.default_region, language=ctx.lang)
    claim_columns(ctx, checked)
    if not checked.rows:
        raise BadFile("nothing", filename=filename, reasons="; ".join(problem_lines(ctx, checked, checked.rejected,
                                                                                     "reject")) or "–")
    return checked


def preview_lines(ctx: Context, checked: Checked, matches: list[Match | None]) -> list[str]:
    """The mapping, the counts (new, duplicates and how they were found, rejected and why) and a sample."""
    kind = "vCard" if checked.kind == "vcard" else "CSV"
    lines = [ctx.t("import_header", filename=checked.filename, kind=kind, read=checked.read)]
    if checked.mapping:
        shown = [f"{column} → {ctx.t('target_' + target.partition('_')[0] if target.startswith(('social_', 'birth_')) else 'target_' + target)}"
                 for column, target in checked.mapping[:SHOWN_COLUMNS]]
        lines.append(ctx.t("import_columns", columns=", ".join(shown)))
        if checked.ignored:
            lines.append(ctx.t("import_ignored", count=len(checked.ignored),
                               columns=short(", ".join(checked.ignored), 120)))
    elif checked.kind == "csv":
        lines.append(ctx.t("import_no_header"))
    reasons = Counter(m.reason for m in matches if m is not None)
    lines.append(ctx.t("import_new", count=sum(m is None for m in matches)))
    if reasons:
        lines.append(ctx.t("import_duplicates", count=sum(reasons.values()), email=reasons["email"],
                           phone=reasons["phone"], name=reasons["name"]))
    if checked.combined:
        lines.append(ctx.t("import_combined", count=checked.combined))
    if checked.rejected:
        lines.append(ctx.t("import_rejected", count=sum(map(len, checked.rejected.values())),
                           reasons="; ".join(problem_lines(ctx, checked, checked.rejected, "reject"))))
    if checked.warnings:
        lines.append(ctx.t("import_warnings", reasons="; ".join(problem_lines(ctx, checked, checked.warnings, "warn"))))
    lines.append(ctx.t("import_sample"))
    for row in checked.rows[:PREVIEW_ROWS]:
        lines.append("• " + short(" · ".join(v for v in (row.name, row.company, row.email, row.phone) if v), 100))
    return lines


def problem_lines(ctx: Context, checked: Checked, problems: dict[str, list[int]], prefix: str) -> list[str]:
    where = "at_cards" if checked.kind == "vcard" else "at_rows"
    lines = []
    for reason, numbers in sorted(problems.items(), key=lambda item: -len(item[1])):
        shown = ", ".join(map(str, numbers[:SHOWN_NUMBERS])) + (" …" if len(numbers) > SHOWN_NUMBERS else "")
        lines.append(f"{ctx.t(f'{prefix}_{reason}')}: {len(numbers)} ({ctx.t(where, numbers=shown)})")
    return lines


def write_import(ctx: Context, checked: Checked, *, merge: bool) -> str:
    """Write the checked rows: new contacts (with their companies and notes); duplicates merged or skipped."""
    matches = match_existing(session=ctx.session, workspace_id=ctx.workspace_id, rows=checked.rows)
    new_rows = [row for row, match in zip(checked.rows, matches, strict=False) if match is None]
    existing = bulk.contacts_by_ids(session=ctx.session, workspace_id=ctx.workspace_id,
                                    ids=[m.contact_id for m in matches if m is not None]) if merge else {}
    merges = [(existing[m.contact_id], row) for row, m in zip(checked.rows, matches, strict=False)
              if m is not None and m.contact_id in existing]
    companies = company_ids(ctx, [row.company for row in new_rows if row.company]
                            + [row.company for contact, row in merges if row.company and contact.company_id is None])
    source = ("import:" + checked.filename)[:40]
    owners = owners_for(ctx, [[] for _ in new_rows])  # the lead rules give each new contact its rep
    contacts = [{"workspace_id": ctx.workspace.id, "name": row.name, "name_key": fold(row.name),
                 "company_id": companies[fold(row.company)] if row.company else None, "email": row.email,
                 "phone": row.phone, "source": source, "owner_id": owner, "lead_status": "new", "score": 0,
                 "created_at": ctx.now, "updated_at": ctx.now, **dict.fromkeys(DETAIL_COLUMNS), **row.fields}
                for row, owner in zip(new_rows, owners, strict=False)]
    contact_ids = insert_all(ctx, Contact, contacts)
    ctx.touch_ids(contact_ids)
    notes = [note(ctx, contact_id, row.note) for row, contact_id in zip(new_rows, contact_ids, strict=False) if row.note]
    insert_details(ctx, list(zip(contact_ids, new_rows, strict=False)))
    notes += merge_all(ctx, merges, companies)
    write_fields(ctx, list(zip(contact_ids, new_rows, strict=False)) + [(id_of(c), row) for c, row in merges],
                 companies, insert_all)
    insert_all(ctx, Interaction, notes)
    skipped = len(checked.rows) - len(new_rows) - len(merges)
    logger.info("import %s: %d new, %d merged, %d skipped", checked.filename, len(contacts), len(merges), skipped)
    return ctx.t("imported", filename=checked.filename, new=len(contacts), merged=len(merges), skipped=skipped)


def merge_all(ctx: Context, merges: list[tuple[Contact, Row]], companies: dict[str, int]) -> list[dict[str, Any]]:
    """Absorb each row into its existing contact (audited as one update per contact); returns the notes to add."""
    company_keys: dict[int | None, str] = {company_id: key for key, company_id in companies.items()}
    before: dict[int, tuple[Contact, str]] = {}
    notes = []
    absorbed: list[tuple[Contact, Row]] = []
    for contact, row in merges:
        before.setdefault(id_of(contact), (contact, snapshot(contact)))
        changes, also, extras = plan_absorb(ctx, contact, name=row.name, email=row.email, phone=row.phone,
                                            company=row.company, owner_id=None,
                                            company_key=company_keys.get(contact.company_id),
                                            company_id=lambda name: companies[fold(name)])
        changes |= {key: value for key, value in row.fields.items() if getattr(contact, key) in (None, "")}
        for field, value in changes.items():
            setattr(contact, field, value)
        for field, value in extras:
            getattr(row, field + "s").insert(0, [value, row.fields.get(f"{field}_label", "other")])
        absorbed.append((contact, row))
        contact.updated_at = ctx.now
        text = "\n".join(part for part in [row.note, *also] if part)[:MAX_NOTE]
        if text:
            notes.append(note(ctx, id_of(contact), text))
    ctx.session.add_all(contact for contact, _ in before.values())
    ctx.session.flush()
    bulk.audit_many(session=ctx.session, workspace_id=ctx.workspace_id, member_id=ctx.member_id,
                    batch=ctx.batch, action="update", changes=list(before.values()))
    insert_details(ctx, [(id_of(contact), row) for contact, row in absorbed], existing=True)
    return notes


def insert_details(ctx: Context, rows: list[tuple[int, Row]], *, existing: bool = False) -> None:
    """The further e-mails, phones and addresses of the rows, for their contacts (audited, in bulk)."""
    ws = ctx.workspace_id
    have_emails, have_phones, have_addresses = (
        details.all_details(session=ctx.session, workspace_id=ws) if existing else ({}, {}, {}))
    emails, phones, addresses = [], [], []
    for contact_id, row in rows:
        known = {e.email for e in have_emails.get(contact_id, [])}
        for position, (value, label) in enumerate(row.emails, 1 + len(known)):
            if value not in known and value != row.email:
                emails.append({"workspace_id": ws, "contact_id": contact_id, "email": value, "label": label,
                               "position": position})
        known = {p.phone for p in have_phones.get(contact_id, [])}
        for position, (value, label) in enumerate(row.phones, 1 + len(known)):
            if value not in known and value != row.phone:
                phones.append({"workspace_id": ws, "contact_id": contact_id, "phone": value, "label": label,
                               "position": position})
        known_addresses = [(a.street, a.postcode, a.city) for a in have_addresses.get(contact_id, [])]
        for position, parts in enumerate(row.addresses, len(known_addresses)):
            if (parts.get("street", ""), parts.get("postcode", ""), parts.get("city", "")) not in known_addresses:
                addresses.append({"workspace_id": ws, "owner_kind": "contact", "owner_id": contact_id,
                                  "position": position, **{key: parts.get(key, "") for key in ADDRESS_KEYS}})
    insert_all(ctx, ContactEmail, emails)
    insert_all(ctx, ContactPhone, phones)
    insert_all(ctx, Address, addresses)


def note(ctx: Context, contact_id: int, text: str) -> dict[str, Any]:
    return {"workspace_id": ctx.workspace.id, "contact_id": contact_id, "deal_id": None, "kind": "note",
            "text": text, "author_id": ctx.member.id, "created_at": ctx.now}


def company_ids(ctx: Context, names: list[str]) -> dict[str, int]:
    """Folded company name -> id for every company of the workspace, creating those named but missing."""
    known = {company.name_key: id_of(company) for company in bulk.companies(
        session=ctx.session, workspace_id=ctx.workspace_id)}
    missing: dict[str, str] = {}
    for name in names:
        if fold(name) not in known:
            missing.setdefault(fold(name), name)
    rows = [{"workspace_id": ctx.workspace_id, "name": name, "name_key": key, "created_at": ctx.now,
             "updated_at": ctx.now} for key, name in missing.items()]
    known.update(zip(missing, insert_all(ctx, Company, rows), strict=False))
    return known


def insert_all(ctx: Context, model: type[SQLModel], rows: list[dict[str, Any]]) -> list[int]:
    """Insert many rows, audited like ctx.add, without building a model object per row; names go to the index."""
    ids = bulk.insert_audited(session=ctx.session, model=model, rows=rows, workspace_id=ctx.workspace_id,
                              member_id=ctx.member_id, batch=ctx.batch)
    kind = {Contact: "contact", Company: "company"}.get(model)
    if kind:
        ctx.index_changes.extend((kind, row_id, row["name"]) for row_id, row in zip(ids, rows, strict=False))
    return ids


# --- entry points outside a chat command ------------------------------------------------------


def is_import_file(filename: str, caption: str) -> bool:
    """A document to import rather than to file on a contact: .csv/.vcf without a caption, or captioned /import."""
    importable = filename.casefold().endswith((".csv", ".vcf", ".vcard"))
    return importable and (not caption.strip() or caption.strip().casefold().startswith("/import"))


def upload_import(run: Run, language: str, filename: str, content: bytes) -> Reply:
    """Preview a file sent in chat: the channel downloaded `content`; `run` runs work as its sender."""
    try:
        return _run(run, language, lambda ctx: preview_import(ctx, filename, content))
    except ImportFailed as error:
        return Reply(str(error))


def import_file(run: Run, language: str, path: str | Path, *, duplicates: str = "skip", dry_run: bool = False) -> str:
    """`crmbot import FILE`: check and write the file in one transaction; returns the summary.

    `duplicates` is "skip" or "merge"; `dry_run` shows the preview and writes nothing. Raises
    ImportFailed with the reason when the file cannot be imported.
    """
    path = Path(path)
    if path.stat().st_size > MAX_BYTES:
        raise ImportFailed(catalogue.explain("en", BadFile("too_big", filename=path.name, limit=MAX_BYTES // 2**20)))
    content = path.read_bytes()

    def work(ctx: Context) -> Reply:
        checked = check_file(ctx, path.name, content)
        lines = preview_lines(ctx, checked, match_existing(session=ctx.session, workspace_id=ctx.workspace_id,
                                                           rows=checked.rows))
        if not dry_run:
            lines.append(write_import(ctx, checked, merge=duplicates == "merge"))
        return Reply("\n".join(lines))

    return _run(run, language, work).text


def _run(run: Run, language: str, work: Callable[[Context], Reply]) -> Reply:
    """Run `work` through the engine; a domain error is raised as ImportFailed in the member's language."""
    try:
        return run(work)
    except CrmError as error:
        raise ImportFailed(catalogue.explain(language, error)) from error
