"""Arguments of the tag, segment, bulk, lead, score, rule and campaign commands, English and German."""

import re
import shlex

from handlers.errors import Usage
from handlers.language import commands as c
from handlers.language import report_parser
from handlers.language.command_readers import read_deal
from handlers.language.names import fold
from handlers.language.segment_query import LEAD_STATUSES
from handlers.language.vocabulary.commands import (
    BULK_ACTIONS,
    CAMPAIGN_ACTIONS,
    RESPONSES,
    RULE_ACTIONS,
    SEGMENT_ACTIONS,
    TAG_ACTIONS,
    TOUCH_KINDS,
)

_SPREAD = re.compile(r"\s+(?:over|in|über|ueber)\s+(?P<n>\d{1,2})\s*(?:days?|d|tagen?|t)$", re.IGNORECASE)
MAX_SPREAD_DAYS = 30


def _words(args: str, name: str) -> list[str]:
    """The words of the arguments, a quoted run kept as one (quotes kept, so it can be put back)."""
    try:
        return shlex.split(args.replace("„", '"').replace("“", '"').replace("”", '"'), posix=False)
    except ValueError:
        raise Usage(command=name) from None


def unquote(text: str) -> str:
    text = text.strip()
    return text[1:-1].strip() if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'" else text


def tag(args: str, name: str) -> c.TagRecord:
    """"anna vip", "anna schulz #vip #hot", "anna: vip, hot"."""
    if ":" in args and not args.startswith("#"):
        query, tags = args.split(":", 1)
        labels = [t.strip().lstrip("#") for t in re.split(r"[,\s]+", tags) if t.strip().lstrip("#")]
    else:
        words = args.split()
        hashed = [w for w in words[1:] if w.startswith("#") and not w[1:].isdigit()]
        labels = [w.lstrip("#") for w in hashed] if hashed else words[-1:]
        query = " ".join(w for w in words if w not in hashed) if hashed else " ".join(words[:-1])
    if not query.strip() or not labels:
        raise Usage(command=name)
    return c.TagRecord(query.strip(), tuple(labels), remove=name == "untag")


def tags(args: str, name: str) -> c.Tags:
    words = args.split()
    if not words:
        return c.Tags()
    action = TAG_ACTIONS.get(words[0].casefold())
    rest = [w.lstrip("#") for w in words[1:] if w.casefold() not in ("into", "in", "to", "zu", "nach")]
    if action is None or len(rest) != 2:
        raise Usage(command=name)
    return c.Tags(action, rest[0], rest[1])


def segment(args: str, name: str) -> c.SegmentCommand:
    """"add "munich vips" tag:vip city:münchen", "delete munich vips", or a name or query to show."""
    first, _, rest = args.strip().partition(" ")
    action = SEGMENT_ACTIONS.get(first.casefold())
    if not args.strip():
        return c.SegmentCommand("list")
    if action is None:
        return c.SegmentCommand("show", query=args.strip())
    if action == "delete":
        return c.SegmentCommand("delete", name=unquote(_required(rest, name)))
    words = _words(_required(rest, name), name)
    cut = next((i for i, word in enumerate(words) if ":" in word or word.startswith("-")), len(words))
    label, query = unquote(" ".join(words[:cut])), " ".join(words[cut:])
    if not label or not query:
        raise Usage(command=name)
    return c.SegmentCommand("add", name=label, query=query)


def bulk(args: str, name: str) -> c.Bulk:
    """"[!] <segment or query> <action> <argument>": the action word is the first one the table knows."""
    confirmed = args.startswith("! ")
    words = _words(args.removeprefix("! "), name)
    cut = next((i for i, word in enumerate(words) if i and word.casefold() in BULK_ACTIONS), None)
    if cut is None:
        raise Usage(command=name)
    action = BULK_ACTIONS[words[cut].casefold()]
    argument = " ".join(words[cut + 1:])
    spread = 5
    if action == "task":
        found = _SPREAD.search(argument)
        if found:
            spread, argument = int(found["n"]), argument[:found.start()]
        if not 1 <= spread <= MAX_SPREAD_DAYS:
            raise Usage(command=name)
    if action in ("tag", "untag", "owner", "status", "task") and not argument.strip():
        raise Usage(command=name)
    return c.Bulk(" ".join(words[:cut]), action, unquote(argument), spread, confirmed)


def leads(args: str, name: str) -> c.Leads:
    page, words = report_parser.take_page(args.casefold().split())
    status = " ".join(words)
    if status and status not in LEAD_STATUSES:
        raise Usage(command=name)
    return c.Leads(LEAD_STATUSES.get(status, ""), page)


def lead(args: str, name: str) -> c.SetLeadStatus:
    query, _, status = _required(args, name).rpartition(" ")
    if not query.strip() or fold(status) not in LEAD_STATUSES:
        raise Usage(command=name)
    return c.SetLeadStatus(query.strip().rstrip(":"), LEAD_STATUSES[fold(status)])


def convert(args: str, name: str) -> c.Convert:
    query, _, words = _required(args, name).partition(":")
    return c.Convert(query.strip(), read_deal(words, name) if words.strip() else None)


def score(args: str, name: str) -> c.Score:
    words = args.split()
    if words and words[0].casefold() in ("rule", "regel"):
        if len(words) != 3 or not re.fullmatch(r"[+-]?\d{1,3}", words[2]):
            raise Usage(command=name)
        return c.Score(rule=words[1].casefold(), points=int(words[2]))
    return c.Score(args.strip())


def rules(args: str, name: str) -> c.LeadRules:
    """"round robin @ben @anna", "tag vip @ben", "region by @ben", "off"."""
    words = args.split()
    if not words:
        return c.LeadRules()
    action = RULE_ACTIONS.get(words[0].casefold())
    rest = words[1:]
    if action == "round_robin" and rest and rest[0].casefold() == "robin":
        rest = rest[1:]
    members = tuple(w.lstrip("@") for w in rest if w.startswith("@"))
    values = [w for w in rest if not w.startswith("@")]
    if action is None or (action == "off") != (not rest) or \
            (action in ("tag", "region") and (len(values) != 1 or not members)) or \
            (action == "round_robin" and (values or not members)):
        raise Usage(command=name)
    return c.LeadRules(action, values[0].lstrip("#") if values else "", members)


def campaign(args: str, name: str) -> c.CampaignCommand:
    words = _words(_required(args, name), name)
    if words[0].casefold() in ("new", "neu"):
        rest = words[1:]
        split = next((i for i, w in enumerate(rest) if w.casefold() in ("from", "aus", "von")), len(rest))
        label = unquote(" ".join(rest[:split]))
        if not label:
            raise Usage(command=name)
        return c.CampaignCommand("new", label, " ".join(rest[split + 1:]))
    cut = next((i for i, word in enumerate(words) if i and word.casefold() in CAMPAIGN_ACTIONS), None)
    if cut is None:
        return c.CampaignCommand("report", unquote(" ".join(words)))
    label, action, rest = unquote(" ".join(words[:cut])), CAMPAIGN_ACTIONS[words[cut].casefold()], words[cut + 1:]
    text = " ".join(rest)
    if action in ("end", "report"):
        return c.CampaignCommand(action, label)
    if action == "touch":
        if len(rest) < 2 or rest[-1].casefold() not in TOUCH_KINDS:
            raise Usage(command=name)
        return c.CampaignCommand(action, label, " ".join(rest[:-1]), TOUCH_KINDS[rest[-1].casefold()])
    if action == "response":
        ending = next((phrase for phrase in sorted(RESPONSES, key=len, reverse=True)
                       if text.casefold().endswith(" " + phrase)), None)
        if ending is None:
            raise Usage(command=name)
        return c.CampaignCommand(action, label, text[:-len(ending)].strip(), RESPONSES[ending])
    if not text:
        raise Usage(command=name)
    return c.CampaignCommand(action, label, text)


def _required(args: str, name: str) -> str:
    if not args.strip():
        raise Usage(command=name)
    return args.strip()


ALIASES: dict[str, tuple[str, ...]] = {
    "tag": ("tag", "markiere", "markieren"),
    "untag": ("untag", "entmarkieren", "entmarkiere"),
    "tags": ("tags", "schlagworte", "schlagwörter", "markierungen"),
    "segment": ("segment",),
    "segments": ("segments", "segmente"),
    "bulk": ("bulk", "massen", "massenänderung"),
    "leads": ("leads", "interessenten"),
    "lead": ("lead", "interessent"),
    "convert": ("convert", "umwandeln", "konvertieren"),
    "score": ("score", "punkte"),
    "rules": ("rules", "leadrules", "regeln", "verteilung"),
    "campaign": ("campaign", "kampagne"),
    "campaigns": ("campaigns", "kampagnen"),
}
PARSERS = {"tag": tag, "untag": tag, "tags": tags, "segment": segment,
           "segments": lambda args, name: c.SegmentCommand("list"), "bulk": bulk, "leads": leads, "lead": lead,
           "convert": convert, "score": score, "rules": rules, "campaign": campaign,
           "campaigns": lambda args, name: c.CampaignCommand("list")}
