"""Server-drawn charts for /insights/: the share of women per group, as accessible SVG."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from quotes.templatetags.quote_tags import format_percent

register = template.Library()

LABEL_WIDTH = 150
BAR_WIDTH = 380
VALUE_WIDTH = 130
BAR_HEIGHT = 9
ROW_HEIGHT = 28
TOP = 22


@register.filter
def percent(share: float | None) -> str:
    """0.425 -> "42.5%" (in French "42,5 %"); None (nobody of known gender) -> "—"."""
    return "—" if share is None else format_percent(share, 1)


def _label(text: str, limit: int = 22) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bar(y: float, share: float | None, css: str, title: str, value: str) -> SafeString:
    """One bar, its full description as a tooltip and its short value after it."""
    width = 0 if share is None else BAR_WIDTH * share
    return format_html(
        '<rect class="{}" x="{}" y="{}" width="{}" height="{}"><title>{}</title></rect>'
        '<text class="value" x="{}" y="{}">{}</text>',
        css,
        LABEL_WIDTH,
        f"{y:.1f}",
        f"{width:.1f}",
        BAR_HEIGHT,
        title,
        LABEL_WIDTH + BAR_WIDTH + 6,
        f"{y + BAR_HEIGHT - 1:.1f}",
        value,
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
        gettext("%(group)s: %(people)s of people, %(quotes)s of quotes")
        % {
            "group": row.label,
            "people": percent(row.women_people_share),
            "quotes": percent(row.women_quote_share),
        }
        for row in rows
    )
    head = format_html(
        '<svg class="share-chart" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-title {}-desc">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{} {}</desc>'
        '<line class="parity" x1="{}" y1="{}" x2="{}" y2="{}"/>'
        '<text class="tick" x="{}" y="12" text-anchor="middle">{}</text>'
        '<text class="tick" x="{}" y="12">{}</text>'
        '<text class="tick" x="{}" y="12" text-anchor="end">{}</text>',
        width,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        gettext("Share of women."),
        summary,
        parity,
        TOP - 4,
        parity,
        height,
        parity,
        format_percent(0.5),
        LABEL_WIDTH,
        format_percent(0),
        LABEL_WIDTH + BAR_WIDTH,
        format_percent(1),
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
                    gettext("%(group)s: %(share)s women among people quoted")
                    % {"group": row.label, "share": percent(row.women_people_share)},
                    gettext("%(share)s people") % {"share": percent(row.women_people_share)},
                ),
                _bar(
                    TOP + index * ROW_HEIGHT + BAR_HEIGHT + 2,
                    row.women_quote_share,
                    "bar-quotes",
                    gettext("%(group)s: %(share)s women among quotes")
                    % {"group": row.label, "share": percent(row.women_quote_share)},
                    gettext("%(share)s quotes") % {"share": percent(row.women_quote_share)},
                ),
            )
            for index, row in enumerate(rows)
        ),
    )
    return format_html("{}{}</svg>", head, body)
