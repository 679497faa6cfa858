"""Small server-rendered SVG charts: no script, no library, readable by screen readers.

Each chart carries a ``<title>`` and a ``<desc>`` (``role="img"``, ``aria-labelledby``); the page
always shows the same numbers in a table next to it, so the chart is never the only source.
"""

from __future__ import annotations

import itertools

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

_ids = itertools.count(1)
WIDTH = 460


def _number(value) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"{int(value):,}".replace(",", ".")


HEADING = 22  # the visible title line above the plot


def _frame(title: str, desc: str, height: int, body: list[str]) -> SafeString:
    ref = next(_ids)
    height += HEADING
    return mark_safe(  # noqa: S308 (every text inside is escaped above)
        f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="chart-t{ref} chart-d{ref}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="chart-t{ref}">{escape(title)}</title><desc id="chart-d{ref}">{escape(desc)}</desc>'
        f'<text x="0" y="15" class="chart-title" aria-hidden="true">{escape(title)}</text>'
        f'<g transform="translate(0 {HEADING})">' + "".join(body) + "</g></svg>"
    )


def bar_chart(*, title: str, items: list[tuple[str, float]], maximum: float | None = None, unit: str = "") -> str:
    """Horizontal bars, one per (label, value); ``maximum`` fixes the scale (e.g. 100 for percents)."""
    items = [(label, value if isinstance(value, int | float) else 0) for label, value in items]
    if not items:
        return _frame(
            title, _("No data yet."), 40, [f'<text x="8" y="24" class="chart-empty">{escape(_("No data yet."))}</text>']
        )
    top = maximum or max((v for _l, v in items), default=0) or 1
    row, label_w, bar_w = 24, 150, WIDTH - 150 - 70
    body = []
    for n, (label, value) in enumerate(items):
        y = n * row + 4
        width = max(round(bar_w * min(value, top) / top), 1 if value else 0)
        short = label if len(label) <= 22 else label[:21] + "…"
        body.append(
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end" class="chart-label">{escape(short)}</text>'
            f'<rect x="{label_w}" y="{y + 2}" width="{width}" height="{row - 8}" class="chart-bar" fill="#1f5f4a"/>'
            f'<text x="{label_w + width + 4}" y="{y + 14}" class="chart-value">'
            f"{escape(_number(value))}{escape(unit)}</text>"
        )
    desc = "; ".join(f"{label}: {_number(value)}{unit}" for label, value in items)
    return _frame(title, desc, len(items) * row + 8, body)


def line_chart(*, title: str, points: list[tuple[str, float]]) -> str:
    """A line over months (label, value), the first and last labels and the highest value marked."""
    points = [(label, value if isinstance(value, int | float) else 0) for label, value in points]
    if not points:
        return _frame(title, _("No data yet."), 40, [])
    height, left, bottom, top_pad = 170, 70, 26, 12
    plot_w, plot_h = WIDTH - left - 12, height - bottom - top_pad
    top = max(v for _l, v in points) or 1
    step = plot_w / max(len(points) - 1, 1)
    coords = [(left + n * step, top_pad + plot_h - plot_h * v / top) for n, (_l, v) in enumerate(points)]
    body = [
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{WIDTH - 12}" y2="{top_pad + plot_h}" '
        'class="chart-axis" stroke="#999999"/>',
        f'<text x="{left - 6}" y="{top_pad + 4}" text-anchor="end" class="chart-value">{escape(_number(top))}</text>',
        f'<text x="{left - 6}" y="{top_pad + plot_h}" text-anchor="end" class="chart-value">0</text>',
        '<polyline class="chart-line" fill="none" stroke="#1f5f4a" stroke-width="2" points="'
        + " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        + '"/>',
    ]
    body += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" class="chart-dot" fill="#c9a227"/>' for x, y in coords]
    for n in {0, len(points) - 1}:
        anchor = "start" if n == 0 else "end"
        body.append(
            f'<text x="{coords[n][0]:.1f}" y="{height - 8}" text-anchor="{anchor}" class="chart-label">'
            f"{escape(points[n][0])}</text>"
        )
    desc = "; ".join(f"{label}: {_number(value)}" for label, value in points)
    return _frame(title, desc, height, body)
