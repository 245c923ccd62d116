"""Hand-edited or hostile query strings get a page or a 404, never a server error."""

from __future__ import annotations

import pytest

from tests.factories import make_article, make_quote, make_speaker, make_topic

pytestmark = pytest.mark.django_db

HUGE = "9" * 25


@pytest.fixture
def speaker_url():
    speaker = make_speaker("Jeanne Essai")
    quote = make_quote(make_article(), speaker)
    quote.topics.add(make_topic("Budget"))
    return speaker.get_absolute_url()


@pytest.mark.parametrize(
    "url",
    [
        f"/speakers/?page={HUGE}",
        "/speakers/?page=-3&sort=nonsense&kind=alien",
        f"/articles/?page={HUGE}&sort=nonsense&status=alien&language=xx",
        "/articles/?date_from=0001-01-01&date_to=9999-12-31&unreviewed=yes",
        f"{{speaker}}?page={HUGE}",
        "/search/?q=budget&date_to=9999-12-31",
        "/search/?q=budget&date_from=0001-01-01&date_to=not-a-date",
        f"/search/?q=budget&page={HUGE}",
        '/search/?q="""---***',
        f"/topics/?page={HUGE}",
        f"/topics/budget/?page={HUGE}",
    ],
)
def test_odd_query_strings_never_fail(client, speaker_url, url):
    response = client.get(url.replace("{speaker}", speaker_url))
    assert response.status_code in (200, 404)


NUL = "a\x00b"

# Every page and every parameter it reads, as an editor so the editors' pages answer too.
PARAMETERS_BY_PAGE = {
    "/": ["q"],
    "/speakers/": ["q", "kind", "sort", "page"],
    "/articles/": ["outlet", "language", "status", "date_from", "date_to", "unreviewed", "sort"],
    "{speaker}": ["page"],
    "{article}": ["page"],
    "{quote}": ["page"],
    "{quote}history/": ["page"],
    "{speaker}history/": ["page"],
    "{quote}edit/": ["next"],
    "{speaker}edit/": ["next"],
    "{article}quotes/add/": ["start", "end", "speaker", "kind", "selected", "near"],
    "/search/": [
        "q",
        "speaker",
        "outlet",
        "topic",
        "speaker_kind",
        "kind",
        "language",
        "review_status",
        "date_from",
        "date_to",
        "page",
        "sort",
        "titles",
    ],
    "/topics/": ["q", "page"],
    "/topics/budget/": ["page"],
    "/speaker-autocomplete/": ["q", "speaker", "target"],
    "/review/": ["article", "speaker", "kind"],
}


@pytest.mark.parametrize(
    ("page", "parameter"),
    [(page, parameter) for page, names in PARAMETERS_BY_PAGE.items() for parameter in names],
)
@pytest.mark.parametrize("htmx", [False, True], ids=["page", "fragment"])
def test_nul_byte_in_any_parameter_is_ignored(editor_client, page_urls, page, parameter, htmx):
    for placeholder, url in page_urls.items():
        page = page.replace(placeholder, url)
    headers = {"HX-Request": "true"} if htmx else {}
    response = editor_client.get(page, {parameter: NUL}, headers=headers)
    assert response.status_code == 200, response.content[:300]
    assert "\x00" not in response.content.decode()


def test_nul_byte_in_a_topic_label_is_dropped(editor_client):
    quote = make_quote(make_article(), make_speaker("Jeanne Label"))
    response = editor_client.post(
        f"/quotes/{quote.pk}/topics/",
        {"label": "Bud\x00get", "version": quote.version},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert list(quote.topics.values_list("label", flat=True)) == ["Budget"]


def test_nul_byte_in_a_speaker_name_is_dropped(editor_client):
    quote = make_quote(make_article(), make_speaker("Jeanne Nom"))
    response = editor_client.post(
        f"/quotes/{quote.pk}/attribution/",
        {"speaker": "Jeanne\x00 Nom", "speaker_id": "", "version": quote.version},
    )
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.speaker.name == "Jeanne Nom"
