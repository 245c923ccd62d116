"""The seed article through the real pipeline (spaCy engine, attribution service), then browsed."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from quotes.models import Speaker
from quotes.services.attribution import article_attribute
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_seed_article_page_highlights_the_engines_quotes_with_the_right_speakers(client, seed_text):
    article = make_article(
        title="Antony Blinken à Bruxelles", body=seed_text, status="pending", outlet="Reuters"
    )
    article_attribute(article=article)

    html = client.get(reverse("article-detail", args=[article.pk])).content.decode()
    fried = Speaker.objects.get(name="Daniel Fried")
    fragment = client.get(reverse("speaker-list"), {"q": "fried"}, HTTP_HX_REQUEST="true")
    speaker_html = client.get(fried.get_absolute_url()).content.decode()

    tooltips = re.findall(r'<span class="tip" role="tooltip" id="tip-\d+">([^<]*)</span>', html)
    speakers_said = {tip.split(" · ")[0] for tip in tooltips}
    assert {"Daniel Fried", "Anne-Marie Slaughter"} <= speakers_said
    assert any(tip.startswith("Daniel Fried · direct quote · cue “expli") for tip in tooltips)
    assert "Si les équipes de Biden tentent de les coincer" in html
    assert "<html" not in fragment.content.decode()
    assert "Daniel Fried" in fragment.content.decode()
    assert "pourraient tout simplement l’ignorer" in speaker_html
