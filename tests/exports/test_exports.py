"""CSV and JSON Lines exports of searches, speakers, topics and articles, as downloaded."""

from __future__ import annotations

import pytest
from django.urls import reverse

from quotes import search
from quotes.exports import COLUMNS
from quotes.models import Quote
from quotes.search import SearchFilters, matching_quote_ids, search_quotes
from quotes.services.editing import speaker_merge
from quotes.services.search_index import search_index_update_article
from tests.exports.conftest import body_text, csv_rows, jsonl_rows
from tests.factories import make_article, make_quote, make_speaker

pytestmark = pytest.mark.django_db


def _ids(rows) -> list[int]:
    return [int(row["quote_id"]) for row in rows]


def _search_ids(query: str, **filters) -> set[int]:
    results = search_quotes(query, SearchFilters(**filters), page_size=1000)
    return {hit.quote.pk for hit in results.hits}


def test_search_csv_is_a_utf8_attachment_with_a_bom_and_every_match(client, exported):
    response = client.get(reverse("search-export", args=["csv"]), {"q": "Ukraine"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="quotes-search.csv"'
    rows = csv_rows(response)
    assert list(rows[0]) == list(COLUMNS)
    assert set(_ids(rows)) == _search_ids("Ukraine")
    assert len(rows) == len(set(_ids(rows))) >= 2


def test_jsonl_holds_the_same_rows_as_csv(client, exported):
    url = reverse("search-export", args=["jsonl"])
    response = client.get(url)

    assert response["Content-Type"] == "application/jsonl; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="quotes-search.jsonl"'
    rows = jsonl_rows(response)
    as_csv = csv_rows(client.get(reverse("search-export", args=["csv"])))
    assert _ids(rows) == _ids(as_csv)
    assert list(rows[0]) == list(COLUMNS)


def test_a_row_has_what_a_spreadsheet_user_expects(client, exported):
    factories = exported.corpus.factories
    rows = jsonl_rows(client.get(reverse("search-export", args=["jsonl"]), {"language": "en"}))

    assert rows == [
        {
            "quote_id": factories.pk,
            "quote": "Our factories are running at full capacity",
            "speaker": "Jane Doe",
            "speaker_kind": "person",
            "kind": "direct",
            "language": "en",
            "article_title": "Trade figures",
            "outlet": "Example Times",
            "date": "2023-03-02",
            "quote_url": f"http://testserver/quotes/{factories.pk}/",
            "article_url": "",
            "confidence": 0.8,
            "review_status": "unreviewed",
        }
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"speaker_kind": "organisation"}, lambda c: {c.corpus.defense.pk}),
        ({"kind": "indirect", "q": "Ukraine"}, lambda c: {c.corpus.fried_indirect.pk}),
        ({"outlet": "Example Times"}, lambda c: {c.corpus.factories.pk}),
        ({"topic": "tableurs"}, lambda c: {c.formula.pk, c.multiline.pk}),
        (
            {"date_from": "2024-01-01", "date_to": "2024-12-31"},
            lambda c: (
                {c.corpus.defense.pk, c.corpus.korea.pk, c.corpus.slaughter.pk}
                | {c.corpus.fried_direct.pk, c.corpus.fried_indirect.pk}
            ),
        ),
        ({"q": "défense", "language": "fr", "review_status": "unreviewed"}, None),
    ],
)
def test_search_filters_narrow_the_export_as_they_narrow_the_page(
    client, exported, params, expected
):
    rows = csv_rows(client.get(reverse("search-export", args=["csv"]), params))

    filters = {k: v for k, v in params.items() if k != "q"}
    parsed = SearchFilters.from_querydict(filters)
    assert set(_ids(rows)) == _search_ids(params.get("q", ""), **vars(parsed))
    if expected is not None:
        assert set(_ids(rows)) == expected(exported)


def test_rejected_quotes_are_never_exported_even_to_an_editor_asking_for_them(
    editor_client, exported
):
    for params in ({}, {"review_status": "rejected"}, {"topic": "tableurs"}):
        rows = csv_rows(editor_client.get(reverse("search-export", args=["csv"]), params))
        assert exported.rejected.pk not in _ids(rows)
    speaker_url = reverse("speaker-export", args=[exported.hostile_speaker.slug, "jsonl"])
    article_url = reverse("article-export", args=[exported.hostile.pk, "jsonl"])
    for url in (speaker_url, article_url):
        assert exported.rejected.pk not in _ids(jsonl_rows(editor_client.get(url)))


def test_cells_a_spreadsheet_would_run_as_formulas_are_prefixed_in_csv_only(client, exported):
    url = reverse("article-export", args=[exported.hostile.pk, "csv"])
    rows = {int(row["quote_id"]): row for row in csv_rows(client.get(url))}

    assert rows[exported.formula.pk]["quote"] == "'" + exported.formula.text
    assert rows[exported.phone.pk]["quote"] == "'+33 1 23 45 67 89"
    assert rows[exported.minus.pk]["quote"] == "'-2+3 font un"
    assert rows[exported.at_sign.pk]["quote"] == "'@SUM(A1:A9)"
    for row in rows.values():
        assert row["speaker"] == "'" + exported.hostile_speaker.name
        assert row["article_title"] == "'@Titre, piégé"
        assert row["outlet"] == "'+Le Tableur"
        assert row["article_url"] == "https://news.example/a?b=1&c=2"
    jsonl = {row["quote_id"]: row for row in jsonl_rows(client.get(url.replace(".csv", ".jsonl")))}
    assert jsonl[exported.formula.pk]["quote"] == exported.formula.text
    assert jsonl[exported.formula.pk]["speaker"] == exported.hostile_speaker.name


def test_line_breaks_quotes_and_separators_survive_both_formats(client, exported):
    multiline = exported.multiline
    assert "\n" in multiline.text and "\u2028" in multiline.text and '"' in multiline.text
    url = reverse("article-export", args=[exported.hostile.pk, "csv"])

    rows = {int(row["quote_id"]): row for row in csv_rows(client.get(url))}
    jsonl = {row["quote_id"]: row for row in jsonl_rows(client.get(url.replace(".csv", ".jsonl")))}

    assert rows[multiline.pk]["quote"] == multiline.text
    assert jsonl[multiline.pk]["quote"] == multiline.text
    assert len(jsonl) == len(rows) == 5


def test_article_export_follows_the_text(client, exported):
    rows = csv_rows(client.get(reverse("article-export", args=[exported.corpus.seed.pk, "csv"])))

    seed_quotes = Quote.objects.filter(article=exported.corpus.seed).order_by("start")
    assert _ids(rows) == [quote.pk for quote in seed_quotes]


def test_speaker_export_holds_only_their_quotes_and_takes_search_filters(client, exported):
    fried = exported.corpus.fried
    url = reverse("speaker-export", args=[fried.slug, "csv"])

    response = client.get(url)
    indirect = csv_rows(client.get(url, {"kind": "indirect"}))

    expected = {exported.corpus.fried_direct.pk, exported.corpus.fried_indirect.pk}
    assert set(_ids(csv_rows(response))) == expected
    assert _ids(indirect) == [exported.corpus.fried_indirect.pk]
    assert response["Content-Disposition"] == f'attachment; filename="quotes-{fried.slug}.csv"'


def test_a_merged_speakers_export_redirects_to_the_one_it_was_merged_into(client, exported, editor):
    fried = exported.corpus.fried
    twin = make_speaker("D. Fried")
    speaker_merge(source=twin, target=fried, expected_version=twin.version, user=editor)

    response = client.get(reverse("speaker-export", args=[twin.slug, "jsonl"]), {"kind": "direct"})

    assert response.status_code == 301
    expected = reverse("speaker-export", args=[fried.slug, "jsonl"])
    assert response["Location"] == f"{expected}?kind=direct"


def test_topic_export_holds_its_public_quotes(client, exported):
    rows = jsonl_rows(client.get(reverse("topic-export", args=["tableurs", "jsonl"])))

    assert set(_ids(rows)) == {exported.formula.pk, exported.multiline.pk}


@pytest.mark.parametrize(
    "url",
    [
        "/speakers/nobody/export.csv",
        "/topics/nothing/export.jsonl",
        "/articles/999999/export.csv",
        "/search/export.xlsx",
        "/search/export.csv.exe",
    ],
)
def test_unknown_things_and_formats_are_404(client, exported, url):
    assert client.get(url).status_code == 404


def test_hostile_query_strings_give_an_export_never_an_error(client, exported):
    url = reverse("search-export", args=["csv"])
    for params in (
        {"q": '"""---***'},
        {"q": "a\x00b"},
        {"date_from": "0001-01-01", "date_to": "9999-12-31"},
        {"speaker": "x" * 5000, "kind": "alien"},
    ):
        response = client.get(url, params)
        assert response.status_code == 200
        body_text(response)


def test_chunks_resume_exactly_after_the_last_row_even_among_equal_dates(exported):
    # Several quotes share OWN_DATE and three share no date: every boundary is crossed.
    whole = [pk for chunk in matching_quote_ids("") for pk in chunk]
    for size in (1, 2, 3):
        chunks = list(matching_quote_ids("", chunk_size=size))
        assert [pk for chunk in chunks for pk in chunk] == whole
        assert all(len(chunk) <= size for chunk in chunks)

    dates = {q.pk: q.published_at for q in Quote.objects.all()}
    dated = [pk for pk in whole if dates[pk] is not None]
    assert dated == sorted(dated, key=lambda pk: (dates[pk], pk), reverse=True)
    assert whole[len(dated) :] == sorted({q.pk for q in exported.undated}, reverse=True)
    assert len(whole) == Quote.objects.exclude(review_status="rejected").count()


def test_an_export_reads_a_fixed_number_of_queries_per_chunk(
    client, exported, monkeypatch, django_assert_num_queries
):
    speaker = make_speaker("Prolixe")
    article = make_article(body="Un deux trois quatre cinq six sept huit neuf dix onze douze.")
    for n in range(7):
        make_quote(article, speaker, start=n * 4, end=n * 4 + 3)
    search_index_update_article(article=article)
    monkeypatch.setattr(search, "EXPORT_CHUNK", 3)

    # The speaker; its id for the search; three chunks (3 + 3 + 1) of dated quotes, each one
    # read of ids and one of rows; one read finding no undated quote.
    with django_assert_num_queries(1 + 1 + 3 * 2 + 1):
        rows = csv_rows(client.get(reverse("speaker-export", args=[speaker.slug, "csv"])))
    assert len(rows) == 7


def test_head_answers_like_get_without_reading_any_quote(
    client, exported, django_assert_num_queries
):
    url = reverse("speaker-export", args=[exported.corpus.fried.slug, "csv"])

    with django_assert_num_queries(1):
        head = client.head(url)
        body_text(head)

    assert head.status_code == 200
    assert head["Content-Type"] == client.get(url)["Content-Type"]


def test_titles_are_searched_in_an_export_only_when_the_page_searches_them(client, exported):
    url = reverse("search-export", args=["csv"])

    without = csv_rows(client.get(url, {"q": "piégé"}))
    with_titles = csv_rows(client.get(url, {"q": "piégé", "titles": "1"}))

    assert without == []
    assert set(_ids(with_titles)) == {
        exported.formula.pk, exported.phone.pk, exported.minus.pk, exported.at_sign.pk,
        exported.multiline.pk,
    }  # fmt: skip
