"""Citations of a quote in French and English, and the "Cite" box on every page showing quotes."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest

from quotes.citations import citation_date, cite
from quotes.services.search_index import search_index_update_article
from tests.factories import make_article, make_quote, make_speaker, make_topic

NBSP = "\u00a0"
DAY = dt.datetime(2024, 11, 12, 9, 0, tzinfo=dt.UTC)


def test_english_citation_names_speaker_words_article_outlet_date_and_link():
    text = cite(
        language="en",
        speaker="Anne-Marie Slaughter",
        words="The hardest work\n  falls to Europeans.",
        indirect=False,
        title="Blinken in Brussels",
        outlet="Reuters",
        day=dt.date(2024, 11, 12),
        url="https://quotes.example/quotes/7/",
    )

    assert text == (
        "Anne-Marie Slaughter: “The hardest work falls to Europeans.” Reported in “Blinken in"
        " Brussels”, Reuters, 12 November 2024. https://quotes.example/quotes/7/"
    )


def test_french_citation_uses_french_marks_spaces_and_months():
    text = cite(
        language="fr",
        speaker="Daniel Fried",
        words="l’administration Biden n’a plus le temps",
        indirect=True,
        title="Blinken à Bruxelles",
        outlet="Reuters",
        day=dt.date(2024, 11, 1),
        url="https://quotes.example/quotes/8/",
    )

    assert text == (
        f"Daniel Fried{NBSP}: «{NBSP}l’administration Biden n’a plus le temps{NBSP}»"
        f" (discours indirect) Propos rapportés dans «{NBSP}Blinken à Bruxelles{NBSP}», Reuters,"
        " 1er novembre 2024. https://quotes.example/quotes/8/"
    )


def test_unknown_speaker_outlet_and_date_are_left_out_or_named():
    english = cite(
        language="en", speaker="", words="Non.", indirect=False, title="T", outlet="",
        day=None, url="u",
    )  # fmt: skip
    french = cite(
        language="fr", speaker="", words="Non.", indirect=False, title="T", outlet="",
        day=None, url="u",
    )  # fmt: skip

    assert english == "Unknown speaker: “Non.” Reported in “T”. u"
    assert (
        french
        == f"Source inconnue{NBSP}: «{NBSP}Non.{NBSP}» Propos rapportés dans «{NBSP}T{NBSP}». u"
    )


@pytest.mark.parametrize(
    ("day", "language", "expected"),
    [
        (dt.date(2024, 8, 1), "fr", "1er août 2024"),
        (dt.date(2024, 8, 2), "fr", "2 août 2024"),
        (dt.date(2024, 8, 1), "en", "1 August 2024"),
    ],
)
def test_dates_are_written_as_each_language_writes_them(day, language, expected):
    assert citation_date(day, language) == expected


def _cite_boxes(html: str) -> list[list[tuple[str, str]]]:
    """Per Cite box, its citations as (language, text), in page order."""
    boxes = re.findall(r'<details class="cite">(.*?)</details>', html, flags=re.S)
    return [
        [
            (language, unescape(text))
            for language, text in re.findall(
                r'<p class="citation-text" lang="(\w+)">(.*?)</p>', box, flags=re.S
            )
        ]
        for box in boxes
    ]


@pytest.fixture
def quotes(db):
    french = make_article(
        body="« Nous tiendrons », a dit Marie Curie. Fin.",
        title="Un titre <i>piégé</i>",
        outlet="Le Quotidien",
        language="fr",
        published_at=DAY,
    )
    english = make_article(
        body="“We will hold,” said John Smith.", title="A title", language="en", published_at=DAY
    )
    curie = make_speaker("Marie Curie")
    french_quote = make_quote(french, curie, start=2, end=16)
    english_quote = make_quote(english, make_speaker("John Smith"), start=1, end=13)
    french_quote.topics.add(make_topic("Tenir"))
    search_index_update_article(article=french)
    return french_quote, english_quote


@pytest.mark.django_db
def test_every_page_showing_a_quote_offers_both_citations_own_language_first(client, quotes):
    french_quote, english_quote = quotes
    url = f"http://testserver{french_quote.get_absolute_url()}"
    pages = [
        "/",
        french_quote.get_absolute_url(),
        french_quote.article.get_absolute_url(),
        french_quote.speaker.get_absolute_url(),
        "/topics/tenir/",
        "/search/?q=tiendrons",
    ]
    for page in pages:
        boxes = _cite_boxes(client.get(page).content.decode())
        french_boxes = [box for box in boxes if url in box[0][1]]
        assert french_boxes, page
        for box in french_boxes:
            assert [language for language, _ in box] == ["fr", "en"]
            assert box[0][1] == (
                f"Marie Curie{NBSP}: «{NBSP}Nous tiendrons{NBSP}» Propos rapportés dans"
                f" «{NBSP}Un titre <i>piégé</i>{NBSP}», Le Quotidien, 12 novembre 2024. {url}"
            )
    english_box = _cite_boxes(client.get(english_quote.get_absolute_url()).content.decode())[0]
    assert [language for language, _ in english_box] == ["en", "fr"]
    assert english_box[0][1].startswith("John Smith: “We will hold”")


@pytest.mark.django_db
def test_the_cite_box_works_without_javascript_and_escapes_its_text(client, quotes):
    html = client.get(quotes[0].get_absolute_url()).content.decode()

    assert "<i>piégé</i>" not in html
    assert "Un titre &lt;i&gt;piégé&lt;/i&gt;" in html
    # The text is in the page itself; only the copy buttons need the script.
    assert '<summary>Cite<span class="visually-hidden"> this quote</span></summary>' in html
    assert (
        'data-copy-citation>Copy<span class="visually-hidden"> the French citation</span>' in html
    )
    assert '<script src="/static/js/cite.js" defer></script>' in html
