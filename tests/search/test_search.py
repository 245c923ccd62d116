"""One behaviour suite for both search backends: run it on SQLite, then with DATABASE_URL set."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.urls import reverse

from quotes.models import Quote
from quotes.search import SearchFilters, search_quotes
from quotes.services.changes import quotes_changed
from quotes.services.search_index import search_index_update_quotes
from tests.factories import make_article, make_quote, make_speaker, make_topic

pytestmark = pytest.mark.django_db


def found(query: str, *, sort: str = "relevance", titles: bool = False, **filters) -> list[Quote]:
    results = search_quotes(query, SearchFilters(**filters), sort=sort, titles=titles)
    return [hit.quote for hit in results.hits]


def test_backend_matches_the_database():
    from quotes.search import _backend

    assert _backend().__name__.endswith(connection.vendor.replace("postgresql", "postgres"))


def test_query_without_accent_finds_accented_quote(corpus, client):
    response = client.get(reverse("search"), {"q": "defense"})
    assert response.status_code == 200
    assert "dans sa <mark>défense</mark> contre" in response.content.decode()
    assert corpus.defense in found("defense")


def test_case_and_accents_are_ignored_both_ways(corpus):
    assert corpus.defense in found("DÉFENSE")
    assert corpus.slaughter in found("europeens")


def test_plural_and_conjugated_forms_match(corpus):
    assert corpus.defense in found("défenses")
    assert corpus.factories in found("runs")
    assert corpus.factories in found("factory")


def test_quoted_phrase_matches_only_the_words_in_order(corpus, client):
    response = client.get(reverse("search"), {"q": '"Corée du Sud"'})
    # PostgreSQL leaves the stop word "du" unmarked; SQLite marks the whole phrase.
    marked = r"<mark>Corée</mark> (<mark>)?du(</mark>)? <mark>Sud</mark>"
    assert re.search(marked, response.content.decode())
    assert found('"Corée du Sud"') == [corpus.korea]
    assert corpus.not_a_phrase in found("Corée Sud")


def test_minus_excludes_quotes_with_the_word(corpus):
    with_word = found("Ukraine")
    assert corpus.defense in with_word and corpus.fried_indirect in with_word
    without = found("Ukraine -Biden")
    assert corpus.defense in without
    assert corpus.fried_indirect not in without


def test_or_accepts_either_word(corpus):
    assert set(found("factories or Koursk")) >= {corpus.factories}
    assert set(found("Européens or capacity")) == {corpus.slaughter, corpus.factories}


def test_speaker_names_and_aliases_are_searchable_titles_only_when_asked(corpus):
    assert set(found("Slaughter")) == {corpus.slaughter}
    assert set(found("Fried")) == {corpus.fried_direct, corpus.fried_indirect}
    assert found("Trade figures") == []
    assert set(found("Trade figures", titles=True)) == {corpus.factories}


def test_a_word_of_the_title_alone_does_not_match_every_quote_of_the_article(corpus):
    other = make_article(title="Ukraine : la défense européenne", body="Rien à voir ici.")
    titled = make_quote(other, None, start=0, end=4)
    search_index_update_quotes(quote_ids=[titled.id])

    assert titled not in found("défense")
    ranked = found("défense", titles=True)
    assert ranked.index(corpus.defense) < ranked.index(titled)


def test_title_matches_are_shown_as_such(corpus, client):
    html = client.get(reverse("search"), {"q": "Blinken", "titles": "1"}).content.decode()

    assert html.count('<span class="badge match-title">Title match</span>') == 5
    assert "<mark>Blinken</mark> à Bruxelles" in html
    results = search_quotes("Blinken", titles=True)
    assert {hit.matched_in for hit in results.hits} == {"title"}
    assert "Title match" not in client.get(reverse("search"), {"q": "Blinken"}).content.decode()


def test_the_speakers_name_is_highlighted_when_it_matched(corpus, client):
    html = client.get(reverse("search"), {"q": "Fried"}).content.decode()

    assert '<a class="speaker-link" href="' in html
    assert "Daniel <mark>Fried</mark></a>" in html
    assert {hit.matched_in for hit in search_quotes("Fried").hits} == {"speaker"}
    assert {hit.matched_in for hit in search_quotes("défense").hits} == {"quote"}


def test_the_word_being_typed_matches_as_a_prefix(corpus, client):
    assert set(found("ukrai")) == {corpus.defense, corpus.fried_indirect}
    assert set(found("soutien ukrai")) == {corpus.defense}
    assert set(found("Slaugh")) == {corpus.slaughter}
    # A finished word (a space after it), a phrase, or two letters are not prefixes.
    assert found("ukrai ") == []
    assert found('"ukrai"') == []
    assert found("uk") == []
    html = client.get(reverse("search"), {"q": "ukrai"}).content.decode()
    assert "<mark>Ukraine</mark>" in html


def test_sort_by_newest_or_oldest(corpus, client):
    newest = found("", sort="newest")
    oldest = found("", sort="oldest")

    assert [q.published_at for q in newest] == sorted(
        (q.published_at for q in newest), reverse=True
    )
    assert oldest[0].published_at < newest[0].published_at
    assert set(oldest[:3]) == {corpus.factories, corpus.not_a_phrase, corpus.markup}
    html = client.get(reverse("search"), {"q": "Ukraine", "sort": "oldest"}).content.decode()
    assert "of 2 quotes, oldest first" in html
    assert '<option value="oldest" selected>' in html
    assert "best match first" in client.get(reverse("search"), {"q": "Ukraine"}).content.decode()


def test_a_facet_takes_several_values_and_keeps_offering_the_others(corpus, client):
    two_outlets = found("", outlet=("Reuters", "Le Quotidien"))
    assert len(two_outlets) == 7
    assert set(found("", kind=("indirect",), outlet="Reuters")) == {
        corpus.korea,
        corpus.fried_indirect,
    }

    results = search_quotes("", SearchFilters(outlet=("Reuters",)))
    outlets = {v.value: (v.count, v.selected) for v in results.facets["outlet"]}
    assert outlets == {
        "Reuters": (5, True),
        "Le Quotidien": (2, False),
        "Example Times": (1, False),
    }
    assert results.total == 5
    assert {v.value: v.count for v in results.facets["language"]} == {"fr": 5}

    html = client.get(reverse("search"), {"outlet": ["Reuters", "Example Times"]}).content.decode()
    assert 'name="outlet" value="Reuters" id="facet-outlet-reuters" checked' in html
    assert 'name="outlet" value="Example Times" id="facet-outlet-example-times" checked' in html
    assert 'name="outlet" value="Le Quotidien" id="facet-outlet-le-quotidien">' in html


def test_a_chosen_speaker_stays_listed_however_few_its_quotes(db, client):
    from quotes import search

    article = make_article(body="Le climat change. " * 30, title="Climat")
    speakers = [make_speaker(f"Orateur {n:02d}") for n in range(search.SEARCHABLE_FACET_SIZE + 2)]
    quotes = [
        make_quote(article, speaker, start=n * 18, end=n * 18 + 17)
        for n, speaker in enumerate(speakers[:25])
    ]
    quotes += [make_quote(article, speakers[0], start=0, end=5 + n) for n in range(5)]
    search_index_update_quotes(quote_ids=[q.id for q in quotes])
    last = speakers[24]

    results = search_quotes("", SearchFilters(speaker=(speakers[0].slug, last.slug)))

    listed = {v.value: v.selected for v in results.facets["speaker"]}
    assert len(listed) == 25
    assert listed[last.slug] and listed[speakers[0].slug]
    html = client.get(reverse("search")).content.decode()
    assert 'data-facet-filter="facet-speaker-list"' in html


def test_empty_parameters_are_dropped_from_the_address(corpus, client):
    url = reverse("search")

    response = client.get(url, {"q": "ukraine", "speaker": "", "kind": "", "date_from": ""})

    assert response.status_code == 302
    assert response["Location"] == f"{url}?q=ukraine"
    fragment = client.get(url, {"q": "ukraine", "kind": ""}, headers={"HX-Request": "true"})
    assert fragment.status_code == 200


def test_snippets_escape_html_but_keep_the_highlight(corpus, client):
    html = client.get(reverse("search"), {"q": "nationale"}).content.decode()
    assert "&lt;b&gt;<mark>nationale</mark>&lt;/b&gt;" in html
    assert "<b>nationale" not in html


def test_filters_narrow_the_results(corpus):
    everything = set(found(""))
    assert len(everything) == 8
    assert set(found("", kind="indirect")) == {corpus.korea, corpus.fried_indirect}
    assert set(found("", language="en")) == {corpus.factories}
    assert set(found("", outlet="Le Quotidien")) == {corpus.not_a_phrase, corpus.markup}
    assert set(found("", speaker=corpus.fried.slug)) == {corpus.fried_direct, corpus.fried_indirect}
    assert set(found("", speaker_kind="organisation")) == {corpus.defense}
    assert set(found("Ukraine", speaker=corpus.fried.slug)) == {corpus.fried_indirect}
    in_2023 = found("", date_from=dt.date(2023, 1, 1), date_to=dt.date(2023, 12, 31))
    assert set(in_2023) == {corpus.factories, corpus.not_a_phrase, corpus.markup}


def test_topic_and_review_filters(corpus):
    ukraine = make_topic("Ukraine")
    corpus.defense.topics.add(ukraine)
    search_index_update_quotes(quote_ids=[corpus.defense.id])
    assert found("", topic="ukraine") == [corpus.defense]
    Quote.objects.filter(pk=corpus.korea.pk).update(review_status="confirmed")
    search_index_update_quotes(quote_ids=[corpus.korea.id])
    assert found("", review_status="confirmed") == [corpus.korea]


def test_facets_count_every_match_not_just_the_page(corpus):
    results = search_quotes("", SearchFilters(), page_size=2)
    assert results.total == 8
    assert len(results.hits) == 2
    speakers = {v.label: v.count for v in results.facets["speaker"]}
    assert speakers["Daniel Fried"] == 2
    assert speakers["Paul Martin"] == 2
    kinds = {v.value: v.count for v in results.facets["kind"]}
    assert kinds == {"direct": 6, "indirect": 2}
    assert {v.value: v.count for v in results.facets["language"]} == {"fr": 7, "en": 1}
    assert {v.value: v.count for v in results.facets["year"]} == {"2024": 5, "2023": 3}
    outlets = {v.value: v.count for v in search_quotes("Ukraine").facets["outlet"]}
    assert outlets == {"Reuters": 2}


def test_facet_counts_show_in_the_page(corpus, client):
    html = client.get(reverse("search"), {"q": "Ukraine"}).content.decode()
    assert 'Daniel Fried <span class="count">1</span>' in html
    assert 'Indirect <span class="count">1</span>' in html


def test_rejected_quotes_are_hidden_from_readers_but_editors_can_ask(corpus, client, editor):
    Quote.objects.filter(pk=corpus.defense.pk).update(review_status="rejected")
    search_index_update_quotes(quote_ids=[corpus.defense.id])
    assert corpus.defense not in found("défense")
    assert corpus.defense not in found("défense", review_status="rejected")
    url = reverse("search")
    params = {"q": "agression", "review_status": "rejected"}
    for query in ({"q": "agression"}, params):
        assert "No quotes match." in client.get(url, query).content.decode()
    client.force_login(editor)
    assert "<mark>agression</mark>" in client.get(url, params).content.decode()
    assert "<mark>agression</mark>" not in client.get(url, {"q": "agression"}).content.decode()


def test_results_are_paginated_and_the_url_holds_the_page(db, client):
    article = make_article(body="Le climat change. " * 30, title="Climat")
    for n in range(25):
        make_quote(article, None, start=n * 18, end=n * 18 + 17)
    search_quotes_ids = list(article.quotes.values_list("id", flat=True))
    search_index_update_quotes(quote_ids=search_quotes_ids)
    first = client.get(reverse("search"), {"q": "climat"}).content.decode()
    assert "1–20 of 25 quotes" in first
    assert 'href="?q=climat&amp;page=2"' in first
    second = client.get(reverse("search"), {"q": "climat", "page": 2}).content.decode()
    assert "21–25 of 25 quotes" in second
    assert second.count('class="quote-item"') == 5


def test_htmx_request_gets_only_the_results_fragment(corpus, client):
    url = reverse("search")
    full = client.get(url, {"q": "Fried"})
    fragment = client.get(url, {"q": "Fried"}, headers={"HX-Request": "true"})
    assert "<html" in full.content.decode()
    assert 'hx-push-url="true"' in full.content.decode()
    body = fragment.content.decode()
    assert "<html" not in body and 'id="search-results"' in body
    assert body.count('class="quote-item"') == 2
    assert "HX-Request" in fragment["Vary"]


def test_index_follows_corrections_and_speaker_changes(corpus):
    quote = corpus.slaughter
    quote.end = quote.start + len("Le travail le plus important")
    quote.text = corpus.seed.body[quote.start : quote.end]
    quote.save()
    search_index_update_quotes(quote_ids=[quote.id])
    assert quote not in found("Européens")
    assert quote in found("travail")
    fried = corpus.fried
    fried.name = "Dan Fried-Smith"
    fried.save()
    quotes_changed(renamed_speaker_ids=[fried.pk])
    assert set(found("Smith")) == {corpus.fried_direct, corpus.fried_indirect}


def test_deleted_quotes_leave_the_index(corpus):
    corpus.korea.delete()
    assert found('"Corée du Sud"') == []


def test_nonsense_and_empty_queries_do_not_fail(corpus, client):
    for query in ['"', "-", "--x", "or", '"unterminated phrase', "(){}*:^", "Ukraine or"]:
        assert client.get(reverse("search"), {"q": query}).status_code == 200
    assert client.get(reverse("search"), {"page": "abc", "date_from": "nope"}).status_code == 200


def test_a_misspelt_name_suggests_the_speaker(corpus, client):
    html = client.get(reverse("search"), {"q": "Slaugther"}).content.decode()
    assert "No quotes match." in html
    link = corpus.slaughter_speaker.get_absolute_url()
    assert f'<a href="{link}">Anne-Marie Slaughter</a>' in html


def test_too_many_matches_to_count_give_estimates_and_newest_first(corpus, client, monkeypatch):
    from quotes import search

    monkeypatch.setattr(search, "EXACT_MATCHES", -1)
    # A sample of a few pages of this tiny table would be empty: sample all of it.
    monkeypatch.setattr(search, "MAX_SAMPLE_PERCENT", 100.0)
    results = search_quotes("Ukraine")
    assert results.approximate
    assert results.total == 2
    dates = [hit.quote.published_at for hit in results.hits]
    assert dates == sorted(dates, reverse=True)
    # Not ranked at all (the API shows each hit's rank): ranking every match is what is avoided.
    assert [hit.rank for hit in results.hits] == [0.0, 0.0]
    html = client.get(reverse("search"), {"q": "Ukraine"}).content.decode()
    assert "of about 2 quotes, newest first" in html
    assert 'Daniel Fried <span class="count">≈1</span>' in html


def test_a_rejected_quote_is_hidden_even_before_its_index_row_is_refreshed(corpus):
    Quote.objects.filter(pk=corpus.defense.pk).update(review_status="rejected")
    assert corpus.defense not in found("agression")
