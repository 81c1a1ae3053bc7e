"""Charts as PNG pictures: open pipeline by stage (won and lost apart), forecast by month, won by rep.

Drawn with Pillow (a few milliseconds each, where matplotlib took a tenth of a second), with the value
on every bar and the legend above the bars. Several currencies are shown truthfully: converted at the
workspace's rates when every one has a rate (the caption says so), else one panel per currency. Each
picture is kept by a hash of its figures and language, so a team's chart is drawn once per data version.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import Session

from handlers.crm.currency import Rates, converted, load_rates, rates_note
from handlers.texts.catalogue import t
from handlers.texts.fmt import money
from handlers.texts.reply import ReplyFile
from storage import queries
from storage.models import PipelineStage
from storage.pipeline_sums import pipeline_totals

if TYPE_CHECKING:  # Pillow loads when the first chart is drawn
    from PIL import ImageDraw, ImageFont

WIDTH = 760
ROW = 22  # one bar's height
GAP = 10
LABEL_WIDTH = 150
VALUE_ROOM = 150
MAX_PANELS = 4
CACHE_SIZE = 512
COLORS = {"value": (158, 202, 225), "weighted": (49, 130, 189), "won": (116, 196, 118), "lost": (189, 189, 189),
          "commit": (230, 85, 13), "best": (253, 174, 107)}


@dataclass(frozen=True)
class Series:
    key: str  # a COLORS key, and the legend's text key (chart_<key>)
    values: tuple[int, ...]  # cents, one per row


@dataclass(frozen=True)
class Panel:
    currency: str
    rows: tuple[str, ...]
    series: tuple[Series, ...]
    divider: int = -1  # a line before this row (open stages above, closed ones below)


@dataclass(frozen=True)
class Chart:
    title: str
    panels: tuple[Panel, ...]
    caption: str
    lang: str
    filename: str = "chart.png"


_cache: OrderedDict[str, bytes] = OrderedDict()
_cache_lock = threading.Lock()
drawn = 0  # pictures drawn since start (the cache's misses)


def render(chart: Chart) -> ReplyFile:
    """The chart as a PNG photo with its caption; drawn once per distinct chart."""
    global drawn
    key = hashlib.sha256(repr(chart).encode()).hexdigest()
    with _cache_lock:
        png = _cache.get(key)
        if png is not None:
            _cache.move_to_end(key)
    if png is None:
        png = draw(chart)
        with _cache_lock:
            drawn += 1
            _cache[key] = png
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    return ReplyFile(chart.filename, png, "image/png", image=True, caption=chart.caption)


def panels(rows: tuple[str, ...], by_currency: dict[str, dict[str, list[int]]], keys: tuple[str, ...],
           rates: Rates, divider: int = -1) -> tuple[tuple[Panel, ...], bool]:
    """One panel per currency, or one converted panel when every currency has a workspace rate."""
    currencies = sorted(by_currency, key=lambda cur: -sum(sum(v) for v in by_currency[cur].values()))
    if len(currencies) > 1 and rates.base:
        total: dict[str, list[int]] = {key: [0] * len(rows) for key in keys}
        for key in keys:
            for i in range(len(rows)):
                value = converted({cur: by_currency[cur][key][i] for cur in currencies}, rates)
                if value is None:
                    break
                total[key][i] = value
            else:
                continue
            break
        else:
            return (Panel(rates.base, rows, tuple(Series(k, tuple(total[k])) for k in keys), divider),), True
    return tuple(Panel(cur, rows, tuple(Series(k, tuple(by_currency[cur][k])) for k in keys), divider)
                 for cur in currencies[:MAX_PANELS]), False


def caption_for(lang: str, title: str, currencies: set[str], rates: Rates, was_converted: bool) -> str:
    if was_converted:
        return f"{title} · {t(lang, 'chart_converted', base=rates.base)} {rates_note(rates, currencies, lang)}".strip()
    if len(currencies) > MAX_PANELS:
        return f"{title} · {t(lang, 'chart_some_currencies', count=MAX_PANELS, total=len(currencies))}"
    return f"{title} · {t(lang, 'chart_per_currency')}" if len(currencies) > 1 else title


def pipeline_of(session: Session, workspace_id: int, lang: str) -> Chart | None:
    """The workspace's pipeline chart, every currency shown (drawn later with `render`)."""
    return pipeline_from(lang, queries.stages(session=session, workspace_id=workspace_id),
                         pipeline_totals(session=session, workspace_id=workspace_id),
                         load_rates(session, workspace_id))


def pipeline_from(lang: str, stages: list[PipelineStage], rows: list[tuple[int, str, int, int, int]],
                  rates: Rates) -> Chart | None:
    """The pipeline chart from the stages and their totals (`queries.pipeline_totals`)."""
    index = {s.id: i for i, s in enumerate(stages)}
    totals: dict[str, dict[str, list[int]]] = {}
    for stage_id, currency, _count, value, weighted in rows:
        figures = totals.setdefault(currency, {"value": [0] * len(stages), "weighted": [0] * len(stages)})
        figures["value"][index[stage_id]] += value
        figures["weighted"][index[stage_id]] += weighted
    return pipeline(lang, [(t(lang, f"stage_{s.key}"), s.is_closed) for s in stages], totals, rates)


def pipeline(lang: str, stages: list[tuple[str, bool]], totals: dict[str, dict[str, list[int]]],
             rates: Rates) -> Chart | None:
    """Open value and weighted value per open stage, then won and lost below a line.

    `stages` are (name, closed) in pipeline order, open ones first; `totals[currency]` holds
    "value" and "weighted" (cents) per stage.
    """
    if not totals:
        return None
    order = [i for i, (_, closed) in enumerate(stages) if not closed] + [i for i, (_, closed) in enumerate(stages)
                                                                        if closed]
    rows = tuple(stages[i][0] for i in order)
    data = {cur: {key: [values[key][i] for i in order] for key in ("value", "weighted")} for cur, values in totals.items()}
    divider = sum(1 for _, closed in stages if not closed)
    title = t(lang, "chart_pipeline_title")
    built, was_converted = panels(rows, data, ("value", "weighted"), rates, divider)
    return Chart(title, built, caption_for(lang, title, set(totals), rates, was_converted), lang, "pipeline.png")


def forecast(lang: str, buckets: list[str], totals: dict[str, dict[str, list[int]]], rates: Rates) -> ReplyFile | None:
    """Won, commit, weighted and best case per month or quarter."""
    if not totals:
        return None
    title = t(lang, "chart_forecast_title")
    built, was_converted = panels(tuple(buckets), totals, ("won", "commit", "weighted", "best"), rates)
    return render(Chart(title, built, caption_for(lang, title, set(totals), rates, was_converted), lang,
                        "forecast.png"))


def won_by_rep(lang: str, reps: list[tuple[str, dict[str, int]]], rates: Rates) -> ReplyFile | None:
    """Won value per rep, largest first."""
    currencies = {cur for _, sums in reps for cur, cents in sums.items() if cents}
    if not currencies:
        return None
    reps = sorted(reps, key=lambda rep: (-sum(rep[1].values()), rep[0]))
    rows = tuple(name for name, _ in reps)
    data = {cur: {"won": [sums.get(cur, 0) for _, sums in reps]} for cur in currencies}
    title = t(lang, "chart_won_title")
    built, was_converted = panels(rows, data, ("won",), rates)
    return render(Chart(title, built, caption_for(lang, title, currencies, rates, was_converted), lang,
                        "won-by-rep.png"))


# --- drawing -------------------------------------------------------------------------------

def _font_path() -> str | None:
    """DejaVu Sans as matplotlib ships it (found without importing matplotlib)."""
    spec = importlib.util.find_spec("matplotlib")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"
        if path.exists():
            return str(path)
    return None


_fonts: dict[int, ImageFont.FreeTypeFont | ImageFont.ImageFont] = {}


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    from PIL import ImageFont

    if size not in _fonts:
        path = _font_path()
        _fonts[size] = ImageFont.truetype(path, size) if path else ImageFont.load_default(size)
    return _fonts[size]


def _fit(draw: ImageDraw.ImageDraw, text: str, width: int, size: int) -> str:
    while text and draw.textlength(text, font=font(size)) > width:
        text = text[:-2] + "…" if len(text) > 2 else ""
    return text


def draw(chart: Chart) -> bytes:
    """Horizontal bars, one group of series per row, the value at the end of every bar."""
    from PIL import Image, ImageDraw

    heights = [30 + len(p.rows) * (len(p.series) * ROW + GAP) + (GAP if p.divider > 0 else 0) for p in chart.panels]
    height = 70 + sum(heights)
    image = Image.new("RGB", (WIDTH, height), "white")
    pen = ImageDraw.Draw(image)
    pen.text((20, 12), chart.title, fill="black", font=font(18))
    x = 20
    for series in chart.panels[0].series if chart.panels else ():  # the legend, above every bar
        name = t(chart.lang, f"chart_{series.key}")
        pen.rectangle((x, 44, x + 14, 56), fill=COLORS[series.key])
        pen.text((x + 20, 42), name, fill="black", font=font(13))
        x += 34 + int(pen.textlength(name, font=font(13)))
    y = 70
    for panel, panel_height in zip(chart.panels, heights, strict=False):
        _panel(pen, panel, y, chart.lang)
        y += panel_height
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False, compress_level=3)
    return buffer.getvalue()


def _panel(pen: ImageDraw.ImageDraw, panel: Panel, top: int, lang: str) -> None:
    """One currency: open rows scaled together, closed rows (below the line) on their own scale, value only."""
    pen.text((20, top), panel.currency, fill=(90, 90, 90), font=font(14))
    top += 24
    left, room = 20 + LABEL_WIDTH, WIDTH - 40 - LABEL_WIDTH - VALUE_ROOM
    split = panel.divider if panel.divider >= 0 else len(panel.rows)
    sections = (range(0, split), range(split, len(panel.rows)))
    y = top
    for i, name in enumerate(panel.rows):
        closed = i >= split
        section = sections[1] if closed else sections[0]
        largest = max((s.values[j] for s in panel.series for j in section), default=0) or 1
        if i == split and i > 0:
            pen.line((20, y + 2, WIDTH - 20, y + 2), fill=(160, 160, 160), width=1)
            y += GAP
        series = panel.series[:1] if closed else panel.series
        group = len(panel.series) * ROW
        pen.text((20, y + group // 2 - 8), _fit(pen, name, LABEL_WIDTH - 10, 13), fill="black", font=font(13))
        for one in series:
            value = one.values[i]
            color = COLORS[("won" if i == split else "lost") if closed else one.key]
            length = int(room * max(value, 0) / largest)
            pen.rectangle((left, y + 3, left + max(length, 1), y + ROW - 3), fill=color)
            pen.text((left + length + 6, y + 4), money(value, "", lang).strip(), fill="black", font=font(12))
            y += ROW
        y += GAP + (group - len(series) * ROW)
