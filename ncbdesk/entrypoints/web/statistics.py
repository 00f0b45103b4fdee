"""The statistics dashboard: charts drawn on the server as SVG, each with its table
and a CSV export. No script and no inline style (CSP): colours are classes in
/static/statistics.css."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from urllib.parse import urlencode
from zoneinfo import ZoneInfo, available_timezones

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from markupsafe import Markup, escape

from ncbdesk.domain.errors import Problems
from ncbdesk.domain.notices import NoticeType
from ncbdesk.domain.security import Permission
from ncbdesk.entrypoints import deps
from ncbdesk.entrypoints.web.rendering import Uow, render
from ncbdesk.services import requests_stats as svc
from ncbdesk.services.context import Actor

router = APIRouter(prefix="/statistics", include_in_schema=False)

Analyst = Annotated[Actor, Depends(deps.requires(Permission.STATS_READ))]
Ctx = Annotated[deps.AppContext, Depends(deps.context)]
Year = Annotated[int | None, Query(ge=1900, le=2200)]
Zone = Annotated[str, Query(max_length=64)]

SERIES = 8  # colour classes s0..s7; more keys share "other"
WIDTH, HEIGHT, PAD = 640, 220, 28


def _zone(raw: str, default: str) -> str:
    zone = raw.strip() or default
    if zone not in available_timezones() and zone != "UTC":
        p = Problems()
        p.add("zone", f"'{zone[:40]}' is not a time zone (e.g. Europe/Moscow)")
        p.raise_if_any("The filter is not valid.")
    return zone


def _stats(
    uow: Uow, actor: Actor, ctx: deps.AppContext, year: int | None, zone: str
) -> svc.Statistics:
    tz = _zone(zone, ctx.settings.timezone)
    y = year or datetime.now(ZoneInfo(tz)).year
    return svc.statistics(uow, actor, y, tz)


def shown(key: object) -> object:
    """A table's key as a reader sees it: "red" → "Red Notice", "identity_check" →
    "Identity check"; numbers and other text as they are. The CSV keeps the codes."""
    if not isinstance(key, str) or not key.islower():
        return key
    try:
        return NoticeType(key).label
    except ValueError:
        return key.replace("_", " ").capitalize()


def for_reading(t: svc.Table) -> svc.Table:
    """The same table with readable keys in its header and first column."""
    return svc.Table(
        t.slug,
        t.title,
        tuple(str(shown(h)) for h in t.header),
        [(shown(r[0]), *r[1:]) for r in t.rows],
        t.note,
    )


def _n(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def stacked_bars(t: svc.Table) -> Markup:
    """Months across, one stacked bar per row of a month table (the Total column excluded)."""
    keys = list(t.header[1:-1])
    rows = t.rows
    top = max((_n(r[-1]) for r in rows), default=0.0) or 1.0
    slot = (WIDTH - PAD) / max(len(rows), 1)
    parts = []
    for i, r in enumerate(rows):
        y: float = HEIGHT - PAD
        for k, value in enumerate(r[1:-1]):
            h = (HEIGHT - 2 * PAD) * _n(value) / top
            if h <= 0:
                continue
            y -= h
            parts.append(
                f'<rect class="s{min(k, SERIES - 1)}" x="{PAD + i * slot + 2:.1f}" y="{y:.1f}" '
                f'width="{slot - 4:.1f}" height="{h:.1f}"><title>{escape(r[0])} · '
                f"{escape(keys[k])}: {escape(value)}</title></rect>"
            )
        parts.append(
            f'<text class="axis" x="{PAD + i * slot + slot / 2:.1f}" y="{HEIGHT - PAD + 14}">'
            f"{escape(r[0])}</text>"
        )
    parts.append(f'<text class="ymax" x="2" y="{PAD - 8}">{int(top)}</text>')
    legend = "".join(
        f'<li><span class="key s{min(k, SERIES - 1)}"></span>{escape(name)}</li>'
        for k, name in enumerate(keys)
    )
    return _svg(t, "".join(parts), legend)


def hbars(t: svc.Table, value_col: int = -1, limit: int = 15) -> Markup:
    """One horizontal bar per row (a key and its count), the largest first."""
    rows = t.rows[:limit]
    top = max((_n(r[value_col]) for r in rows), default=0.0) or 1.0
    step = (HEIGHT - PAD) / max(len(rows), 1)
    parts = []
    for i, r in enumerate(rows):
        w = (WIDTH - 160) * _n(r[value_col]) / top
        y = PAD / 2 + i * step
        parts.append(
            f'<text class="label" x="0" y="{y + step * 0.7:.1f}">{escape(r[0])}</text>'
            f'<rect class="s0" x="120" y="{y + 2:.1f}" width="{w:.1f}" height="{step - 4:.1f}">'
            f"<title>{escape(r[0])}: {escape(r[value_col])}</title></rect>"
            f'<text class="value" x="{124 + w:.1f}" y="{y + step * 0.7:.1f}">'
            f"{escape(r[value_col])}</text>"
        )
    return _svg(t, "".join(parts), "")


def line(t: svc.Table, value_col: int) -> Markup:
    """A value per month as dots joined by a line (months without a value skipped)."""
    values = [(i, r[value_col]) for i, r in enumerate(t.rows) if r[value_col] != ""]
    top = max((_n(v) for _, v in values), default=0.0) or 1.0
    slot = (WIDTH - PAD) / 12
    points = [
        (PAD + i * slot + slot / 2, HEIGHT - PAD - (HEIGHT - 2 * PAD) * _n(v) / top)
        for i, v in values
    ]
    parts = []
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline class="line" points="{path}"></polyline>')
    for (x, y), (i, v) in zip(points, values, strict=True):
        parts.append(
            f'<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="3">'
            f"<title>{escape(t.rows[i][0])}: {escape(v)}</title></circle>"
        )
    for i, r in enumerate(t.rows):
        parts.append(
            f'<text class="axis" x="{PAD + i * slot + slot / 2:.1f}" y="{HEIGHT - PAD + 14}">'
            f"{escape(r[0])}</text>"
        )
    parts.append(f'<text class="ymax" x="2" y="{PAD - 8}">{top:g}</text>')
    return _svg(t, "".join(parts), "")


def _svg(t: svc.Table, body: str, legend: str) -> Markup:
    svg = (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="chart-{t.slug}-title"><title id="chart-{t.slug}-title">'
        f"{escape(t.title)} (the numbers are in the table beside it)</title>{body}</svg>"
    )
    if legend:
        svg += f'<ul class="legend">{legend}</ul>'
    return Markup(svg)  # noqa: S704 -- every value above is escaped


def chart(t: svc.Table) -> Markup:
    if t.slug in ("requests-by-type", "requests-by-direction"):
        return stacked_bars(t)
    if t.slug == "handling-time":
        return line(t, 2)
    if t.slug == "answered-in-time":
        return line(t, 3)
    if t.slug == "requests-by-country":
        return hbars(t)
    if t.slug in ("notices-by-type", "notices-by-status", "hits"):
        return hbars(t, 1)
    if t.slug == "extraditions":
        # Outcomes stacked per direction: the outcome columns, then closed as the total.
        outcomes = svc.Table(
            t.slug,
            t.title,
            (t.header[0], *t.header[3:7], "Closed"),
            [(*r[0:1], *r[3:7], r[2]) for r in t.rows],
        )
        return stacked_bars(outcomes)
    return Markup("")


@router.get("")
def dashboard(
    request: Request, uow: Uow, actor: Analyst, ctx: Ctx, year: Year = None, zone: Zone = ""
) -> Response:
    stats = _stats(uow, actor, ctx, year, zone)
    tables = [for_reading(t) for t in svc.tables(stats)]
    return render(
        request,
        "statistics/dashboard.html",
        {
            "stats": stats,
            "charts": [(t, chart(t)) for t in tables],
            "year": stats.year,
            "zone": stats.zone,
            "query": urlencode({"year": stats.year, "zone": stats.zone}),
        },
        actor=actor,
    )


@router.get("/{slug}.csv")
def chart_csv(
    slug: str, uow: Uow, actor: Analyst, ctx: Ctx, year: Year = None, zone: Zone = ""
) -> Response:
    stats = _stats(uow, actor, ctx, year, zone)
    t = svc.table(stats, slug)
    return Response(
        svc.table_csv(t),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="ncbdesk-{t.slug}-{stats.year}.csv"'
        },
    )
