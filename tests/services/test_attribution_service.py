"""article_attribute: speakers through aliases, and re-attribution that keeps editors' work."""

from __future__ import annotations

import datetime as dt

import pytest

from quotes.attribution import Attribution
from quotes.models import Article, Quote, Speaker, SpeakerAlias
from quotes.services.attribution import article_attribute, articles_attribute
from tests.factories import make_article, make_quote, make_speaker

pytestmark = pytest.mark.django_db

BODY = (
    "Donald Trump a promis un accord rapide. « Nous allons mettre fin à cette guerre », "
    "a déclaré Donald Trump dimanche. « Ce sera très vite », a ajouté Trump, sans préciser. "
    "Le responsable a indiqué que rien n'était signé. Selon une source proche du dossier, "
    "les discussions continuent."
)


def attribution(
    body: str,
    text: str,
    *,
    speaker: str | None,
    mention: str | None = None,
    kind: str = "direct",
    speaker_kind: str = "person",
    cue: str | None = "déclarer",
    confidence: float = 0.9,
    description: str = "",
) -> Attribution:
    """An engine record for the first occurrence of text in body (mention offsets likewise)."""
    start = body.index(text)
    mention = mention if mention is not None else speaker
    speaker_start = body.find(mention) if mention else -1
    return Attribution(
        text=text,
        start=start,
        end=start + len(text),
        kind=kind,
        speaker=speaker,
        speaker_mention=mention,
        speaker_start=speaker_start if speaker_start >= 0 else None,
        speaker_end=speaker_start + len(mention) if speaker_start >= 0 else None,
        speaker_kind=speaker_kind,
        speaker_description=description,
        cue=cue,
        cue_start=None,
        cue_end=None,
        confidence=confidence,
    )


def trump_attributions(body: str = BODY) -> list[Attribution]:
    return [
        attribution(body, "« Nous allons mettre fin à cette guerre »", speaker="Donald Trump"),
        attribution(body, "« Ce sera très vite »", speaker="Donald Trump", mention="Trump"),
    ]


def test_quotes_are_stored_with_their_offsets_speaker_and_the_article_date():
    published = dt.datetime(2024, 11, 12, 9, 30, tzinfo=dt.UTC)
    article = make_article(body=BODY, published_at=published, status=Article.Status.PENDING)

    outcome = article_attribute(article=article, attributions=trump_attributions())

    assert not outcome.failed
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    quotes = list(article.quotes.order_by("start"))
    assert [q.text for q in quotes] == [
        "« Nous allons mettre fin à cette guerre »",
        "« Ce sera très vite »",
    ]
    for quote in quotes:
        assert BODY[quote.start : quote.end] == quote.text
        assert quote.published_at == published
        assert quote.origin == Quote.Origin.MACHINE
        assert quote.review_status == Quote.Review.UNREVIEWED
        assert quote.confidence == 0.9
    assert quotes[1].speaker_mention == "Trump"


def test_a_full_name_and_its_short_form_in_one_article_are_one_speaker():
    article = make_article(body=BODY)

    article_attribute(article=article, attributions=trump_attributions())

    speaker = Speaker.objects.get()
    assert speaker.name == "Donald Trump"
    assert speaker.kind == Speaker.Kind.PERSON
    assert set(speaker.aliases.values_list("normalized", flat=True)) == {"donald trump", "trump"}
    assert set(article.quotes.values_list("speaker", flat=True)) == {speaker.pk}


def test_the_same_person_in_later_articles_is_the_same_speaker():
    article_attribute(article=make_article(body=BODY), attributions=trump_attributions())
    later = "« Je tiendrai parole », a dit M. Trump devant ses partisans. Fin."
    again = "« C'est un grand jour », a lancé DONALD TRUMP à Mar-a-Lago. Fin."

    article_attribute(
        article=make_article(body=later),
        attributions=[attribution(later, "« Je tiendrai parole »", speaker="M. Trump")],
    )
    article_attribute(
        article=make_article(body=again),
        attributions=[attribution(again, "« C'est un grand jour »", speaker="DONALD TRUMP")],
    )

    speaker = Speaker.objects.get()
    assert speaker.quotes.count() == 4


def test_courtesy_titles_are_dropped_from_aliases():
    body = "« Il faut aider Kiev », explique Daniel Fried. « Vite », insiste M. Fried. Fin."
    article = make_article(body=body)

    article_attribute(
        article=article,
        attributions=[
            attribution(body, "« Il faut aider Kiev »", speaker="Daniel Fried"),
            attribution(body, "« Vite »", speaker="Daniel Fried", mention="M. Fried"),
        ],
    )

    speaker = Speaker.objects.get()
    assert set(speaker.aliases.values_list("normalized", flat=True)) == {"daniel fried", "fried"}


def test_pronouns_and_generic_mentions_never_become_aliases():
    body = "« Nous attendrons », a-t-il ajouté. « Rien n'est signé », a indiqué le responsable."
    article = make_article(body=body)

    article_attribute(
        article=article,
        attributions=[
            attribution(body, "« Nous attendrons »", speaker="Daniel Fried", mention="il"),
            attribution(
                body, "« Rien n'est signé »", speaker="Daniel Fried", mention="le responsable"
            ),
        ],
    )

    assert set(SpeakerAlias.objects.values_list("normalized", flat=True)) == {"daniel fried"}


def test_an_unresolved_pronoun_gives_a_quote_without_speaker():
    body = "« Nous attendrons », a-t-il ajouté. Fin."
    article = make_article(body=body)

    article_attribute(
        article=article,
        attributions=[attribution(body, "« Nous attendrons »", speaker=None, mention="il")],
    )

    assert article.quotes.get().speaker is None
    assert not Speaker.objects.exists()


def test_anonymous_sources_are_one_speaker_per_article_not_across_articles():
    first, second = make_article(body=BODY), make_article(body=BODY + " Suite.")
    for article in (first, second):
        article_attribute(
            article=article,
            attributions=[
                attribution(
                    article.body,
                    "les discussions continuent",
                    speaker="une source proche du dossier",
                    kind="indirect",
                    speaker_kind="anonymous",
                ),
                attribution(
                    article.body,
                    "rien n'était signé",
                    speaker="une source proche du dossier",
                    kind="indirect",
                    speaker_kind="anonymous",
                ),
            ],
        )

    first_speakers = set(first.quotes.values_list("speaker", flat=True))
    second_speakers = set(second.quotes.values_list("speaker", flat=True))
    assert len(first_speakers) == 1
    assert len(second_speakers) == 1
    assert first_speakers != second_speakers
    anonymous = Speaker.objects.get(pk=first_speakers.pop())
    assert anonymous.kind == Speaker.Kind.ANONYMOUS
    assert anonymous.name == "Une source proche du dossier"
    assert not SpeakerAlias.objects.filter(speaker=anonymous).exists()


def test_names_of_a_merged_speaker_map_to_the_speaker_it_was_merged_into():
    target = make_speaker("Donald J. Trump")
    make_speaker("Donald Trump", aliases=("Trump",), merged_into=target)
    article = make_article(body=BODY)

    article_attribute(article=article, attributions=trump_attributions())

    assert set(article.quotes.values_list("speaker", flat=True)) == {target.pk}


def test_new_speakers_get_unique_slugs_and_their_description():
    Speaker.objects.create(name="Paul Durand", slug="paul-durand", kind="person")
    body = "« Le pont ouvrira lundi », a déclaré Paul Durand, maire de Lyon. Fin."
    article = make_article(body=body)

    article_attribute(
        article=article,
        attributions=[
            attribution(
                body,
                "« Le pont ouvrira lundi »",
                speaker="Paul Durand",
                description="maire de Lyon",
            )
        ],
    )

    speaker = article.quotes.get().speaker
    assert speaker.slug == "paul-durand-2"
    assert speaker.description == "maire de Lyon"


def test_an_attribution_that_does_not_match_the_text_is_not_stored():
    article = make_article(body=BODY)
    wrong = Attribution(
        **{**trump_attributions()[0].__dict__, "text": "« Nous allons gagner »"},
    )

    article_attribute(article=article, attributions=[wrong, trump_attributions()[1]])

    assert list(article.quotes.values_list("text", flat=True)) == ["« Ce sera très vite »"]


def snapshot(quote: Quote) -> dict:
    quote.refresh_from_db()
    return {f.attname: getattr(quote, f.attname) for f in Quote._meta.concrete_fields}


def test_reattribution_replaces_machine_quotes_and_keeps_every_editors_quote():
    body = (
        "« Premier », a dit Paul Durand. « Deuxième », a dit Paul Durand. "
        "« Troisième », a dit Paul Durand. « Quatrième », a dit Paul Durand. "
        "« Cinquième », a dit Paul Durand. Fin."
    )
    article = make_article(body=body)
    durand = make_speaker("Paul Durand")
    lenoir = make_speaker("Marie Lenoir")

    def span(text):
        start = body.index(text)
        return {"start": start, "end": start + len(text)}

    confirmed = make_quote(
        article, durand, **span("« Premier »"), review_status=Quote.Review.CONFIRMED
    )
    corrected = make_quote(
        article, lenoir, **span("« Deuxième »"), review_status=Quote.Review.CORRECTED, version=3
    )
    rejected = make_quote(
        article, durand, **span("« Troisième »"), review_status=Quote.Review.REJECTED
    )
    added = make_quote(article, lenoir, **span("« Quatrième », a dit"), origin=Quote.Origin.EDITOR)
    machine = make_quote(article, durand, **span("« Cinquième »"))
    human = {q.pk: snapshot(q) for q in (confirmed, corrected, rejected, added)}

    engine_output = [
        attribution(body, text, speaker="Paul Durand", confidence=0.7)
        for text in ("« Premier »", "« Deuxième »", "« Troisième »", "« Quatrième »")
    ] + [attribution(body, "Cinquième", speaker="Paul Durand", confidence=0.4)]
    outcome = article_attribute(article=article, attributions=engine_output)

    assert {q.pk: snapshot(q) for q in (confirmed, corrected, rejected, added)} == human
    assert not Quote.objects.filter(pk=machine.pk).exists()
    assert article.quotes.count() == 5
    new = article.quotes.get(text="Cinquième")
    assert new.origin == Quote.Origin.MACHINE
    assert new.confidence == 0.4
    assert outcome.kept == 4
    assert outcome.skipped == 4


def test_reattribution_keeps_a_machine_quote_found_again_at_the_same_place():
    article = make_article(body=BODY)
    article_attribute(article=article, attributions=trump_attributions())
    before = {q.text: q.pk for q in article.quotes.all()}

    article_attribute(article=article, attributions=trump_attributions())

    assert {q.text: q.pk for q in article.quotes.all()} == before


def test_reattribution_keeps_a_generic_speaker_with_a_capital_and_writes_nothing():
    article = make_article(body=BODY)
    generic = [
        attribution(
            BODY,
            "rien n'était signé",
            speaker="plusieurs témoins",
            kind="indirect",
            speaker_kind="other",
        )
    ]
    article_attribute(article=article, attributions=generic)
    quote = article.quotes.get()
    assert quote.speaker.name == "Plusieurs témoins"  # capitalised, yet no one's name

    outcome = article_attribute(article=article, attributions=generic)

    assert (outcome.created, outcome.updated, outcome.removed) == (0, 0, 0)
    assert article.quotes.get().speaker == quote.speaker
    assert Speaker.objects.get().pk == quote.speaker_id


def test_a_rejected_quote_never_comes_back():
    article = make_article(body=BODY)
    article_attribute(article=article, attributions=trump_attributions())
    quote = article.quotes.get(text="« Ce sera très vite »")
    Quote.objects.filter(pk=quote.pk).update(review_status=Quote.Review.REJECTED)

    for _ in range(2):
        article_attribute(article=article, attributions=trump_attributions())

    assert article.quotes.filter(start=quote.start).count() == 1
    assert article.quotes.get(start=quote.start).review_status == Quote.Review.REJECTED


def test_a_surname_alone_in_an_article_that_names_the_person_in_full_is_that_person():
    body = (
        "« Biden n'a plus de cartes », juge Fried. Daniel Fried, ancien diplomate, "
        "ajoute : « Il peut encore sanctionner ». « Anne dit vrai », conclut Anne. Fin."
    )
    article = make_article(body=body)

    article_attribute(
        article=article,
        attributions=[
            attribution(body, "« Biden n'a plus de cartes »", speaker="Fried"),
            attribution(body, "« Il peut encore sanctionner »", speaker="Daniel Fried"),
            attribution(body, "« Anne dit vrai »", speaker="Anne", mention="Anne"),
            attribution(body, "Fin", speaker="Anne-Marie Slaughter", kind="indirect"),
        ],
    )

    fried = Speaker.objects.get(name="Daniel Fried")
    slaughter = Speaker.objects.get(name="Anne-Marie Slaughter")
    assert Speaker.objects.count() == 2
    assert fried.quotes.count() == 2
    assert slaughter.quotes.count() == 2
    assert set(fried.aliases.values_list("normalized", flat=True)) == {"daniel fried", "fried"}
    # A lone first name is right inside this article but would be wrong in others.
    assert set(slaughter.aliases.values_list("normalized", flat=True)) == {"anne marie slaughter"}


def test_a_capitalised_title_is_not_remembered_as_a_name():
    body = "« Le meilleur reste à venir », a lancé le Président. Fin."
    article = make_article(body=body)

    article_attribute(
        article=article,
        attributions=[
            attribution(
                body,
                "« Le meilleur reste à venir »",
                speaker="Barack Obama",
                mention="le Président",
            )
        ],
    )

    assert set(SpeakerAlias.objects.values_list("normalized", flat=True)) == {"barack obama"}


def test_a_speaker_the_engine_no_longer_finds_is_removed_unless_an_editor_touched_it():
    body = "« Premier », a dit Paul Durand. « Second », a dit Marie Lenoir. Fin."
    article = make_article(body=body)
    article_attribute(
        article=article,
        attributions=[
            attribution(body, "« Premier »", speaker="Paris"),
            attribution(body, "« Second »", speaker="Lyon"),
        ],
    )
    kept = Speaker.objects.get(name="Lyon")
    kept.description = "ville"
    kept.version += 1
    kept.save()

    article_attribute(
        article=article,
        attributions=[
            attribution(body, "« Premier »", speaker="Paul Durand"),
            attribution(body, "« Second »", speaker="Marie Lenoir"),
        ],
    )

    assert set(Speaker.objects.values_list("name", flat=True)) == {
        "Paul Durand",
        "Marie Lenoir",
        "Lyon",
    }
    assert not SpeakerAlias.objects.filter(normalized="paris").exists()


def test_a_batch_of_mixed_languages_is_attributed_in_order():
    french = make_article(
        body="« Le pont ouvrira lundi », a déclaré Paul Durand, maire de Lyon.", language="fr"
    )
    english = make_article(
        body='"The bridge opens on Monday," said Mary Black, the mayor of York.', language="en"
    )
    second_french = make_article(
        body="« Nous ne céderons pas », a affirmé Hélène Prévost, syndicaliste.", language="fr"
    )

    outcomes = articles_attribute(articles=[french, english, second_french])

    assert [o.article.pk for o in outcomes] == [french.pk, english.pk, second_french.pk]
    assert [o.failed for o in outcomes] == [False, False, False]
    speakers = [a.quotes.get().speaker.name for a in (french, english, second_french)]
    assert speakers == ["Paul Durand", "Mary Black", "Hélène Prévost"]


def test_an_article_the_engine_fails_on_fails_alone_and_the_batch_goes_on(monkeypatch):
    from quotes.attribution import pipeline

    bodies = [
        "« Le pont ouvrira lundi », a déclaré Paul Durand, maire de Lyon.",
        "« Ce texte fait échouer le moteur », a déclaré Anne Roux.",
        "« Nous ne céderons pas », a affirmé Hélène Prévost, syndicaliste.",
    ]
    articles = [make_article(body=body, language="fr") for body in bodies]
    engine = pipeline.attributions_from_doc

    def fails_on_the_second(doc, lang):
        if "échouer" in doc.text:
            raise RuntimeError("the engine broke on this article")
        return engine(doc, lang)

    monkeypatch.setattr(pipeline, "attributions_from_doc", fails_on_the_second)

    outcomes = articles_attribute(articles=articles)

    assert [o.failed for o in outcomes] == [False, True, False]
    assert outcomes[1].error == "RuntimeError: the engine broke on this article"
    assert [a.quotes.count() for a in articles] == [1, 0, 1]
    assert articles[2].quotes.get().speaker.name == "Hélène Prévost"


def test_an_article_is_parsed_once_and_its_topics_are_those_of_a_fresh_parse(monkeypatch):
    from spacy.language import Language

    from quotes.attribution import get_nlp
    from quotes.topics.extract import extract_topics

    body = (
        "Le gouvernement français a présenté mercredi à Paris son budget de la défense. "
        "« Le budget de la défense augmentera de trois milliards », a déclaré la ministre "
        "des Armées, Florence Parly. L'OTAN a salué la hausse du budget de la défense."
    )
    article = make_article(body=body, language="fr")
    parses = []
    parse = Language.__call__

    def counting(nlp, text, *args, **kwargs):
        parses.append(text)
        return parse(nlp, text, *args, **kwargs)

    monkeypatch.setattr(Language, "__call__", counting)

    articles_attribute(articles=[article])

    assert body not in parses  # the batch's parse served the quotes and the topics
    monkeypatch.undo()
    fresh = extract_topics(body, "fr", nlp=get_nlp("fr"), limit=10)
    assert sorted(article.topics.values_list("normalized", flat=True)) == sorted(
        candidate.key for candidate in fresh
    )
    assert article.quotes.get().topics.exists()


def test_a_mixed_quotes_quoted_words_are_stored_once_as_the_mixed_quote():
    body = (
        "Le ministre Jean Dupont a affirmé que la réforme était « nécessaire et urgente » "
        "pour le pays. Il a ensuite quitté la salle."
    )
    article = make_article(body=body)

    article_attribute(article=article)

    quotes = list(article.quotes.order_by("start"))
    assert [(q.kind, q.speaker.name) for q in quotes] == [("mixed", "Jean Dupont")]
    assert "« nécessaire et urgente »" in quotes[0].text
    assert Speaker.objects.get(name="Jean Dupont").quote_count == 1


def test_a_quote_running_over_two_paragraphs_is_stored_once_as_one_direct_quote():
    body = (
        "Après le match, l'entraîneur Marc Lenoir a déclaré : « Nous avons beaucoup appris.\n\n"
        "C'était une journée pleine d'émotion pour toute l'équipe. » Les joueurs sont partis."
    )
    article = make_article(body=body)

    article_attribute(article=article)

    quotes = list(article.quotes.all())
    assert [(q.kind, q.speaker.name) for q in quotes] == [("direct", "Marc Lenoir")]
    assert quotes[0].text.startswith("Nous avons beaucoup appris.\n\nC'était une journée")
    assert Speaker.objects.get(name="Marc Lenoir").quote_count == 1


def test_an_article_the_writer_fails_on_fails_alone_inside_its_batch(monkeypatch):
    from quotes.services import attribution

    bodies = [
        "« Le pont ouvrira lundi », a déclaré Paul Durand, maire de Lyon.",
        "« Ce texte a un défaut », a déclaré Anne Roux.",
        "« Nous ne céderons pas », a affirmé Hélène Prévost, syndicaliste.",
    ]
    articles = [make_article(body=body, language="fr") for body in bodies]
    find_topics = attribution.article_topics_find

    def fails_on_the_second(*, article, **kwargs):
        if "défaut" in article.body:
            raise RuntimeError("topics broke after the quotes were written")
        return find_topics(article=article, **kwargs)

    monkeypatch.setattr(attribution, "article_topics_find", fails_on_the_second)

    def never_one_by_one(**kwargs):
        raise AssertionError("the batch fell back to writing its articles one by one")

    monkeypatch.setattr(attribution, "article_attribute", never_one_by_one)

    outcomes = articles_attribute(articles=articles)

    # The batch is written in one transaction: the bad article's quote and new speaker are
    # rolled back alone to its savepoint, the others are written and counted.
    assert [o.failed for o in outcomes] == [False, True, False]
    assert outcomes[1].error == "RuntimeError: topics broke after the quotes were written"
    assert [a.quotes.count() for a in articles] == [1, 0, 1]
    statuses = [Article.objects.get(pk=a.pk).status for a in articles]
    assert statuses == [Article.Status.DONE, Article.Status.FAILED, Article.Status.DONE]
    assert not Speaker.objects.filter(name="Anne Roux").exists()
    assert Speaker.objects.get(name="Hélène Prévost").quote_count == 1


def test_a_passage_overlapping_an_editors_quote_gives_way_to_its_other_paragraph():
    body = (
        "L'entraîneur Marc Lenoir a déclaré : « Nous avons beaucoup appris.\n\n"
        "C'était une journée pleine d'émotion. » Fin."
    )
    article = make_article(body=body)
    first, second = "Nous avons beaucoup appris.", "C'était une journée pleine d'émotion."
    passage = body[body.index(first) : body.index(second) + len(second)]
    confirmed = make_quote(
        article,
        make_speaker("Marc Lenoir"),
        start=body.index(first),
        end=body.index(first) + len(first),
        review_status=Quote.Review.CONFIRMED,
    )

    article_attribute(
        article=article,
        attributions=[
            attribution(body, passage, speaker="Marc Lenoir"),
            attribution(body, first, speaker="Marc Lenoir"),
            attribution(body, second, speaker="Marc Lenoir"),
        ],
    )

    assert [q.text for q in article.quotes.order_by("start")] == [first, second]
    assert article.quotes.get(text=first).pk == confirmed.pk
