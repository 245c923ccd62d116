"""Highlighting an article body from stored offsets: marks, paragraphs, overlaps, escaping."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.models import Quote, Speaker
from quotes.selectors.browse import TimelineBucket
from quotes.templatetags.quote_tags import (
    PALETTE_SIZE,
    article_highlights,
    render_body,
    speaker_colours,
    timeline_svg,
)


def quote(pk: int, body: str, words: str, speaker: Speaker | None = None, **kw) -> Quote:
    """An unsaved quote over the first occurrence of `words` in `body`."""
    start = body.index(words)
    fields = {"kind": "direct", "confidence": 0.9, "cue": ""}
    fields.update(kw)
    q = Quote(pk=pk, text=words, start=start, end=start + len(words), **fields)
    q.speaker = speaker
    return q


def visible_text(html: str) -> str:
    """The text a reader sees: tags and tooltips removed, entities decoded, paragraphs joined."""
    html = re.sub(r'<span class="tip"[^>]*>.*?</span>', "", html)
    html = html.replace("</p>\n<p>", "\n")
    text = re.sub(r"<[^>]+>", "", html)
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#x27;", "'")):
        text = text.replace(entity, char)
    return text.replace("&amp;", "&")


def test_quote_split_across_paragraphs_is_focusable_once():
    body = "Il a dit « début\nfin » hier."
    q = quote(1, body, "début\nfin")

    html, marked = render_body(body, [q])

    assert html.count("<p>") == 2
    assert html.count('tabindex="0"') == 1
    assert html.count('<mark class="q sp-unknown"') == 2
    assert html.count('role="tooltip"') == 1
    assert marked == frozenset({1})


def test_overlapping_quotes_keep_the_first_and_still_list_the_other():
    speaker = Speaker(pk=7, name="Anne")
    body = "« Un deux trois quatre », dit Anne."
    first = quote(1, body, "Un deux trois", speaker)
    second = quote(2, body, "trois quatre", speaker)

    highlights = article_highlights(body, [first, second])

    assert highlights.highlighted_ids == frozenset({1})
    assert [q.pk for q in highlights.groups[0].quotes] == [1, 2]
    assert visible_text(highlights.body) == body


def test_mention_and_cue_inside_the_quote_nest_within_it():
    speaker = Speaker(pk=3, name="Paul")
    body = "Selon Paul, la paix est proche."
    q = quote(1, body, "Selon Paul, la paix est proche", speaker, cue="Selon")
    q.cue_start, q.cue_end = 0, 5
    q.speaker_start, q.speaker_end = 6, 10

    html, _ = render_body(body, [q])

    assert '<span class="cue sp-3" data-quote="1">Selon</span>' in html
    assert '<span class="who sp-3" data-quote="1">Paul</span>' in html
    assert html.index("<mark") < html.index('class="cue') < html.index("</mark>")


def test_a_speakers_colour_comes_from_its_id_not_from_the_order_of_the_page():
    anne, paul = Speaker(pk=1, name="Anne"), Speaker(pk=2, name="Paul")
    body = "« A » dit Paul. « B » dit Anne. « C » dit Paul. « D » dit on."
    quotes = [
        quote(10, body, "A", paul),
        quote(11, body, "B", anne),
        quote(12, body, "C", paul),
        quote(13, body, "D", None),
    ]

    highlights = article_highlights(body, quotes)
    # Paul's quote reassigned to Anne: Anne speaks first now, yet keeps her colour.
    quotes[0].speaker = anne
    after = article_highlights(body, quotes)

    assert [(g.speaker and g.speaker.name, g.colour, g.number) for g in highlights.groups] == [
        ("Paul", "sp-2", 1),
        ("Anne", "sp-1", 2),
        (None, "sp-unknown", 3),
    ]
    assert [(g.speaker and g.speaker.name, g.colour, g.number) for g in after.groups] == [
        ("Anne", "sp-1", 1),
        ("Paul", "sp-2", 2),
        (None, "sp-unknown", 3),
    ]


def test_speakers_of_one_article_share_no_colour_until_the_palette_runs_out():
    # Ids equal modulo the palette size would take the same colour without probing.
    ids = [5 + PALETTE_SIZE * n for n in range(PALETTE_SIZE)]

    colours = speaker_colours(ids)

    assert len(set(colours.values())) == PALETTE_SIZE
    assert colours[5] == "sp-5"
    assert speaker_colours([*ids, 7 + PALETTE_SIZE * 40])[7 + PALETTE_SIZE * 40] == "sp-7"
    assert PALETTE_SIZE >= 12


def test_each_quote_carries_its_speakers_number_once():
    anne, paul = Speaker(pk=1, name="Anne"), Speaker(pk=2, name="Paul")
    body = "« A » dit Paul.\n« B\nsuite » dit Anne."
    quotes = [quote(10, body, "A", paul), quote(11, body, "B\nsuite", anne)]

    html, _ = render_body(body, quotes)

    assert 'id="quote-10" data-quote="10" data-speaker-number="1"' in html
    assert 'id="quote-11" data-quote="11" data-speaker-number="2"' in html
    assert html.count("data-speaker-number") == 2


def test_offsets_past_the_end_of_the_body_do_not_break_the_page():
    body = "Court."
    q = Quote(pk=1, text="x", start=3, end=50, kind="direct", confidence=0.5)

    html, _ = render_body(body, [q])

    assert visible_text(html) == body


spans = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)), max_size=6)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=st.text(alphabet=st.sampled_from("ab <>&\"'«»\n"), min_size=1, max_size=60),
    quote_spans=spans,
    mention_spans=spans,
)
def test_highlighting_never_changes_or_unescapes_the_text(body, quote_spans, mention_spans):
    quotes = []
    for pk, ((start, length), (m_start, m_length)) in enumerate(
        zip(quote_spans, [*mention_spans, *[(0, 0)] * len(quote_spans)], strict=False), 1
    ):
        q = Quote(pk=pk, text="", start=start, end=start + length, kind="mixed", confidence=0.5)
        if m_length:
            q.speaker_start, q.speaker_end = m_start, m_start + m_length
        quotes.append(q)

    html, _ = render_body(body, quotes)

    paragraphs = [line for line in body.split("\n") if line.strip()]
    assert visible_text(html) == "\n".join(paragraphs)
    assert "<script" not in html
    stack = []
    for closing, name in re.findall(r"<(/?)(mark|span|p)\b", html):
        if closing:
            assert stack.pop() == name
        else:
            stack.append(name)
    assert stack == []


def test_timeline_chart_is_accessible_svg_with_one_bar_per_bucket():
    buckets = [
        TimelineBucket(start=dt.date(2024, 1, 1), count=3),
        TimelineBucket(start=dt.date(2024, 2, 1), count=0),
        TimelineBucket(start=dt.date(2024, 3, 1), count=1),
    ]

    svg = timeline_svg(buckets, "month")

    assert '<svg class="timeline" viewBox="0 0 640 120" width="640" height="120"' in svg
    assert 'role="img"' in svg
    assert "<text" not in svg
    assert "<span>Jan 2024</span><span>at most 3 per month</span><span>Mar 2024</span>" in svg
    assert "4 quotes per month, Jan 2024 to Mar 2024" in svg
    assert svg.count('<rect class="bar"') == 3
    assert "<title>Feb 2024: 0 quotes</title>" in svg
    assert "<title>Mar 2024: 1 quote</title>" in svg


def test_timeline_chart_is_empty_without_data():
    assert timeline_svg([], "day") == ""


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_speaker_colours_are_distinct_and_keep_quoted_text_readable():
    css = (Path(__file__).resolve().parents[2] / "static/css/app.css").read_text()
    ink = re.search(r"--ink:\s*(#[0-9a-f]{6})", css).group(1)
    palette = re.findall(r"\.sp-(\w+) \{ --sp: (#[0-9a-f]{6}); --sp-edge: (#[0-9a-f]{6}); \}", css)

    assert {name for name, _, _ in palette} == {*map(str, range(PALETTE_SIZE)), "unknown"}
    assert len({fill for _, fill, _ in palette}) == len(palette)
    for name, fill, edge in palette:
        assert contrast(ink, fill) >= 7, name  # WCAG AAA for the quoted words
        assert contrast(edge, "#ffffff") >= 4.5, name  # underline, and the badge's white number


def test_focus_ring_is_visible_on_every_background_it_can_sit_on():
    css = (Path(__file__).resolve().parents[2] / "static/css/app.css").read_text()
    focus = re.search(r"--focus:\s*(#[0-9a-f]{6})", css).group(1)
    backgrounds = re.findall(r"--(?:paper|wash|ink|sp):\s*(#[0-9a-f]{6})", css)

    assert len(backgrounds) >= 4
    for background in backgrounds:
        assert contrast(focus, background) >= 3, background
