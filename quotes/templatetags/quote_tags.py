"""Article highlighting from stored offsets and a server-rendered timeline chart."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django import template
from django.utils.formats import date_format, number_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext, pgettext_lazy

from quotes.models import Quote, Speaker

register = template.Library()

PALETTE_SIZE = 12


@dataclass(frozen=True)
class SpeakerGroup:
    """An article's quotes by one speaker (or by nobody known), with the speaker's colour.

    `number` is the speaker's place in the article (1 for the first to speak), shown beside
    the colour in the text and in the list, so that colour is never the only cue.
    """

    speaker: Speaker | None
    colour: str
    number: int
    quotes: list[Quote]


@dataclass(frozen=True)
class Highlights:
    """The article body as HTML with quotes marked, and its quotes grouped by speaker."""

    body: SafeString
    groups: list[SpeakerGroup]
    highlighted_ids: frozenset[int]


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    quote: Quote
    role: str


@dataclass(frozen=True)
class Palette:
    """The colour class and number of every speaker of one article."""

    colours: dict[int, str]
    numbers: dict[int | None, int]

    def colour(self, speaker_id: int | None) -> str:
        return "sp-unknown" if speaker_id is None else self.colours[speaker_id]


def speaker_colours(speaker_ids: Iterable[int]) -> dict[int, str]:
    """A colour class per speaker, derived from its id rather than from the page's order.

    Each speaker takes colour `id mod PALETTE_SIZE` unless a speaker with a lower id on the same
    page has it, and then the next free one; so a speaker keeps its colour when quotes are
    edited or reordered, and no two speakers share one until the palette is used up.
    """
    colours: dict[int, str] = {}
    taken: set[int] = set()
    for speaker_id in sorted(set(speaker_ids)):
        if len(taken) == PALETTE_SIZE:
            taken.clear()
        slot = next(
            slot
            for step in range(PALETTE_SIZE)
            if (slot := (speaker_id + step) % PALETTE_SIZE) not in taken
        )
        taken.add(slot)
        colours[speaker_id] = f"sp-{slot}"
    return colours


def article_palette(quotes: list[Quote]) -> Palette:
    """Colours by speaker id; numbers in order of each speaker's first quote."""
    numbers: dict[int | None, int] = {}
    for quote in sorted(quotes, key=lambda q: (q.start, q.end)):
        numbers.setdefault(quote.speaker_id, len(numbers) + 1)
    return Palette(
        colours=speaker_colours(q.speaker_id for q in quotes if q.speaker_id is not None),
        numbers=numbers,
    )


def quote_summary(quote: Quote) -> str:
    """Who said it, how and how sure the machine is: the tooltip text."""
    who = quote.speaker.name if quote.speaker else gettext("Unknown speaker")
    if not quote.speaker and quote.speaker_mention:
        who = f"{who} (“{quote.speaker_mention}”)"
    kind = Quote.Kind(quote.kind).label.lower()
    parts = [who, gettext("%(kind)s quote") % {"kind": kind}]
    if quote.cue:
        parts.append(gettext("cue “%(cue)s”") % {"cue": quote.cue})
    parts.append(gettext("confidence %(percent)s") % {"percent": format_percent(quote.confidence)})
    return " · ".join(parts)


def _non_overlapping(spans: list[_Span]) -> list[_Span]:
    """The spans to draw, earliest first; a span overlapping one already kept is dropped."""
    kept: list[_Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.start < span.end and (not kept or span.start >= kept[-1].end):
            kept.append(span)
    return kept


def _covering(spans: list[_Span], starts: list[int], position: int) -> _Span | None:
    index = bisect.bisect_right(starts, position) - 1
    if index >= 0 and spans[index].start <= position < spans[index].end:
        return spans[index]
    return None


def _open_quote(span: _Span, palette: Palette, first_piece: bool) -> str:
    colour = palette.colour(span.quote.speaker_id)
    if span.quote.review_status == Quote.Review.REJECTED:
        colour = f"{colour} is-rejected"
    if not first_piece:
        return format_html('<mark class="q {}" data-quote="{}">', colour, span.quote.pk)
    return format_html(
        '<mark class="q {}" id="quote-{}" data-quote="{}" data-speaker-number="{}" tabindex="0"'
        ' aria-describedby="tip-{}">',
        colour,
        span.quote.pk,
        span.quote.pk,
        palette.numbers.get(span.quote.speaker_id, ""),
        span.quote.pk,
    )


def _close_quote(span: _Span, with_tooltip: bool) -> str:
    if not with_tooltip:
        return "</mark>"
    return format_html(
        '<span class="tip" role="tooltip" id="tip-{}">{}</span></mark>',
        span.quote.pk,
        quote_summary(span.quote),
    )


def render_body(
    body: str, quotes: list[Quote], palette: Palette | None = None
) -> tuple[SafeString, frozenset[int]]:
    """Escaped paragraphs with quotes, mentions and cues marked, and the ids of marked quotes."""
    palette = palette or article_palette(quotes)
    length = len(body)
    quote_spans = _non_overlapping(
        [_Span(q.start, min(q.end, length), q, "quote") for q in quotes if q.start < length]
    )
    inner: list[_Span] = []
    for span in quote_spans:
        quote = span.quote
        if quote.speaker_start is not None and quote.speaker_end is not None:
            inner.append(_Span(quote.speaker_start, min(quote.speaker_end, length), quote, "who"))
        if quote.cue_start is not None and quote.cue_end is not None:
            inner.append(_Span(quote.cue_start, min(quote.cue_end, length), quote, "cue"))
    mark_spans = _non_overlapping(inner)

    cuts = {0, length}
    for span in (*quote_spans, *mark_spans):
        cuts.update((span.start, span.end))
    for newline in re.finditer("\n", body):
        cuts.update((newline.start(), newline.end()))
    cuts_sorted = sorted(cuts)
    quote_starts = [s.start for s in quote_spans]
    mark_starts = [s.start for s in mark_spans]

    html: list[str] = []
    paragraph: list[str] = []
    opened: set[int] = set()
    opened_here: set[int] = set()
    has_text = False
    current_quote: _Span | None = None
    current_mark: _Span | None = None
    first_piece = False

    def close_mark() -> None:
        nonlocal current_mark
        if current_mark is not None:
            paragraph.append("</span>")
            current_mark = None

    def close_quote() -> None:
        nonlocal current_quote
        close_mark()
        if current_quote is not None:
            paragraph.append(_close_quote(current_quote, first_piece))
            current_quote = None

    def end_paragraph() -> None:
        nonlocal has_text
        close_quote()
        # Blank lines separate paragraphs; they are not paragraphs themselves.
        if has_text:
            html.append(f"<p>{''.join(paragraph)}</p>")
        else:
            opened.difference_update(opened_here)
        paragraph.clear()
        opened_here.clear()
        has_text = False

    for start, end in itertools.pairwise(cuts_sorted):
        piece = body[start:end]
        if piece == "\n":
            end_paragraph()
            continue
        quote_span = _covering(quote_spans, quote_starts, start)
        mark_span = _covering(mark_spans, mark_starts, start)
        if quote_span is not current_quote:
            close_quote()
            if quote_span is not None:
                first_piece = quote_span.quote.pk not in opened
                opened.add(quote_span.quote.pk)
                opened_here.add(quote_span.quote.pk)
                paragraph.append(_open_quote(quote_span, palette, first_piece))
                current_quote = quote_span
        if mark_span is not current_mark:
            close_mark()
            if mark_span is not None:
                paragraph.append(
                    format_html(
                        '<span class="{} {}" data-quote="{}">',
                        mark_span.role,
                        palette.colour(mark_span.quote.speaker_id),
                        mark_span.quote.pk,
                    )
                )
                current_mark = mark_span
        has_text = has_text or bool(piece.strip())
        paragraph.append(escape(piece))
    end_paragraph()
    # Safe: every piece of article text went through escape(), every tag through format_html().
    return mark_safe("\n".join(html)), frozenset(opened)


@register.simple_tag
def article_highlights(body: str, quotes: list[Quote]) -> Highlights:
    """Highlight the quotes in the body and group them by speaker with matching colours."""
    palette = article_palette(quotes)
    rendered, highlighted = render_body(body, quotes, palette)
    groups: dict[int | None, SpeakerGroup] = {}
    for quote in quotes:
        if quote.speaker_id not in groups:
            groups[quote.speaker_id] = SpeakerGroup(
                speaker=quote.speaker,
                colour=palette.colour(quote.speaker_id),
                number=palette.numbers[quote.speaker_id],
                quotes=[],
            )
        groups[quote.speaker_id].quotes.append(quote)
    ordered = sorted(groups.values(), key=lambda group: group.number)
    return Highlights(body=rendered, groups=ordered, highlighted_ids=highlighted)


def format_percent(share: float, digits: int = 0) -> str:
    """A share as a percentage written the reader's way: 0.425 -> '42.5%' or '42,5 %'."""
    number = number_format(round(share * 100, digits), digits)
    return gettext("%(number)s%%") % {"number": number}


@register.filter
def percent(value: float) -> str:
    """0.823 -> '82%' (in French '82 %')."""
    return format_percent(value)


# Django date formats, translated: the month's short name in the reader's language.
LABEL_FORMATS = {
    "day": pgettext_lazy("chart date format", "d M Y"),
    "month": pgettext_lazy("chart date format", "M Y"),
    "year": "Y",
}


@register.simple_tag
def timeline_svg(buckets, unit: str, *, width: int = 640, height: int = 120) -> SafeString:
    """A bar chart of quotes per day, month or year: accessible SVG bars, HTML labels.

    The SVG has real dimensions (it scales down with the page, keeping its proportions) and
    holds no text: the dates and the scale are HTML under it, so they stay readable on a phone.
    Every period has its slot, so an empty one shows as a gap.
    """
    if not buckets:
        return mark_safe("")
    top = max(bucket.count for bucket in buckets) or 1
    upper = 4
    plot_height = height - upper - 1
    slot = width / len(buckets)
    bar_width = min(max(slot * 0.8, 1), 40)
    label_format = LABEL_FORMATS[unit]
    total = sum(bucket.count for bucket in buckets)
    first_label = date_format(buckets[0].start, label_format)
    last_label = date_format(buckets[-1].start, label_format)
    parts = [
        format_html(
            '<div class="timeline-chart"><svg class="timeline" viewBox="0 0 {} {}" width="{}"'
            ' height="{}" role="img" aria-labelledby="timeline-title">'
            '<title id="timeline-title">{} quotes per {}, {} to {}; at most {} in one {}</title>',
            width,
            height,
            width,
            height,
            total,
            unit,
            first_label,
            last_label,
            top,
            unit,
        ),
        format_html(
            '<line class="axis" x1="0" y1="{}" x2="{}" y2="{}"/>', height - 0.5, width, height - 0.5
        ),
    ]
    for index, bucket in enumerate(buckets):
        bar_height = plot_height * bucket.count / top
        parts.append(
            format_html(
                '<rect class="bar" x="{}" y="{}" width="{}" height="{}">'
                "<title>{}: {}</title></rect>",
                f"{index * slot + (slot - bar_width) / 2:.1f}",
                f"{upper + plot_height - bar_height:.1f}",
                f"{bar_width:.1f}",
                f"{bar_height:.1f}",
                date_format(bucket.start, label_format),
                ngettext("%(count)s quote", "%(count)s quotes", bucket.count)
                % {"count": bucket.count},
            )
        )
    parts.append(
        format_html(
            '</svg><p class="timeline-axis" aria-hidden="true"><span>{}</span>'
            "<span>at most {} per {}</span><span>{}</span></p></div>",
            first_label,
            top,
            unit,
            last_label if len(buckets) > 1 else "",
        )
    )
    # Safe: built from format_html() pieces only.
    return mark_safe("".join(parts))


@register.filter
def field_label(name: str) -> str:
    """A model field name as words: 'review_status' -> 'review status'."""
    return name.replace("_", " ")
