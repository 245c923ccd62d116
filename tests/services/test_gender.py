"""Speakers' gender: inferred while articles are attributed, set by editors, never overwritten."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from quotes.models import Speaker, SpeakerMerge
from quotes.services.attribution import article_attribute
from quotes.services.editing import StaleVersion, speaker_merge, speaker_merge_undo
from quotes.services.gender import EVIDENCE_ARTICLES, article_speakers_gender, speaker_set_gender
from tests.factories import make_article, make_quote, make_speaker
from tests.services.test_attribution_service import attribution

pytestmark = pytest.mark.django_db

BODY = (
    "La ministre de la Santé, Odile Kessler, a présenté son plan. « Nous serons prêts », "
    "a-t-elle déclaré. Le syndicat Force Santé a jugé « insuffisant » le calendrier. Fin."
)


def kessler_attributions(body: str = BODY):
    return [
        attribution(body, "« Nous serons prêts »", speaker="Odile Kessler", mention="-elle"),
        attribution(body, "« insuffisant »", speaker="Force Santé", speaker_kind="organisation"),
    ]


def test_attribution_infers_gender_and_keeps_its_evidence():
    article = make_article(body=BODY)

    article_attribute(article=article, attributions=kessler_attributions())

    kessler = Speaker.objects.get(name="Odile Kessler")
    assert kessler.gender == Speaker.Gender.WOMAN
    assert kessler.gender_source == Speaker.GenderSource.INFERRED
    found = {(clue["kind"], clue["gender"], clue["article"]) for clue in kessler.gender_evidence}
    assert ("role", "woman", article.pk) in found
    assert ("pronoun", "woman", article.pk) in found
    assert Speaker.objects.get(name="Force Santé").gender == Speaker.Gender.NOT_PERSON


def test_reattributing_an_article_replaces_its_clues_rather_than_adding_them():
    article = make_article(body=BODY)
    article_attribute(article=article, attributions=kessler_attributions())
    first = Speaker.objects.get(name="Odile Kessler").gender_evidence

    article_attribute(article=article, attributions=kessler_attributions())

    assert Speaker.objects.get(name="Odile Kessler").gender_evidence == first


def test_clues_add_up_across_articles_and_outweigh_a_first_name():
    speaker = make_speaker("Jean Kessler")
    for body in ("Mme Kessler a parlé. Fin.", "Jean Kessler est arrivée tard. Fin."):
        article = make_article(body=body)
        make_quote(article, speaker, start=0, end=10)
        article_speakers_gender(article=article)

    speaker.refresh_from_db()
    assert speaker.gender == Speaker.Gender.WOMAN
    assert {clue["kind"] for clue in speaker.gender_evidence} == {
        "title",
        "agreement",
        "first_name",
    }


def test_clues_of_an_article_no_longer_quoting_the_speaker_are_dropped():
    speaker = make_speaker("Noa Brun")
    gone = make_article(body="Mme Brun a parlé. Fin.")
    quote = make_quote(gone, speaker, start=0, end=10)
    article_speakers_gender(article=gone)
    quote.delete()
    later = make_article(body="Noa Brun, journaliste, a parlé. Fin.")
    make_quote(later, speaker, start=0, end=8)

    article_speakers_gender(article=later)

    speaker.refresh_from_db()
    assert speaker.gender_evidence == []
    assert speaker.gender == Speaker.Gender.UNKNOWN


def test_evidence_is_kept_for_a_bounded_number_of_articles():
    speaker = make_speaker("Noa Brun")
    for _ in range(EVIDENCE_ARTICLES + 2):
        article = make_article(body=f"Mme Brun a parlé {_}. Fin.")
        make_quote(article, speaker, start=0, end=10)
        article_speakers_gender(article=article)

    speaker.refresh_from_db()
    assert len({clue["article"] for clue in speaker.gender_evidence}) == EVIDENCE_ARTICLES


def test_an_editors_gender_is_never_overwritten_by_inference(editor):
    article = make_article(body=BODY)
    article_attribute(article=article, attributions=kessler_attributions())
    kessler = Speaker.objects.get(name="Odile Kessler")

    speaker_set_gender(speaker=kessler, gender="man", expected_version=1, user=editor)
    article_attribute(article=article, attributions=kessler_attributions())

    kessler.refresh_from_db()
    assert (kessler.gender, kessler.gender_source) == ("man", "editor")
    assert kessler.gender_evidence  # the clues are still read and shown
    record = kessler.history.latest()
    assert record.history_user == editor
    assert record.history_change_reason == "Gender set: Man (was Woman)"
    assert kessler.version == 2


def test_an_editor_can_hand_the_gender_back_to_the_evidence(editor):
    article = make_article(body=BODY)
    article_attribute(article=article, attributions=kessler_attributions())
    kessler = Speaker.objects.get(name="Odile Kessler")
    speaker_set_gender(speaker=kessler, gender="unknown", expected_version=1, user=editor)

    speaker_set_gender(speaker=kessler, gender="", expected_version=2, user=editor)

    kessler.refresh_from_db()
    assert (kessler.gender, kessler.gender_source) == ("woman", "inferred")


def test_a_stale_gender_edit_writes_nothing(editor):
    speaker = make_speaker("Noa Brun")
    speaker_set_gender(speaker=speaker, gender="woman", expected_version=1, user=editor)

    with pytest.raises(StaleVersion):
        speaker_set_gender(speaker=speaker, gender="man", expected_version=1, user=editor)

    speaker.refresh_from_db()
    assert speaker.gender == "woman"


def test_infer_gender_reads_articles_stored_before_gender_existed():
    speaker = make_speaker("Noa Brun")
    article = make_article(body="Mme Brun a parlé. Fin.")
    make_quote(article, speaker, start=0, end=10)
    out = StringIO()

    call_command("infer_gender", stdout=out)

    speaker.refresh_from_db()
    assert speaker.gender == Speaker.Gender.WOMAN
    assert out.getvalue().startswith("1 article read in")


def test_a_merge_moves_the_clues_to_the_kept_speaker_who_decides_again(editor):
    article = make_article(body=BODY)
    article_attribute(article=article, attributions=kessler_attributions())
    kessler = Speaker.objects.get(name="Odile Kessler")
    kept = make_speaker("O. Kessler")
    assert kept.gender == Speaker.Gender.UNKNOWN

    speaker_merge(source=kessler, target=kept, expected_version=kessler.version, user=editor)

    kept.refresh_from_db()
    assert kept.gender == Speaker.Gender.WOMAN
    assert {clue["article"] for clue in kept.gender_evidence} == {article.pk}
    assert len(kept.gender_evidence) == len(kessler.gender_evidence)


def _merged_kessler(editor):
    """Odile Kessler (clues: a woman, in BODY) merged into "O. Kessler", who has clues of a man
    from an article of its own; returns the merge and the two speakers."""
    article = make_article(body=BODY)
    article_attribute(article=article, attributions=kessler_attributions())
    kessler = Speaker.objects.get(name="Odile Kessler")
    kept = make_speaker("O. Kessler")
    own = make_article(body="M. O. Kessler, le président du club, a parlé. Il a souri. Fin.")
    make_quote(own, kept, start=0, end=10)
    article_speakers_gender(article=own)
    kept.refresh_from_db()
    assert {clue["article"] for clue in kept.gender_evidence} == {own.pk}
    merge = speaker_merge(
        source=kessler, target=kept, expected_version=kessler.version, user=editor
    )
    kept.refresh_from_db()
    return merge, kessler, kept, own


def test_undoing_a_merge_gives_the_clues_back_and_keeps_the_kept_speakers_own(editor):
    merge, kessler, kept, own = _merged_kessler(editor)
    assert len({clue["article"] for clue in kept.gender_evidence}) == 2

    speaker_merge_undo(merge=merge, expected_version=kept.version, user=editor)

    kept.refresh_from_db()
    kessler.refresh_from_db()
    assert {clue["article"] for clue in kept.gender_evidence} == {own.pk}
    assert kept.gender == Speaker.Gender.MAN
    assert kessler.gender == Speaker.Gender.WOMAN and kessler.gender_evidence


def test_undoing_a_merge_recorded_before_its_clues_were_drops_the_moved_articles_clues(editor):
    merge, _, kept, own = _merged_kessler(editor)
    SpeakerMerge.objects.filter(pk=merge.pk).update(moved_clues=[])
    merge.refresh_from_db()

    speaker_merge_undo(merge=merge, expected_version=kept.version, user=editor)

    kept.refresh_from_db()
    assert {clue["article"] for clue in kept.gender_evidence} == {own.pk}
    assert kept.gender == Speaker.Gender.MAN
