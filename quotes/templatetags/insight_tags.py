"""Server-drawn charts for /insights/: the share of women per group, as accessible SVG."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()

LABEL_WIDTH = 150
BAR_WIDTH = 380
VALUE_WIDTH = 110
BAR_HEIGHT = 9
ROW_HEIGHT = 28
TOP = 22


@register.filter
def percent(share: float | None) -> str:
    """0.425 -> "42.5%"; None (nobody of known gender) -> "—"."""
    return "—" if share is None else f"{share * 100:.1f}%"


def _label(text: str, limit: int = 22) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bar(y: float, share: float | None, css: str, what: str, label: str) -> SafeString:
    width = 0 if share is None else BAR_WIDTH * share
    return format_html(
        '<rect class="{}" x="{}" y="{}" width="{}" height="{}">'
        "<title>{}: {} women among {}</title></rect>"
        '<text class="value" x="{}" y="{}">{} {}</text>',
        css,
        LABEL_WIDTH,
        f"{y:.1f}",
        f"{width:.1f}",
        BAR_HEIGHT,
        label,
        percent(share),
        what,
        LABEL_WIDTH + BAR_WIDTH + 6,
        f"{y + BAR_HEIGHT - 1:.1f}",
        percent(share),
        "people" if what == "people quoted" else "quotes",
    )


@register.simple_tag
def share_chart(rows, chart_id: str, title: str) -> SafeString:
    """Two bars per group (women among people quoted, among their quotes), a parity line at 50%."""
    if not rows:
        return SafeString("")
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    height = TOP + ROW_HEIGHT * len(rows) + 4
    parity = LABEL_WIDTH + BAR_WIDTH / 2
    summary = "; ".join(
        f"{row.label}: {percent(row.women_people_share)} of people, "
        f"{percent(row.women_quote_share)} of quotes"
        for row in rows
    )
    head = format_html(
        '<svg class="share-chart" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-title {}-desc">'
        '<title id="{}-title">{}</title><desc id="{}-desc">Share of women. {}</desc>'
        '<line class="parity" x1="{}" y1="{}" x2="{}" y2="{}"/>'
        '<text class="tick" x="{}" y="12" text-anchor="middle">50%</text>'
        '<text class="tick" x="{}" y="12">0%</text>'
        '<text class="tick" x="{}" y="12" text-anchor="end">100%</text>',
        width,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        summary,
        parity,
        TOP - 4,
        parity,
        height,
        parity,
        LABEL_WIDTH,
        LABEL_WIDTH + BAR_WIDTH,
    )
    body = format_html_join(
        "",
        "{}{}{}",
        (
            (
                format_html(
                    '<text class="label" x="{}" y="{}" text-anchor="end">{}</text>',
                    LABEL_WIDTH - 6,
                    TOP + index * ROW_HEIGHT + BAR_HEIGHT + 3,
                    _label(row.label),
                ),
                _bar(
                    TOP + index * ROW_HEIGHT,
                    row.women_people_share,
                    "bar-people",
                    "people quoted",
                    row.label,
                ),
                _bar(
                    TOP + index * ROW_HEIGHT + BAR_HEIGHT + 2,
                    row.women_quote_share,
                    "bar-quotes",
                    "quotes",
                    row.label,
                ),
            )
            for index, row in enumerate(rows)
        ),
    )
    return format_html("{}{}</svg>", head, body)
