"""Browsing pages as a reader sees them: full pages, htmx fragments, 404s, escaping."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from quotes.models import Quote, Speaker
from tests.factories import make_article, make_quote, make_speaker, make_user, recount

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def squeeze(html: str) -> str:
    """The page with runs of white space collapsed, as a browser shows it."""
    return " ".join(html.split())


def when(day: int) -> dt.datetime:
    return dt.datetime(2024, 3, 1, 12, tzinfo=dt.UTC) + dt.timedelta(days=day)


def article_with_quotes(lines: list[tuple[Speaker | None, str]], *, day: int = 0, **kw):
    """An article with one sentence per line, each quoting its speaker at real offsets."""
    body = ""
    spans = []
    for speaker, words in lines:
        name = speaker.name if speaker else "Une source"
        prefix = "« "
        sentence = f"{prefix}{words} », a déclaré {name}.\n"
        start = len(body) + len(prefix)
        end = start + len(words)
        cue_start = end + len(" », ")
        cue_end = cue_start + len("a déclaré")
        spans.append((speaker, start, end, cue_start, cue_end, name))
        body += sentence
    article = make_article(body=body, published_at=when(day), **kw)
    quotes = [
        make_quote(
            article,
            speaker,
            start=start,
            end=end,
            cue="a déclaré",
            cue_start=cue_start,
            cue_end=cue_end,
            speaker_mention=name,
            speaker_start=cue_end + 1,
            speaker_end=cue_end + 1 + len(name),
        )
        for speaker, start, end, cue_start, cue_end, name in spans
    ]
    return article, quotes


@pytest.fixture
def fried():
    return make_speaker(
        "Daniel Fried",
        aliases=("Fried",),
        slug="daniel-fried",
        description="ancien diplomate américain",
    )


@pytest.fixture
def slaughter():
    return make_speaker("Anne-Marie Slaughter", slug="anne-marie-slaughter")


@pytest.fixture
def otan():
    return make_speaker("OTAN", slug="otan", kind=Speaker.Kind.ORGANISATION)


# Home


def test_home_shows_latest_quotes_top_speakers_and_totals(client, fried, slaughter):
    article_with_quotes([(fried, "Le soutien continuera"), (slaughter, "Rien n'est joué")], day=0)
    article_with_quotes([(fried, "Kiev tiendra bon")], day=20)

    response = client.get(reverse("home"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html
    assert "Kiev tiendra bon" in html
    assert html.index("Kiev tiendra bon") < html.index("Le soutien continuera")
    assert "<strong>2</strong> articles read" in html
    assert "<strong>3</strong> quotes found" in html
    assert "<strong>2</strong> speakers tracked" in html
    summary = response.context["summary"]
    last_week, last_month = summary.top_speakers
    assert [s.name for s in last_week.speakers] == ["Daniel Fried"]
    assert [(s.name, s.recent_quote_count) for s in last_month.speakers] == [
        ("Daniel Fried", 2),
        ("Anne-Marie Slaughter", 1),
    ]


def test_home_fragment_has_no_page_chrome(client, fried):
    article_with_quotes([(fried, "Le soutien continuera")])

    response = client.get(reverse("home"), **HTMX)

    html = response.content.decode()
    assert "<html" not in html
    assert 'id="home-content"' in html
    assert "Le soutien continuera" in html
    assert response["Vary"] and "HX-Request" in response["Vary"]


def test_rejected_quotes_are_left_out_of_home_and_counts(client, fried):
    _, (_, rejected) = article_with_quotes(
        [(fried, "Une vraie citation"), (fried, "Une fausse citation")]
    )
    rejected.review_status = Quote.Review.REJECTED
    rejected.save()
    recount(rejected)

    html = squeeze(client.get(reverse("home")).content.decode())

    assert "Une vraie citation" in html
    assert "Une fausse citation" not in html
    assert "<strong>1</strong> quote found" in html
    week = client.get(reverse("home")).context["summary"].top_speakers[0]
    assert [(s.name, s.recent_quote_count) for s in week.speakers] == [("Daniel Fried", 1)]


def test_empty_database_home_page_still_works(client):
    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert "No quotes yet" in response.content.decode()


# Speaker list


def test_speaker_list_shows_counts_and_kinds(client, fried, otan):
    article_with_quotes([(fried, "Un"), (fried, "Deux"), (otan, "Trois")])

    html = client.get(reverse("speaker-list")).content.decode()

    assert "<html" in html
    assert "Daniel Fried" in html
    assert "2 quotes" in html
    assert "Organisation" in html
    assert html.index("Daniel Fried") < html.index("OTAN")


def test_speaker_filter_as_htmx_fragment_lists_the_match_only(client, fried, slaughter):
    article_with_quotes([(fried, "Un"), (slaughter, "Deux")])

    response = client.get(reverse("speaker-list"), {"q": "fried"}, **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="speaker-results"' in html
    assert "Daniel Fried" in html
    assert "Slaughter" not in html
    assert "HX-Request" in response["Vary"]


def test_speaker_filter_ignores_case_and_accents_and_matches_aliases(client):
    helene = make_speaker("Hélène Carrère", aliases=("la secrétaire perpétuelle",))
    article_with_quotes([(helene, "Un mot")])

    for query in ("HELENE", "carrere", "secretaire perpetuelle"):
        html = client.get(reverse("speaker-list"), {"q": query}, **HTMX).content.decode()
        assert "Hélène Carrère" in html, query
    html = client.get(reverse("speaker-list"), {"q": "zorro"}, **HTMX).content.decode()
    assert "Hélène Carrère" not in html
    assert "No speaker matches" in html


def test_speaker_kind_filter_and_name_sort(client, fried, slaughter, otan):
    article_with_quotes([(fried, "Un"), (slaughter, "Deux"), (otan, "Trois"), (otan, "Quatre")])

    organisations = client.get(reverse("speaker-list"), {"kind": "organisation"}).content.decode()
    by_name = client.get(reverse("speaker-list"), {"sort": "name"}).content.decode()

    assert "OTAN" in organisations
    assert "Daniel Fried" not in organisations
    assert by_name.index("Anne-Marie") < by_name.index("Daniel Fried") < by_name.index("OTAN")


def test_speaker_list_paginates_and_links_keep_the_filters(client):
    speakers = [make_speaker(f"Porte-parole {n:02d}") for n in range(35)]
    article_with_quotes([(speaker, f"Phrase {n}") for n, speaker in enumerate(speakers)])

    first = client.get(reverse("speaker-list"), {"q": "porte", "sort": "name"}).content.decode()
    second = client.get(
        reverse("speaker-list"), {"q": "porte", "sort": "name", "page": 2}, **HTMX
    ).content.decode()

    assert "Porte-parole 00" in first
    assert "Porte-parole 34" not in first
    assert "Speakers 1–30 matching “porte”" in first
    assert "Speakers 31–35 matching “porte”" in second
    assert "page=2" in first and "q=porte" in first and "sort=name" in first
    assert "Porte-parole 34" in second
    assert "Porte-parole 00" not in second


def test_merged_and_quoteless_speakers_are_not_listed(client, fried):
    article_with_quotes([(fried, "Un")])
    make_speaker("Personne Muette")
    old = make_speaker("D. Fried", merged_into=fried)
    article_with_quotes([(old, "Deux")])

    html = client.get(reverse("speaker-list")).content.decode()

    assert "Daniel Fried" in html
    assert "Personne Muette" not in html
    assert "D. Fried" not in html


# Speaker page


def test_speaker_page_shows_profile_chart_and_newest_quotes_first(client, fried):
    article_with_quotes([(fried, "Une vieille phrase")], day=0, title="Premier article")
    article_with_quotes([(fried, "Une phrase récente")], day=90, title="Second article")

    response = client.get(reverse("speaker-detail", args=["daniel-fried"]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Daniel Fried" in html
    assert "ancien diplomate américain" in html
    assert '<span class="alias">Fried</span>' in html
    assert "<svg" in html and 'role="img"' in html
    assert html.index("Une phrase récente") < html.index("Une vieille phrase")
    assert "Second article" in html
    profile = response.context["profile"]
    assert (profile.quote_count, profile.article_count) == (2, 2)
    assert profile.timeline_unit == "month"
    assert [bucket.count for bucket in profile.timeline] == [1, 0, 1]


def test_speaker_page_load_more_returns_the_next_page_as_a_fragment(client, fried):
    for day in range(25):
        article_with_quotes([(fried, f"Citation numéro {day:02d}")], day=day)

    first = client.get(reverse("speaker-detail", args=["daniel-fried"])).content.decode()
    more = client.get(
        reverse("speaker-detail", args=["daniel-fried"]), {"page": 2}, **HTMX
    ).content.decode()

    assert "Citation numéro 24" in first
    assert "Citation numéro 04" not in first
    assert "Load more quotes" in first
    assert "<html" not in more
    assert "<h1" not in more
    assert "Citation numéro 04" in more
    assert "Citation numéro 05" not in more
    assert "Load more quotes" not in more


def test_speaker_page_leaves_out_rejected_quotes(client, fried):
    _, (_, rejected) = article_with_quotes([(fried, "Vrai"), (fried, "Faux et rejeté")])
    rejected.review_status = Quote.Review.REJECTED
    rejected.save()

    response = client.get(reverse("speaker-detail", args=["daniel-fried"]))

    assert "Faux et rejeté" not in response.content.decode()
    assert response.context["profile"].quote_count == 1


def test_merged_speaker_redirects_permanently_to_the_target(client, fried):
    make_speaker("D. Fried", slug="d-fried", merged_into=fried)

    response = client.get(reverse("speaker-detail", args=["d-fried"]))

    assert response.status_code == 301
    assert response["Location"] == reverse("speaker-detail", args=["daniel-fried"])


def test_unknown_speaker_article_and_quote_are_404(client):
    assert client.get(reverse("speaker-detail", args=["nobody"])).status_code == 404
    assert client.get(reverse("article-detail", args=[999])).status_code == 404
    assert client.get(reverse("quote-detail", args=[999])).status_code == 404


# Article page


def test_article_page_highlights_quotes_with_one_colour_per_speaker(client, fried, slaughter):
    article, (first, second, third) = article_with_quotes(
        [(fried, "Un"), (slaughter, "Deux"), (fried, "Trois")]
    )

    html = client.get(reverse("article-detail", args=[article.pk])).content.decode()

    # Colours follow the speakers' ids (consecutive here, so no two share one).
    fried_colour, slaughter_colour = f"sp-{fried.pk % 12}", f"sp-{slaughter.pk % 12}"
    assert f'<mark class="q {fried_colour}" id="quote-{first.pk}"' in html
    assert f'<mark class="q {slaughter_colour}" id="quote-{second.pk}"' in html
    assert f'<mark class="q {fried_colour}" id="quote-{third.pk}"' in html
    assert f'<span class="cue {fried_colour}" data-quote="{first.pk}">a déclaré</span>' in html
    assert (
        f'<span class="who {slaughter_colour}" data-quote="{second.pk}">Anne-Marie Slaughter</span>'
        in html
    )
    assert "Daniel Fried · direct quote · cue “a déclaré” · confidence 80%" in html
    assert html.count('<section class="speaker-group">') == 2


def test_article_text_and_quotes_are_escaped(client, fried):
    article, (quote,) = article_with_quotes([(fried, "<script>alert('x')</script> & co")])

    html = client.get(reverse("article-detail", args=[article.pk])).content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co" in html
    quote_html = client.get(reverse("quote-detail", args=[quote.pk])).content.decode()
    assert "<script>alert" not in quote_html


def test_article_fragment_is_the_refreshable_region(client, fried):
    article, _ = article_with_quotes([(fried, "Un")])

    html = client.get(reverse("article-detail", args=[article.pk]), **HTMX).content.decode()

    assert "<html" not in html
    assert html.lstrip().startswith('<article id="article-content"')


def test_rejected_quotes_show_on_the_article_only_to_editors(editor_client, fried):
    article, (kept, rejected) = article_with_quotes([(fried, "Vrai"), (fried, "Faux")])
    rejected.review_status = Quote.Review.REJECTED
    rejected.save()
    url = reverse("article-detail", args=[article.pk])

    public = Client().get(url).content.decode()
    editors = editor_client.get(url).content.decode()

    assert f'id="quote-{kept.pk}"' in public
    assert f'id="quote-{rejected.pk}"' not in public
    assert f'<mark class="q sp-{fried.pk % 12} is-rejected" id="quote-{rejected.pk}"' in editors


# Quote page


def test_quote_page_shows_the_quote_in_its_paragraph_with_its_facts(client, fried):
    article, (quote,) = article_with_quotes([(fried, "Le soutien continuera")], title="Blinken")

    html = client.get(reverse("quote-detail", args=[quote.pk])).content.decode()

    assert '« <mark class="q sp-0">Le soutien continuera</mark> », a déclaré Daniel Fried.' in html
    assert "Blinken" in html
    assert f"{article.get_absolute_url()}#quote-{quote.pk}" in html
    assert "Unreviewed" in html and "80%" in html and "a déclaré" in html


def test_quote_page_shows_who_changed_what(client, editor, fried, slaughter):
    _, (quote,) = article_with_quotes([(fried, "Un mot")])
    quote.speaker = slaughter
    quote.review_status = Quote.Review.CORRECTED
    quote._history_user = editor
    quote.save()

    html = squeeze(client.get(reverse("quote-detail", args=[quote.pk])).content.decode())

    assert "Changed</strong> by an editor" in html
    assert "<del>Daniel Fried</del> → <ins>Anne-Marie Slaughter</ins>" in html
    assert "Review status: <del>Unreviewed</del> → <ins>Corrected</ins>" in html
    assert "Review_status" not in html
    assert "Created</strong> by the extraction pipeline" in html


def test_quote_page_names_the_editor_only_to_editors(client, editor, fried, slaughter):
    _, (quote,) = article_with_quotes([(fried, "Un nom")])
    quote.speaker = slaughter
    quote._history_user = editor
    quote.save()
    url = reverse("quote-detail", args=[quote.pk])

    assert "by editor" not in squeeze(client.get(url).content.decode())
    client.force_login(make_user("reader2"))
    assert "by editor" not in squeeze(client.get(url).content.decode())
    client.force_login(editor)
    assert "Changed</strong> by editor" in squeeze(client.get(url).content.decode())


def test_rejected_quote_page_is_hidden_from_readers_only(reader, editor_client, fried):
    _, (quote,) = article_with_quotes([(fried, "Faux")])
    quote.review_status = Quote.Review.REJECTED
    quote.save()
    url = reverse("quote-detail", args=[quote.pk])

    reader_client = Client()
    reader_client.force_login(reader)
    assert Client().get(url).status_code == 404
    assert reader_client.get(url).status_code == 404
    assert editor_client.get(url).status_code == 200


def test_quote_fragment_has_no_page_chrome(client, fried):
    _, (quote,) = article_with_quotes([(fried, "Un mot")])

    html = client.get(reverse("quote-detail", args=[quote.pk]), **HTMX).content.decode()

    assert "<html" not in html
    assert html.lstrip().startswith('<article id="quote-content"')


def test_undated_quotes_come_after_dated_ones_on_every_database(client, fried):
    undated = make_article(body="« Sans date », a dit Daniel Fried.", published_at=None)
    make_quote(undated, fried, start=2, end=11)
    article_with_quotes([(fried, "Avec une date")], day=3)

    speaker_html = client.get(reverse("speaker-detail", args=["daniel-fried"])).content.decode()
    home_html = client.get(reverse("home")).content.decode()

    assert speaker_html.index("Avec une date") < speaker_html.index("Sans date")
    assert home_html.index("Avec une date") < home_html.index("Sans date")


def test_speakers_sorted_by_latest_quote_put_undated_speakers_last(client, fried, slaughter):
    undated = make_article(body="« Sans date », a dit Anne-Marie Slaughter.", published_at=None)
    make_quote(undated, slaughter, start=2, end=11)
    article_with_quotes([(fried, "Avec une date")], day=3)

    html = client.get(reverse("speaker-list"), {"sort": "latest"}).content.decode()

    assert html.index("Daniel Fried") < html.index("Anne-Marie Slaughter")


def test_quote_without_recorded_history_still_has_a_page(client, fried):
    article = make_article(body="« Importé en masse », a dit Daniel Fried.")
    (quote,) = Quote.objects.bulk_create(
        [
            Quote(
                article=article,
                speaker=fried,
                text="Importé en masse",
                start=2,
                end=18,
                kind="direct",
            )
        ]
    )

    html = client.get(reverse("quote-detail", args=[quote.pk])).content.decode()

    assert "Importé en masse" in html
    assert "No recorded changes" in html


@pytest.mark.parametrize(("dated", "undated"), [(25, 5), (0, 23), (20, 1), (40, 0)])
def test_load_more_walks_dated_then_undated_quotes_exactly_once(client, fried, dated, undated):
    for n in range(dated):
        article_with_quotes([(fried, f"Datée {n:02d}")], day=n)
    for n in range(undated):
        body = f"« Sans date {n:02d} », a dit Daniel Fried."
        make_quote(make_article(body=body), fried, start=2, end=14)
    url = reverse("speaker-detail", args=["daniel-fried"])

    seen, page = [], 1
    while True:
        response = client.get(url, {"page": page}, **HTMX)
        quotes = response.context["quotes"]
        seen += [quote.text for quote in quotes]
        if not quotes.has_next:
            break
        page += 1

    expected = [f"Datée {n:02d}" for n in reversed(range(dated))]
    expected += [f"Sans date {n:02d}" for n in reversed(range(undated))]
    assert seen == expected
    assert page == max(1, -(-(dated + undated) // 20))


def test_history_restore_and_boosted_requests_get_the_full_page(client, fried):
    article_with_quotes([(fried, "Un")])

    restore = client.get(
        reverse("speaker-list"), {"q": "fried"}, HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX
    )
    boosted = client.get(reverse("home"), HTTP_HX_BOOSTED="true", **HTMX)

    assert "<html" in restore.content.decode()
    assert "<html" in boosted.content.decode()
