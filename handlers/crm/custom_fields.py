"""Custom fields: /field add, list and remove (owners and managers), and the values records hold, checked by type."""

import json
import shlex
from datetime import datetime, time, timezone
from zoneinfo import ZoneInfo

from handlers.context import MANAGER_ROLES, Context
from handlers.crm.contacts import ask_for_text
from handlers.crm.undo import undo_button
from handlers.errors import CrmError, InvalidValue
from handlers.language.commands import EditContact
from handlers.language.dates import parse_when
from handlers.language.field_commands import FieldCommand, check_choice, check_number, check_text
from handlers.language.names import Entry, Hit, fold
from handlers.language.waiting import HOLE
from handlers.texts.fmt import day
from handlers.texts.reply import Button, Reply
from storage import custom_fields as store
from storage.models import CustomField, CustomValue

CLEAR = {"-", "none", "keins", "keine", "kein", "nichts", "leer"}
BUILT_IN = {  # names the records have already: a custom field may not take them
    "contact": {"name", "email", "e-mail", "mail", "phone", "telefon", "tel", "mobile", "handy", "company", "firma",
                "title", "titel", "job", "position", "department", "abteilung", "birthday", "geburtstag", "website",
                "webseite", "street", "strasse", "straße", "postcode", "plz", "city", "ort", "stadt", "region",
                "country", "land", "tag", "owner", "status", "score", "source"},
    "company": {"name", "website", "webseite", "industry", "branche", "size", "größe", "grosse", "groesse",
                "employees", "mitarbeiter", "phone", "telefon", "tel", "street", "strasse", "straße", "postcode",
                "plz", "city", "ort", "stadt", "region", "country", "land"},
}


def ws(ctx: Context) -> int:
    """The workspace id (set on every context a command runs in)."""
    assert ctx.workspace.id is not None
    return ctx.workspace.id


class FieldsNotAllowed(CrmError):
    key = "fields_not_allowed"


class FieldExists(CrmError):
    key = "field_exists"


class FieldBuiltIn(CrmError):
    key = "field_built_in"


class FieldUnknown(CrmError):
    key = "field_unknown"


def field_command(ctx: Context, cmd: FieldCommand) -> Reply:
    """/field add, list or remove."""
    if cmd.action == "list":
        return list_fields(ctx)
    if ctx.member.role not in MANAGER_ROLES:
        raise FieldsNotAllowed()
    if cmd.action == "add":
        return add_field(ctx, cmd)
    return remove_field(ctx, cmd)


def add_field(ctx: Context, cmd: FieldCommand) -> Reply:
    key = fold(cmd.name)
    if key in BUILT_IN[cmd.entity]:
        raise FieldBuiltIn(name=cmd.name, entity=ctx.t(f"field_entity_{cmd.entity}"))
    existing = store.field_by_key(session=ctx.session, workspace_id=ws(ctx), entity=cmd.entity,
                                  name_key=key)
    if existing is not None:
        raise FieldExists(name=existing.name, entity=ctx.t(f"field_entity_{cmd.entity}"))
    ctx.add(CustomField(workspace_id=ws(ctx), applies_to=cmd.entity, name=cmd.name, name_key=key,
                        kind=cmd.kind, choices=json.dumps(list(cmd.choices), ensure_ascii=False) if cmd.choices else None,
                        created_by=ctx.member.id, created_at=ctx.now))
    return Reply(ctx.t("field_added", name=cmd.name, entity=ctx.t(f"field_entity_{cmd.entity}"),
                       kind=kind_label(ctx, cmd.kind, cmd.choices)),
                 buttons=[[undo_button(ctx)]], changed=True)


def remove_field(ctx: Context, cmd: FieldCommand) -> Reply:
    """Remove a field with its values (one undo brings both back)."""
    found = field_named(ctx, cmd.entity, cmd.name)
    assert found.id is not None
    values = store.values_of_field(session=ctx.session, workspace_id=ws(ctx), field_id=found.id)
    for value in values:
        ctx.delete(value)
    ctx.delete(found)
    return Reply(ctx.t("field_removed", name=found.name, count=len(values)), buttons=[[undo_button(ctx)]], changed=True)


def list_fields(ctx: Context) -> Reply:
    fields = store.fields_of(session=ctx.session, workspace_id=ws(ctx))
    if not fields:
        return Reply(ctx.t("fields_none"))
    lines = [ctx.t("fields_header")]
    lines += [f"• {f.name} · {ctx.t(f'field_entity_{f.applies_to}')} · {kind_label(ctx, f.kind, tuple(choices(f)))}"
              for f in fields]
    return Reply("\n".join(lines))


def kind_label(ctx: Context, kind: str, listed: tuple[str, ...]) -> str:
    label = ctx.t(f"field_kind_{kind}")
    return f"{label}: {', '.join(listed)}" if listed else label


def choices(found: CustomField) -> list[str]:
    return list(json.loads(found.choices)) if found.choices else []


def field_named(ctx: Context, entity: str, name: str) -> CustomField:
    found = find_field(ctx, entity, name)
    if found is None:
        raise FieldUnknown(name=name[:60])
    return found


def find_field(ctx: Context, entity: str, name: str) -> CustomField | None:
    """The workspace's custom field of that name on contacts or companies, or None."""
    return store.field_by_key(session=ctx.session, workspace_id=ws(ctx), entity=entity,
                              name_key=fold(name))


def checked_value(ctx: Context, found: CustomField, value: str) -> str | None:
    """The value as stored (None clears it), checked by the field's kind; a bad one raises InvalidValue."""
    if value.strip().casefold() in CLEAR:
        return None
    if found.kind == "number":
        return check_number(value, found.name)
    if found.kind == "choice":
        return check_choice(value, choices(found), found.name)
    if found.kind == "date":
        when = parse_when(value, now=ctx.now, tz=ctx.tz, **ctx.region)
        if when is None:
            raise InvalidValue(field="custom", value=value[:30], reason="a date", reason_key="why_custom_date",
                               name=found.name)
        return when.astimezone(ZoneInfo(ctx.tz)).date().isoformat()
    return check_text(value, found.name)


def set_value(ctx: Context, found: CustomField, entity_id: int, value: str | None) -> None:
    """Store, change or clear one record's value of a field, audited."""
    assert found.id is not None
    current = store.value_of(session=ctx.session, workspace_id=ws(ctx), field_id=found.id,
                             entity_id=entity_id)
    if value is None:
        if current is not None:
            ctx.delete(current)
    elif current is None:
        ctx.add(CustomValue(workspace_id=ws(ctx), field_id=found.id, entity=found.applies_to,
                            entity_id=entity_id, value=value, value_key=fold(value)))
    elif current.value != value:
        ctx.update(current, value=value, value_key=fold(value))


def shown(ctx: Context, found: CustomField, value: str) -> str:
    """A value as a card shows it: dates in the member's style."""
    if found.kind == "date":
        moment = datetime.combine(datetime.fromisoformat(value).date(), time(12), timezone.utc)
        return day(moment, "UTC", ctx.lang)
    if found.kind == "number" and ctx.lang == "de":
        return value.replace(".", ",")
    return value


def custom_lines(ctx: Context, entity: str, entity_id: int) -> list[str]:
    """"Branche: Handel" for each custom value of a record, in the order the fields were added."""
    fields = {f.id: f for f in store.fields_of(session=ctx.session, workspace_id=ws(ctx), entity=entity)}
    values = store.values_of(session=ctx.session, workspace_id=ws(ctx), entity=entity, entity_id=entity_id)
    return [f"🏷 {fields[v.field_id].name}: {shown(ctx, fields[v.field_id], v.value)}" for v in values
            if v.field_id in fields]


def custom_hits(ctx: Context, query: str) -> list[Hit]:
    """Contacts and companies whose custom values hold the query (for /find), as name-index hits."""
    key = fold(query)
    if len(key) < 2:
        return []
    found = store.search_values(session=ctx.session, workspace_id=ws(ctx), query_key=key)
    hits: list[Hit] = []
    for entity in ("contact", "company"):
        ids = [value.entity_id for _field, value in found if value.entity == entity]
        names = store.record_names(session=ctx.session, workspace_id=ws(ctx), entity=entity, ids=ids)
        hits += [Hit(Entry(entity, record_id, name, fold(name)), 100.0) for record_id, name in names.items()]
    return hits


def field_query(ctx: Context, text: str) -> str:
    """A segment query with each `branche:handel` (a contact field of the team's) written `field.branche:handel`."""
    from handlers.language import segment_query as q

    try:
        parts = q.tokens(text)
    except q.QueryError:
        return text  # the query reader says what is wrong
    names = {f.name_key for f in store.fields_of(session=ctx.session, workspace_id=ws(ctx),
                                                 entity="contact")}
    rewritten = [_field_part(part, names) for part in parts]
    return text if rewritten == parts else shlex.join(rewritten)


def _field_part(part: str, names: set[str]) -> str:
    from handlers.language import segment_query as q

    sign, body = ("-", part[1:]) if part.startswith("-") else ("", part)
    name, sep, value = body.partition(":")
    if sep and name.casefold() in ("field", "feld", "custom") and "=" in value:  # field:branche=handel
        name, _, value = value.partition("=")
        return f"{sign}field.{fold(name)}:{value}"
    if sep and fold(name) in names and name.casefold() not in q.FIELD_OF:
        return f"{sign}field.{fold(name)}:{value}"
    return part


SHOWN_BUTTONS = 3


def field_buttons(ctx: Context, entity: str, entity_id: int) -> list[list[Button]]:
    """A card's fix buttons: one per custom field (the first three), each asking for its value."""
    fields = store.fields_of(session=ctx.session, workspace_id=ws(ctx), entity=entity)[:SHOWN_BUTTONS]
    ref = f"#{entity}:{entity_id}"
    row = [Button(f"🏷 {f.name[:25]}", command=EditContact(ref, ((f.name_key, "?"),))) for f in fields]
    return [row] if row else []


def ask_value(ctx: Context, found: CustomField, ref: str, name: str) -> Reply:
    """Wait for the member's next message as the field's value (a card's fix button)."""
    hint = ", ".join(choices(found)) if found.kind == "choice" else ctx.t(f"field_kind_{found.kind}")
    return ask_for_text(ctx, EditContact(ref, ((found.name_key, HOLE),)), "ask_field_value",
                        field=found.name, name=name, hint=hint)
