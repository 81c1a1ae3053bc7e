"""Replies as Block Kit, and Slack's message markup back to plain text.

A command button becomes a Block Kit button whose `value` is the command (`action_id` crm_0, crm_1, …,
unique within the message); an http(s) button opens its link. Slack buttons are documented for web
links only, so mailto: becomes a link in a context line and tel: the number as text.
"""

import html
import re
from typing import Any

from handlers.texts.reply import Button, Reply

Block = dict[str, Any]

ACTION_PREFIX = "crm_"
LINK_PREFIX = "link_"
SECTION_LIMIT = 3000  # characters in one section's text
BUTTON_LABEL_LIMIT = 75
BUTTON_VALUE_LIMIT = 2000
MESSAGE_BLOCK_LIMIT = 50
FALLBACK_LIMIT = 3000
_MARKUP = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")


def escape(text: str) -> str:
    """Escape the three characters Slack's text fields reserve."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def from_slack(text: str) -> str:
    """Plain text from Slack markup: <mailto:a@b.de|a@b.de> gives a@b.de, <@U1> gives @U1, &amp; gives &."""
    def plain(match: re.Match[str]) -> str:
        target, label = match[1], match[2]
        if target.startswith(("@", "#")):  # a user or channel: <@U123|anna>, <#C123|sales>
            return target[0] + (label or target[1:])
        if target.startswith("!"):  # <!here>, <!subteam^S1|@sales>, <!date^1700000000^{date}|Nov 14>
            return label or "@" + target[1:].split("^")[0]
        if target.startswith(("mailto:", "tel:")):
            return label or target.split(":", 1)[1]
        return target  # a web link: keep the address
    return html.unescape(_MARKUP.sub(plain, text))


def chunks(text: str, limit: int = SECTION_LIMIT) -> list[str]:
    """Split text at line ends into pieces of at most `limit` characters."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:limit])
            line = line[limit:]
        if current and len(current) + 1 + len(line) > limit:
            pieces.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        pieces.append(current)
    return pieces


def text_blocks(text: str) -> list[Block]:
    return [{"type": "section", "text": {"type": "mrkdwn", "text": escape(piece)}}
            for piece in chunks(text, SECTION_LIMIT - 200) if piece.strip()]  # escaping lengthens the text


def button(label: str, action_id: str, *, value: str | None = None, url: str | None = None) -> Block:
    element: Block = {"type": "button", "action_id": action_id,
                      "text": {"type": "plain_text", "text": label[:BUTTON_LABEL_LIMIT], "emoji": True}}
    if value is not None:
        element["value"] = value[:BUTTON_VALUE_LIMIT]
    if url is not None:
        element["url"] = url
    return element


def button_blocks(rows: list[list[Button]], key: str = "") -> list[Block]:
    """One actions block per row of buttons, then a context line for mailto: and tel: links.

    `key` keeps block and action ids unique when several replies share one view (the App Home).
    """
    blocks: list[Block] = []
    links: list[str] = []
    number = 0
    for row in rows:
        elements = []
        for item in row:
            if item.command:
                elements.append(button(item.label, f"{ACTION_PREFIX}{key}{number}", value=item.command))
            elif item.url and item.url.startswith(("https://", "http://")):
                elements.append(button(item.label, f"{LINK_PREFIX}{key}{number}", url=item.url))
            elif item.url and item.url.startswith("mailto:"):
                links.append(f"<{escape(item.url)}|{escape(item.label)}>")
            elif item.url and item.url.startswith("tel:"):
                links.append(f"{escape(item.label)}: {escape(item.url.removeprefix('tel:'))}")
            number += 1
        if elements:
            blocks.append({"type": "actions", "block_id": f"crm_row_{key}{len(blocks)}", "elements": elements[:25]})
    if links:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": "   ".join(links)}]})
    return blocks


def reply_blocks(reply: Reply, key: str = "") -> list[Block]:
    """The reply's text as sections and its buttons as actions, within Slack's block limit."""
    buttons = button_blocks(reply.buttons, key)
    text = text_blocks(reply.text)[: MESSAGE_BLOCK_LIMIT - len(buttons)]
    return text + buttons


def message(reply: Reply) -> dict[str, Any]:
    """Keyword arguments for chat.postMessage, chat.postEphemeral or a response_url."""
    return {"text": escape(reply.text[:FALLBACK_LIMIT]) or " ", "blocks": reply_blocks(reply)}


def summary(user_id: str, reply: Reply) -> str:
    """One line for the team's CRM channel: who changed what."""
    first = next((line for line in reply.text.split("\n") if line.strip()), "")
    return f"<@{user_id}> · {escape(first[:300])}"


def home_view(*, tasks: Reply, pipeline: Reply, status: Reply | None, labels: dict[str, str]) -> Block:
    """The App Home tab: the last button's answer, new-record buttons, open tasks, the team pipeline."""
    blocks: list[Block] = []
    if status is not None and (status.text or status.buttons):
        blocks += [*reply_blocks(status, "s"), {"type": "divider"}]
    blocks.append({"type": "actions", "block_id": "home_new", "elements": [
        button(labels["button_new_contact"], "open_contact"),
        button(labels["button_new_deal"], "open_deal"),
        button(labels["button_new_task"], "open_task")]})
    for key, title, reply in (("t", labels["home_tasks"], tasks), ("p", labels["home_pipeline"], pipeline)):
        blocks.append({"type": "header", "text": {"type": "plain_text", "text": title, "emoji": True}})
        blocks += reply_blocks(reply, key)
    return {"type": "home", "blocks": blocks[:100]}
