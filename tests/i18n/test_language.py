"""The interface's language: the browser's choice, the switch, French by default, French dates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_article, make_quote, make_speaker
from tests.test_settings import run_python

pytestmark = pytest.mark.django_db

FRENCH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "fr-FR,fr;q=0.9,en;q=0.5"}
ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}


def squeeze(html: str) -> str:
    """The page with runs of white space collapsed, as a browser shows it."""
    return " ".join(html.split())


def test_a_browser_asking_for_french_reads_the_pages_in_french(client: Client):
    page = squeeze(client.get(reverse("home"), **FRENCH_BROWSER).content.decode())
    assert '<html lang="fr">' in page
    assert "Qui a dit quoi" in page
    assert ">Intervenants</a>" in page
    assert ">Thèmes</a>" in page
    assert "Who said what" not in page


def test_a_browser_asking_for_english_reads_the_pages_in_english(client: Client):
    page = squeeze(client.get(reverse("home"), **ENGLISH_BROWSER).content.decode())
    assert '<html lang="en">' in page
    assert "Who said what" in page
    assert ">Speakers</a>" in page
    assert "Qui a dit quoi" not in page


def test_a_browser_asking_for_neither_gets_the_default_language(client: Client, settings):
    settings.LANGUAGE_CODE = "fr"
    page = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9").content.decode()
    assert '<html lang="fr">' in page
    assert "Qui a dit quoi" in page


def test_the_demo_defaults_to_french_and_the_environment_can_choose_english():
    show = "from django.conf import settings; print(settings.LANGUAGE_CODE)"
    setup = "import django; django.setup(); "
    default = run_python(
        "-c", setup + show, DEBUG="true", DJANGO_SETTINGS_MODULE="newsroom.settings"
    )
    assert default.stdout.strip() == "fr", default.stderr
    english = run_python(
        "-c",
        setup + show,
        DEBUG="true",
        LANGUAGE_CODE="en",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
    )
    assert english.stdout.strip() == "en", english.stderr


def test_the_switch_changes_the_language_and_returns_to_the_same_page(client: Client):
    page = reverse("speaker-list") + "?q=ma&sort=name"
    french = client.get(page, **FRENCH_BROWSER).content.decode()
    assert 'name="language" value="en"' in french
    assert f'name="next" value="{page.replace("&", "&amp;")}"' in french

    answer = client.post(
        reverse("set_language"), {"language": "en", "next": page}, **FRENCH_BROWSER
    )

    assert answer.status_code == 302
    assert answer["Location"] == page
    # The choice outlives the browser's preference: the cookie wins over Accept-Language.
    english = squeeze(client.get(page, **FRENCH_BROWSER).content.decode())
    assert '<html lang="en">' in english
    assert ">Speakers</a>" in english
    assert 'name="language" value="fr"' in english


def test_dates_are_written_in_the_readers_language(client: Client):
    day = dt.datetime(2024, 3, 1, 12, tzinfo=dt.UTC)
    make_quote(make_article(published_at=day), make_speaker("Anne Martin"), published_at=day)
    french = squeeze(client.get(reverse("home"), **FRENCH_BROWSER).content.decode())
    english = squeeze(client.get(reverse("home"), **ENGLISH_BROWSER).content.decode())
    assert "1 mars 2024" in french
    assert "1 Mar 2024" in english


def test_counts_take_the_plural_of_the_readers_language(client: Client):
    make_quote(make_article(), make_speaker("Anne Martin"))
    french = squeeze(client.get(reverse("home"), **FRENCH_BROWSER).content.decode())
    assert "<strong>1</strong> article lu," in french
    assert "<strong>1</strong> citation trouvée," in french
    assert "<strong>1</strong> intervenant suivi" in french


@pytest.mark.parametrize(
    ("name", "french", "english"),
    [
        ("speaker-list", "Aucun intervenant ne correspond à ces filtres.", "No speaker matches"),
        ("article-list", "Aucun article ne correspond à ces filtres.", "No article matches"),
        ("topic-list", "Aucun thème ne correspond.", "No topic matches."),
        ("search", "Rechercher des citations", "Search quotes"),
    ],
)
def test_the_main_pages_speak_the_readers_language(client: Client, name, french, english):
    fr_page = squeeze(client.get(reverse(name), **FRENCH_BROWSER).content.decode())
    en_page = squeeze(client.get(reverse(name), **ENGLISH_BROWSER).content.decode())
    assert french in fr_page
    assert english not in fr_page
    assert english in en_page


def test_a_quote_page_in_french_names_its_facts_and_kind_in_french(client: Client):
    quote = make_quote(make_article(), make_speaker("Anne Martin"))
    page = squeeze(client.get(quote.get_absolute_url(), **FRENCH_BROWSER).content.decode())
    assert 'Citation de <a href="' in page
    assert "<dt>Intervenant</dt>" in page
    assert "<dd>Directe</dd>" in page
    assert "Non relue" in page


def test_the_exports_and_the_api_keep_english_values_for_a_french_reader(client: Client):
    speaker = make_speaker("Anne Martin")
    make_quote(make_article(), speaker)
    export = client.get(reverse("speaker-export", args=[speaker.slug, "csv"]), **FRENCH_BROWSER)
    header = b"".join(export.streaming_content).decode().splitlines()[0]
    assert "speaker" in header
    assert "intervenant" not in header.lower()
    assert export["Content-Language"] == "en"
    api = client.get("/api/v1/speakers", **FRENCH_BROWSER)
    assert api["Content-Language"] == "en"
    assert api.json()["items"][0]["kind"] == "person"


def test_an_editor_reads_the_tools_messages_and_errors_in_french(editor_client: Client):
    quote = make_quote(make_article(), make_speaker("Anne Martin"))
    confirm = reverse("quote-confirm", args=[quote.pk])

    saved = editor_client.post(
        confirm,
        {"version": quote.version, "next": quote.get_absolute_url()},
        follow=True,
        **FRENCH_BROWSER,
    )
    page = squeeze(saved.content.decode())
    assert "Enregistré : la citation est confirmée." in page
    assert ">Pas une citation</button>" in page

    refused = editor_client.post(
        reverse("quote-span", args=[quote.pk]),
        {"version": quote.version + 1, "start": 5, "end": 2},
        **FRENCH_BROWSER,
    )
    assert "L’extrait doit finir après son début." in refused.content.decode()


def test_the_insights_page_reads_in_french(client: Client):
    page = squeeze(client.get(reverse("insights"), **FRENCH_BROWSER).content.decode())
    assert "<h1>Les sources par genre</h1>" in page
    assert "la ligne marque la parité (50 %)." in page


def test_a_speakers_chart_names_its_months_in_french(client: Client):
    speaker = make_speaker("Anne Martin")
    for month in (1, 3):
        day = dt.datetime(2024, month, 5, 12, tzinfo=dt.UTC)
        make_quote(make_article(published_at=day), speaker, published_at=day)
    page = client.get(speaker.get_absolute_url(), **FRENCH_BROWSER).content.decode()
    assert "05 jan. 2024: 1 citation</title>" in page
    assert "<span>05 jan. 2024</span>" in page


def test_history_tooltips_and_feeds_speak_french_too(editor_client: Client):
    reader = Client()
    speaker = make_speaker("Anne Martin")
    quote = make_quote(make_article(), speaker, confidence=0.8, cue="a déclaré")
    editor_client.post(
        reverse("quote-confirm", args=[quote.pk]),
        {"version": quote.version, "next": quote.get_absolute_url()},
    )

    history = squeeze(reader.get(quote.get_absolute_url(), **FRENCH_BROWSER).content.decode())
    assert "Créée</strong> par l’extraction automatique" in history
    assert "par un éditeur" in history
    article = squeeze(
        reader.get(quote.article.get_absolute_url(), **FRENCH_BROWSER).content.decode()
    )
    assert "Anne Martin · citation directe · introducteur « a déclaré » · confiance 80 %" in article
    feed = reader.get(reverse("speaker-feed", args=[speaker.slug]), **FRENCH_BROWSER)
    assert "<title>Anne Martin\u00a0: dernières citations</title>" in feed.content.decode()


def test_why_a_quote_changed_is_told_in_each_readers_language(editor_client: Client):
    quote = make_quote(make_article(), make_speaker("Anne Martin"))
    dupont = make_speaker("Marie Dupont")
    editor_client.post(
        reverse("quote-attribution", args=[quote.pk]),
        {"speaker": str(dupont.pk), "version": quote.version},
        **ENGLISH_BROWSER,
    )
    history = reverse("quote-history", args=[quote.pk])

    french = squeeze(editor_client.get(history, **FRENCH_BROWSER).content.decode())
    english = squeeze(editor_client.get(history, **ENGLISH_BROWSER).content.decode())
    assert "Intervenant : Anne Martin → Marie Dupont" in french
    assert "Speaker:" not in french
    assert "Speaker: Anne Martin → Marie Dupont" in english
