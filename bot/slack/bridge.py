"""The Slack side of the CRM: who is who (users.info, cached), the team's CRM channel, one door into the engine.

A Slack team is the workspace `slack:<team id>`; a member is their Slack user id. A member's time
zone and locale come from `users.info` on their first message (the engine keeps them from then on).
"""

import json
import logging
import threading
import urllib.request
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.blocks import home_view, message, summary
from bot.slack.files import send_file
from bot.slack.forms import Form
from bot.slack.responses import ResponseSender
from handlers.engine import Crm
from handlers.texts import catalogue
from handlers.texts.catalogue import SLACK
from handlers.texts.reply import FileRef, Incoming, Reply

MAX_CARD_BYTES = 20_000_000  # a photo; more is no business card

logger = logging.getLogger(__name__)

DEFAULT_REGION = "DE"  # the engine's default workspace region (Workspace.default_region)
HOME_LABELS = ("home_tasks", "home_pipeline", "button_new_contact", "button_new_deal", "button_new_task")


def workspace_key(team_id: str) -> str:
    return f"slack:{team_id}"


@dataclass(frozen=True)
class Profile:
    """What Slack tells about a member: display name, IANA time zone, locale ("de-DE")."""

    name: str = ""
    timezone: str | None = None
    locale: str | None = None

    @property
    def language(self) -> str:
        return catalogue.language_of(self.locale)

    @property
    def regions(self) -> tuple[str, ...]:
        """Where to read a phone number without a country code: the locale's country, then the default."""
        country = (self.locale or "").replace("_", "-").partition("-")[2].upper()
        return (country, DEFAULT_REGION) if len(country) == 2 and country.isalpha() and country != DEFAULT_REGION \
            else (DEFAULT_REGION,)


@dataclass(frozen=True)
class Origin:
    """Where a modal was opened, so its result goes back there (kept in the view's private_metadata)."""

    response_url: str | None = None
    home: bool = False

    def dump(self) -> str:
        return json.dumps({"r": self.response_url, "h": self.home})

    @classmethod
    def load(cls, text: str | None) -> "Origin":
        data = json.loads(text) if text else {}
        return cls(response_url=data.get("r"), home=bool(data.get("h")))


class SlackBridge:
    """Runs Slack input through the engine and sends the replies back where they belong."""

    def __init__(self, crm: Crm, client: WebClient) -> None:
        self.crm = crm
        self.client = client
        self.responses = ResponseSender()
        self._profiles: dict[tuple[str, str], Profile] = {}
        self._lock = threading.Lock()

    # --- members ---------------------------------------------------------------------------

    def profile(self, team: str, user: str) -> Profile:
        """The member's profile, fetched once per process with users.info."""
        with self._lock:
            cached = self._profiles.get((team, user))
        if cached is not None:
            return cached
        try:
            data: dict[str, Any] = self.client.users_info(user=user, include_locale=True)["user"]
            profile = Profile(name=data.get("real_name") or data.get("name") or "", timezone=data.get("tz"),
                              locale=data.get("locale"))
        except SlackApiError as error:
            logger.warning("users.info failed for %s: %s", user, error.response.get("error"))
            profile = Profile()
        with self._lock:
            self._profiles[(team, user)] = profile
        return profile

    def language(self, team: str, user: str) -> str:
        """The language the member chose (/lang), else their Slack locale if known, without asking Slack."""
        chosen = self.crm.member_language(workspace_key(team), user)
        if chosen is not None:
            return chosen
        with self._lock:
            cached = self._profiles.get((team, user))
        return cached.language if cached else "en"

    def form(self, team: str, user: str) -> Form:
        profile = self.profile(team, user)
        return Form(language=profile.language, regions=profile.regions,
                    timezone=profile.timezone or self.crm.default_timezone, now=self.crm.clock())

    # --- the engine ------------------------------------------------------------------------

    def run(self, text: str, *, team: str, user: str, update_key: str | None = None, team_name: str = "",
            user_name: str = "", attachment: FileRef | None = None) -> Reply:
        profile = self.profile(team, user)
        return self.crm.handle(Incoming(text=text, workspace_key=workspace_key(team), user_id=user,
                                        user_name=profile.name or user_name, workspace_name=team_name or team,
                                        language=profile.locale, timezone=profile.timezone,
                                        update_key=update_key, attachment=attachment))

    def preview_import(self, file: dict[str, Any], *, team: str, user: str, update_key: str) -> Reply:
        """A CSV or vCard sent by DM: download it with the bot token and show the import preview."""
        request = urllib.request.Request(file["url_private_download"],
                                         headers={"Authorization": f"Bearer {self.client.token}"})
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - Slack's own file URL
            content = response.read(Crm.MAX_IMPORT_BYTES + 1)  # one byte more lets the import say "too big"
        return self.crm.upload_import(self.incoming(team, user, update_key), file.get("name", ""), content)

    def read_card(self, file: dict[str, Any], ref: FileRef, *, team: str, user: str, update_key: str) -> Reply:
        """A picture sent by DM without a caption: download it with the bot token and read it as a business card."""
        request = urllib.request.Request(file["url_private_download"],
                                         headers={"Authorization": f"Bearer {self.client.token}"})
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - Slack's own file URL
            content = response.read(MAX_CARD_BYTES)
        return self.crm.scan_card(self.incoming(team, user, update_key), ref, content)

    def incoming(self, team: str, user: str, update_key: str | None, text: str = "") -> Incoming:
        profile = self.profile(team, user)
        return Incoming(text=text, workspace_key=workspace_key(team), user_id=user, user_name=profile.name,
                        workspace_name=team, language=profile.locale, timezone=profile.timezone,
                        update_key=update_key)

    def suggest(self, team: str, query: str) -> list[tuple[str, str]]:
        return self.crm.suggest(workspace_key(team), query)

    # --- sending ---------------------------------------------------------------------------

    def respond(self, response_url: str, reply: Reply) -> None:
        """Answer the caller only, through a response_url (valid 30 minutes, 5 times)."""
        self.responses.post(response_url, {"response_type": "ephemeral", "replace_original": False, **message(reply)})

    def deliver(self, team: str, user: str, reply: Reply, origin: Origin) -> None:
        """Send a reply back where the button or modal was: the channel or DM, the App Home, else a DM."""
        if origin.response_url:
            self.respond(origin.response_url, reply)
        elif origin.home:
            self.publish_home(team, user, status=reply)
        else:
            self.client.chat_postMessage(channel=user, **message(reply))
        self.send_file(user, reply)

    def send_file(self, user: str, reply: Reply, channel: str | None = None) -> None:
        """The reply's chart or export, after its text, in the member's DM (`channel` when that is one)."""
        send_file(self.client, user, reply.file, channel)

    def publish_home(self, team: str, user: str, status: Reply | None = None) -> None:
        """Refresh the member's App Home: open tasks and the team pipeline, and the last answer on top."""
        tasks = self.run("/tasks mine", team=team, user=user)
        pipeline = self.run("/pipeline", team=team, user=user)
        labels = {key: SLACK.t(self.profile(team, user).language, key) for key in HOME_LABELS}
        self.client.views_publish(user_id=user, view=home_view(tasks=tasks, pipeline=pipeline, status=status,
                                                               labels=labels))

    # --- the team's CRM channel ------------------------------------------------------------

    def bind_feed(self, team: str, channel: str | None) -> None:
        self.crm.set_feed_channel(workspace_key(team), channel)

    def announce(self, team: str, user: str, reply: Reply) -> None:
        """Post a one-line summary of a change to the team's CRM channel, when one is bound."""
        if not reply.changed or reply.duplicate or reply.feed is None:
            return  # the engine named the channel with the change; a question has none
        self.client.chat_postMessage(channel=reply.feed, text=summary(user, reply), unfurl_links=False,
                                     unfurl_media=False)

    def apologize(self, *, team: str | None, user: str | None, channel: str | None, response_url: str | None) -> None:
        """Tell the member something failed, as privately as the request allows."""
        text = SLACK.t(self.language(team or "", user or ""), "sorry")
        if response_url:
            self.responses.post(response_url, {"text": text, "response_type": "ephemeral", "replace_original": False})
        elif channel and user:
            self.client.chat_postEphemeral(channel=channel, user=user, text=text)
        elif user:
            self.client.chat_postMessage(channel=user, text=text)
