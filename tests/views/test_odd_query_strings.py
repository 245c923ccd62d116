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
