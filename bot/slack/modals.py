"""The modals where a form beats a one-liner: new contact, deal and task, and "Save to CRM".

Each view carries where it was opened (`private_metadata`) and block ids that bot/slack_forms.py reads
back; the contact pickers load their options from `Crm.suggest` (action id `contact`).
"""

from collections.abc import Callable
from functools import partial
from typing import Any

from handlers.texts import catalogue
from handlers.texts.catalogue import SLACK

View = dict[str, Any]
Block = dict[str, Any]

CONTACT_ACTION = "contact"  # the external select whose options come from Crm.suggest
NOTE_LIMIT = 3000  # Slack's limit for a plain-text input
METADATA_LIMIT = 3000
STAGES = ("lead", "qualified", "proposal", "negotiation", "won", "lost")
CURRENCY_CODES = ("EUR", "USD", "GBP", "CHF")


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def modal(callback_id: str, language: str, metadata: str, blocks: list[Block]) -> View:
    return {"type": "modal", "callback_id": callback_id, "private_metadata": metadata[:METADATA_LIMIT],
            "title": plain(SLACK.t(language, f"title_{callback_id.removeprefix('crm_')}")[:24]),
            "submit": plain(SLACK.t(language, "submit")[:24]), "close": plain(SLACK.t(language, "cancel")[:24]),
            "blocks": blocks}


def text_input(block_id: str, label: str, *, optional: bool = False, multiline: bool = False,
               initial: str | None = None, max_length: int = 200) -> Block:
    element: Block = {"type": "plain_text_input", "action_id": block_id, "multiline": multiline,
                      "max_length": max_length}
    if initial:
        element["initial_value"] = initial[:max_length]
    return {"type": "input", "block_id": block_id, "optional": optional, "label": plain(label), "element": element}


def input_block(block_id: str, label: str, element: Block, *, optional: bool = True) -> Block:
    return {"type": "input", "block_id": block_id, "optional": optional, "label": plain(label),
            "element": {"action_id": block_id, **element}}


def select(block_id: str, label: str, options: list[tuple[str, str]], initial: str) -> Block:
    choices = [{"text": plain(text[:75]), "value": value} for value, text in options]
    chosen = next(choice for choice in choices if choice["value"] == initial)
    return input_block(block_id, label, {"type": "static_select", "options": choices, "initial_option": chosen},
                       optional=False)


def contact_select(language: str, *, optional: bool) -> Block:
    element = {"type": "external_select", "min_query_length": 1,
               "placeholder": plain(SLACK.t(language, "search_contact"))}
    block = input_block("contact", SLACK.t(language, "label_contact"), element, optional=optional)
    block["element"]["action_id"] = CONTACT_ACTION
    return block


def contact_modal(language: str, metadata: str) -> View:
    t = partial(SLACK.t, language)
    return modal("crm_contact", language, metadata, [
        text_input("name", t("label_name")),
        text_input("company", t("label_company"), optional=True),
        text_input("email", t("label_email"), optional=True, max_length=254),
        text_input("phone", t("label_phone"), optional=True, max_length=40)])


def deal_modal(language: str, metadata: str) -> View:
    t = partial(SLACK.t, language)
    stages = [(key, catalogue.t(language, f"stage_{key}")) for key in STAGES]
    return modal("crm_deal", language, metadata, [
        text_input("title", t("label_title"), max_length=300),
        input_block("value", t("label_value"), {"type": "number_input", "is_decimal_allowed": True,
                                                 "min_value": "0"}),
        select("currency", t("label_currency"), [(code, code) for code in CURRENCY_CODES], "EUR"),
        select("stage", t("label_stage"), stages, "lead"),
        input_block("close", t("label_close"), {"type": "datepicker"}),
        contact_select(language, optional=True)])


def task_modal(language: str, metadata: str) -> View:
    t = partial(SLACK.t, language)
    return modal("crm_task", language, metadata, [
        text_input("title", t("label_title"), max_length=500),
        contact_select(language, optional=True),
        input_block("date", t("label_date"), {"type": "datepicker"}),
        input_block("time", t("label_time"), {"type": "timepicker"})])


def save_modal(language: str, metadata: str, *, text: str, author: str) -> View:
    blocks = [contact_select(language, optional=False),
              text_input("note", SLACK.t(language, "label_note"), multiline=True, initial=text, max_length=NOTE_LIMIT)]
    if author:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn",
                                                        "text": SLACK.t(language, "save_from", user=author)}]})
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": SLACK.t(language, "save_hint")}]})
    return modal("crm_save", language, metadata, blocks)


OPENERS: dict[str, Callable[[str, str], View]] = {"contact": contact_modal, "deal": deal_modal, "task": task_modal}
