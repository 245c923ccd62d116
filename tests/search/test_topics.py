"""Topic extraction, assignment to articles and quotes, editors' changes, and the topic pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Count
from django.urls import reverse

from quotes.attribution import get_nlp
from quotes.models import PUBLIC_REVIEW_STATUSES, Topic
from quotes.selectors.topics import speaker_top_topics
from quotes.services.topics import article_topics_assign, quote_topic_add, quote_topic_remove
from quotes.topics.extract import extract_topics

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(corpus):
    article_topics_assign(article=corpus.seed)
    return corpus


def test_extraction_finds_the_seed_subjects(seed_text):
    keys = [t.key for t in extract_topics(seed_text, "fr", nlp=get_nlp("fr"), limit=None)]
    assert "ukraine" in keys[:3]
    assert "russie" in keys[:10]
    # Pieces of names are not subjects.
    assert "donald" not in keys and "antony" not in keys
    assert not any(key.startswith("sortant") for key in keys)


def test_topics_are_normalised_to_singular_lemmas_without_accents():
    text = (
        "Les sanctions économiques visent la Russie. De nouvelles sanctions sont prévues. "
        "La Commission européenne prépare des sanctions contre les banques russes."
    )
    topics = {t.key: t for t in extract_topics(text, "fr", nlp=get_nlp("fr"), limit=None)}
    assert "sanction" in topics
    assert "sanctions" not in topics
    assert topics["russie"].kind == "place"


def test_english_entities_become_topics():
    text = (
        "The European Union will meet in Brussels on Tuesday. Officials in Brussels said the "
        "European Union wants a deal on tariffs before the summit."
    )
    keys = {t.key for t in extract_topics(text, "en", nlp=get_nlp("en"), limit=None)}
    assert "brussels" in keys
    assert "european union" in keys


def test_quotes_take_the_topics_they_mention(assigned):
    ukraine = Topic.objects.get(normalized="ukraine")
    assert assigned.defense.topics.filter(pk=ukraine.pk).exists()
    assert assigned.fried_indirect.topics.filter(pk=ukraine.pk).exists()
    assert not assigned.slaughter.topics.filter(pk=ukraine.pk).exists()
    assert assigned.seed.topics.filter(pk=ukraine.pk).exists()
    korea = assigned.korea.topics.values_list("normalized", flat=True)
    assert "coree du sud" in korea


def test_reassigning_is_idempotent(assigned):
    before = set(Topic.objects.values_list("normalized", flat=True))
    article_topics_assign(article=assigned.seed)
    assert set(Topic.objects.values_list("normalized", flat=True)) == before


def test_ukraine_topic_page_lists_the_seed_ukraine_quotes(assigned, client):
    response = client.get(reverse("topic-detail", args=["ukraine"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "le soutien à l’Ukraine dans sa défense contre l’agression russe" in html
    assert "dans un sens favorable à l’Ukraine" in html
    assert "fondamentalement de transférer" not in html
    assert "Who speaks most about it" in html
    assert "<svg" in html and "Daniel Fried" in html
    assert "First quote" in html


def test_topic_page_hides_rejected_quotes_and_unknown_topics_404(assigned, client):
    assigned.defense.review_status = "rejected"
    assigned.defense.save()
    html = client.get(reverse("topic-detail", args=["ukraine"])).content.decode()
    assert "agression russe" not in html
    assert client.get(reverse("topic-detail", args=["no-such-topic"])).status_code == 404


def test_topic_list_ranks_by_quotes_and_filters_as_you_type(assigned, client):
    html = client.get(reverse("topic-list")).content.decode()
    assert reverse("topic-detail", args=["ukraine"]) in html
    fragment = client.get(
        reverse("topic-list"), {"q": "ukr"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert "<html" not in fragment
    assert "Ukraine" in fragment
    assert "Russie" not in fragment


def test_editor_adds_and_removes_a_topic_with_history(assigned, editor):
    quote = assigned.slaughter
    topic = quote_topic_add(
        quote=quote, label="Budgets de défense", expected_version=quote.version, user=editor
    )
    assert quote.topics.filter(pk=topic.pk).exists()
    assert quote.history.first().history_change_reason == "Topic added: Budgets de défense"
    assert quote.history.first().history_user == editor
    again = quote_topic_add(
        quote=quote, label="budget de defense", expected_version=quote.version, user=editor
    )
    assert again == topic
    quote_topic_remove(quote=quote, topic=topic, expected_version=quote.version, user=editor)
    assert not quote.topics.filter(pk=topic.pk).exists()


def test_speaker_top_topics(assigned):
    topics = speaker_top_topics(assigned.fried)
    assert "ukraine" in [t.normalized for t in topics]
    assert [(t.pk, t.speaker_quote_count) for t in topics] == counted_directly(assigned.fried)


def counted_directly(speaker) -> list[tuple[int, int]]:
    """The speaker's public quotes per topic, most first, joined from the quotes themselves."""
    rows = (
        Topic.objects.filter(
            quotes__speaker=speaker, quotes__review_status__in=PUBLIC_REVIEW_STATUSES
        )
        .annotate(n=Count("quotes"))
        .order_by("-n", "label", "id")[:8]
    )
    return [(topic.pk, topic.n) for topic in rows]


def test_speaker_and_quote_pages_link_their_topics(assigned, client):
    ukraine = Topic.objects.get(normalized="ukraine")
    speaker_html = client.get(assigned.fried.get_absolute_url()).content.decode()
    assert "Speaks most about" in speaker_html
    assert ukraine.get_absolute_url() in speaker_html
    quote = assigned.fried.quotes.filter(topics=ukraine).first()
    quote_html = client.get(quote.get_absolute_url()).content.decode()
    assert ukraine.get_absolute_url() in quote_html


def test_editor_adds_and_removes_topics_through_the_fragment(corpus, editor_client):
    quote = corpus.slaughter
    add = reverse("quote-topic-add", args=[quote.pk])
    response = editor_client.post(
        add, {"label": "Budgets de défense", "version": 1}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Budgets de défense" in html
    topic = quote.topics.get()
    empty = editor_client.post(
        add, {"label": "  !! ", "version": 1}, headers={"HX-Request": "true"}
    )
    assert 'aria-invalid="true"' in empty.content.decode()
    remove = reverse("quote-topic-remove", args=[quote.pk, topic.slug])
    assert editor_client.post(remove, {"version": 1}).status_code == 302
    assert not quote.topics.exists()


def test_readers_and_anonymous_users_cannot_change_topics(corpus, client, reader):
    add = reverse("quote-topic-add", args=[corpus.slaughter.pk])
    assert client.post(add, {"label": "x"}).status_code == 302
    client.force_login(reader)
    assert client.post(add, {"label": "x"}).status_code == 403
    assert client.get(add).status_code == 405
    assert not corpus.slaughter.topics.exists()


def test_topic_page_paginates_newest_first(db, client):
    from tests.factories import make_article, make_quote, make_topic

    topic = make_topic("Climat")
    for day in range(1, 26):
        article = make_article(published_at=dt.datetime(2024, 1, day, tzinfo=dt.UTC))
        make_quote(article, None).topics.add(topic)
    first = client.get(reverse("topic-detail", args=[topic.slug])).content.decode()
    assert "25 quotes" in first and "Page 1 of 2" in first
    assert first.index("25 Jan 2024") < first.index("24 Jan 2024")
    second = client.get(reverse("topic-detail", args=[topic.slug]), {"page": 2}).content.decode()
    assert second.count('class="quote-item"') == 5
    assert "5 Jan 2024" in second


def test_very_large_topics_are_counted_from_a_sample(assigned, client, monkeypatch):
    from quotes.selectors import topics as selectors

    monkeypatch.setattr(selectors, "EXACT_QUOTES", -1)
    html = client.get(reverse("topic-detail", args=["ukraine"])).content.decode()
    assert "le soutien à l’Ukraine dans sa défense" in html
    assert "Daniel Fried" in html


def test_topic_list_counts_public_quotes_only_and_ranks_by_them(db, client):
    from tests.factories import make_quote, make_topic, recount

    busy, quiet, hidden = make_topic("Énergie"), make_topic("Pêche"), make_topic("Secret")
    linked = [(make_quote(), busy) for _ in range(3)]
    linked += [(make_quote(), quiet), (make_quote(review_status="rejected"), hidden)]
    linked.append((make_quote(review_status="rejected"), busy))
    for quote, topic in linked:
        quote.topics.add(topic)
    recount(*(quote for quote, _ in linked))
    html = client.get(reverse("topic-list")).content.decode()
    assert "Secret" not in html
    assert html.index("Énergie") < html.index("Pêche")
    assert "3 quotes" in html and "1 quote<" in html
    assert "peche" not in client.get(reverse("topic-list"), {"q": "ener"}).content.decode()


def test_editor_topic_choices_survive_reassignment(assigned, editor):
    quote = assigned.defense
    ukraine = Topic.objects.get(normalized="ukraine")
    quote_topic_remove(quote=quote, topic=ukraine, expected_version=quote.version, user=editor)
    added = quote_topic_add(
        quote=quote, label="Budgets de défense", expected_version=quote.version, user=editor
    )

    article_topics_assign(article=assigned.seed)

    topics = set(quote.topics.all())
    assert added in topics
    assert ukraine not in topics
    # The machine still assigns topics to the article's other quotes.
    assert assigned.fried_indirect.topics.filter(pk=ukraine.pk).exists()


def test_anonymous_htmx_topic_change_sends_the_browser_to_the_login_page(corpus, client):
    quote = corpus.slaughter
    add = reverse("quote-topic-add", args=[quote.pk])

    response = client.post(
        add,
        {"label": "Budgets"},
        headers={
            "HX-Request": "true",
            "HX-Current-URL": f"http://testserver{quote.get_absolute_url()}",
        },
    )

    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(reverse("login"))
    assert "next=" in response["HX-Redirect"]
    assert not quote.topics.exists()


@pytest.mark.parametrize(
    ("label", "lang"),
    [
        ("Budgets de défense", "fr"),
        ("sanctions économiques", "fr"),
        ("Sanctions", "fr"),
        ("la Russie", "fr"),
        ("Ukraine", "fr"),
        ("élections", "fr"),
        ("Paris", "fr"),
        ("tariffs", "en"),
        ("European Union", "en"),
    ],
)
def test_a_typed_topic_gets_the_key_extraction_gives_it_without_a_model(label, lang):
    from quotes.services.topics import typed_topic_keys
    from quotes.topics.extract import phrase_key

    keys = typed_topic_keys(label)
    # A lone capitalised word may be a name ("Paris") or not ("Sanctions"): without a model
    # both keys are tried, and an existing topic under either is reused.
    assert phrase_key(label, nlp=get_nlp(lang)) in (keys if label == "Sanctions" else keys[:1])


def test_a_typed_topic_joins_the_topic_extraction_made(assigned, editor):
    ukraine = Topic.objects.get(normalized="ukraine")
    made = quote_topic_add(
        quote=assigned.slaughter, label="UKRAINE", expected_version=1, user=editor
    )
    assert made == ukraine
    sanction = Topic.objects.create(label="sanction", slug="sanction", normalized="sanction")
    assert (
        quote_topic_add(
            quote=assigned.slaughter, label="Sanctions", expected_version=1, user=editor
        )
        == sanction
    )


def test_topic_changes_from_a_stale_page_are_refused(corpus, editor_client, editor):
    from quotes.services import editing

    quote = corpus.slaughter
    editing.quote_set_kind(quote=quote, kind="indirect", expected_version=1, user=editor)

    response = editor_client.post(
        reverse("quote-topic-add", args=[quote.pk]),
        {"label": "Budgets de défense", "version": 1},
        headers={"HX-Request": "true"},
    )

    assert "Someone changed this quote" in response.content.decode()
    assert not quote.topics.exists()
    ok = editor_client.post(
        reverse("quote-topic-add", args=[quote.pk]),
        {"label": "Budgets de défense", "version": 2},
        headers={"HX-Request": "true"},
    )
    assert "Budgets de défense" in ok.content.decode()
    # A topic leaves the quote's version alone, so its other open forms stay valid.
    quote.refresh_from_db()
    assert quote.version == 2


def _topic_quoted_on(*days: dt.date):
    from tests.factories import make_article, make_quote, make_topic

    topic = make_topic("Climat")
    for day in days:
        published = dt.datetime(day.year, day.month, day.day, 9, tzinfo=dt.UTC)
        make_quote(make_article(published_at=published), None).topics.add(topic)
    return topic


def test_topic_timeline_has_a_slot_for_every_month_empty_ones_included(db, client):
    from quotes.selectors.topics import topic_page

    topic = _topic_quoted_on(dt.date(2024, 1, 5), dt.date(2024, 1, 20), dt.date(2024, 4, 2))

    page = topic_page(slug=topic.slug)

    assert page.timeline_unit == "month"
    assert [(p.start, p.count) for p in page.timeline] == [
        (dt.date(2024, 1, 1), 2),
        (dt.date(2024, 2, 1), 0),
        (dt.date(2024, 3, 1), 0),
        (dt.date(2024, 4, 1), 1),
    ]
    html = client.get(reverse("topic-detail", args=[topic.slug])).content.decode()
    assert '<svg class="timeline" viewBox="0 0 640 120" width="640" height="120"' in html
    assert html.count('<rect class="bar"') == 4
    assert "<title>Feb 2024: 0 quotes</title>" in html


def test_topic_timeline_counts_per_year_over_three_years_gaps_included(db):
    from quotes.selectors.topics import topic_page

    topic = _topic_quoted_on(dt.date(2019, 1, 10), dt.date(2022, 2, 1), dt.date(2022, 3, 1))

    page = topic_page(slug=topic.slug)

    assert page.timeline_unit == "year"
    assert [(p.start.year, p.count) for p in page.timeline] == [
        (2019, 1),
        (2020, 0),
        (2021, 0),
        (2022, 2),
    ]


def test_a_topic_whose_slug_another_topic_has_gets_its_own_numbered_page(corpus, client):
    # Another topic already holds the slug "ukraine" under a different key.
    Topic.objects.create(label="Ukraine (the band)", slug="ukraine", normalized="ukraine band")

    article_topics_assign(article=corpus.seed)

    topic = Topic.objects.get(normalized="ukraine")
    assert topic.slug == "ukraine-2"
    assert corpus.seed.topics.filter(pk=topic.pk).exists()
    response = client.get(reverse("topic-detail", args=[topic.slug]))
    assert response.status_code == 200
    assert "Ukraine" in response.content.decode()


def test_topic_page_dates_first_and_latest_quotes_and_lists_undated_ones_last(db, monkeypatch):
    from quotes.selectors import topics as selectors
    from tests.factories import make_article, make_quote, make_speaker, make_topic

    monkeypatch.setattr(selectors, "TOPIC_QUOTES_PER_PAGE", 2)
    topic = make_topic("Climat")
    often, sometimes = make_speaker("Anne Often"), make_speaker("Bruno Sometimes")

    def quoted(speaker, when, **fields):
        quote = make_quote(make_article(published_at=when), speaker, **fields)
        quote.topics.add(topic)
        return quote

    january = quoted(often, dt.datetime(2024, 1, 5, 9, tzinfo=dt.UTC))
    february = quoted(sometimes, dt.datetime(2024, 2, 10, 9, tzinfo=dt.UTC))
    march = dt.datetime(2024, 3, 2, 9, tzinfo=dt.UTC)
    march_first, march_second = quoted(often, march), quoted(sometimes, march)
    undated = quoted(often, None)
    quoted(sometimes, dt.datetime(2025, 12, 1, tzinfo=dt.UTC), review_status="rejected")

    pages = [selectors.topic_page(slug=topic.slug, page=n) for n in (1, 2, 3)]

    assert [[q.pk for q in page.quotes] for page in pages] == [
        [march_second.pk, march_first.pk],
        [february.pk, january.pk],
        [undated.pk],
    ]
    assert pages[0].total == 5 and pages[0].quotes.num_pages == 3
    assert pages[0].first_quote == january and pages[0].latest_quote == march_second
    assert [(bar.label, bar.count) for bar in pages[0].speakers] == [
        ("Anne Often", 3),
        ("Bruno Sometimes", 2),
    ]
    assert [(p.start.month, p.count) for p in pages[0].timeline] == [(1, 1), (2, 1), (3, 2)]
    past_the_end = selectors.topic_page(slug=topic.slug, page=9)
    assert past_the_end.quotes.number == 3
    assert [q.pk for q in past_the_end.quotes] == [undated.pk]


def test_topic_page_query_count_does_not_grow_with_its_quotes(
    db, client, django_assert_num_queries
):
    from tests.factories import make_article, make_quote, make_speaker, make_topic

    small, large = make_topic("Pêche"), make_topic("Climat")
    for n in range(30):
        when = dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=9 * n)
        quote = make_quote(make_article(published_at=when), make_speaker())
        quote.topics.add(*([small, large] if n < 3 else [large]))

    # The topic, its links counted, one statement for counts and the page's ids, the quotes
    # on the page with the first and latest, and the top speakers.
    for url in (reverse("topic-detail", args=[small.slug]), f"/topics/{large.slug}/?page=2"):
        with django_assert_num_queries(5):
            assert client.get(url).status_code == 200
