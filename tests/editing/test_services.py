"""Correction services: versioned writes, review statuses, history, merges and reverts."""

from __future__ import annotations

import pytest

from quotes.models import Quote, Speaker, SpeakerAlias
from quotes.services import editing
from tests.factories import make_article, make_quote, make_speaker

BODY = (
    "Le maire a annoncé la fermeture du pont. « Nous n'avons pas le choix », "
    "a déclaré Marie Dupont. Selon la préfecture, les travaux dureront six mois."
)


@pytest.fixture
def article(db):
    return make_article(body=BODY)


@pytest.fixture
def quote(article):
    start = BODY.index("Nous")
    end = BODY.index(" »")
    return make_quote(article, make_speaker("Jean Martin"), start=start, end=end)


def test_reassign_sets_speaker_marks_corrected_and_records_who_and_why(quote, editor):
    dupont = make_speaker("Marie Dupont")

    editing.quote_reassign(quote=quote, speaker=dupont, expected_version=1, user=editor)

    quote.refresh_from_db()
    assert quote.speaker == dupont
    assert quote.review_status == Quote.Review.CORRECTED
    assert quote.origin == Quote.Origin.MACHINE
    assert quote.version == 2
    record = quote.history.first()
    assert record.history_user == editor
    assert record.history_change_reason == "Speaker: Jean Martin → Marie Dupont"


def test_reassign_to_a_new_name_creates_the_speaker_with_kind_and_description(quote, editor):
    editing.quote_reassign(
        quote=quote,
        new_speaker_name="Préfecture du Nord",
        new_speaker_kind=Speaker.Kind.ORGANISATION,
        new_speaker_description="services de l'État",
        expected_version=1,
        user=editor,
    )

    quote.refresh_from_db()
    assert quote.speaker.name == "Préfecture du Nord"
    assert quote.speaker.kind == Speaker.Kind.ORGANISATION
    assert quote.speaker.description == "services de l'État"
    assert SpeakerAlias.objects.filter(speaker=quote.speaker, normalized="prefecture du nord")


def test_reassign_to_a_known_alias_reuses_that_speaker(quote, editor):
    dupont = make_speaker("Marie Dupont", aliases=("la maire",))

    editing.quote_reassign(
        quote=quote, new_speaker_name="LA MAIRE", expected_version=1, user=editor
    )

    quote.refresh_from_db()
    assert quote.speaker == dupont
    assert Speaker.objects.count() == 2


def test_stale_version_is_refused_with_current_values_and_writes_nothing(quote, editor):
    dupont = make_speaker("Marie Dupont")
    editing.quote_set_kind(quote=quote, kind="indirect", expected_version=1, user=editor)
    history_before = quote.history.count()

    with pytest.raises(editing.StaleVersion) as caught:
        editing.quote_reassign(quote=quote, speaker=dupont, expected_version=1, user=editor)

    assert caught.value.current_values["kind"] == "Indirect"
    assert caught.value.current_values["speaker"] == "Jean Martin"
    assert caught.value.current.version == 2
    quote.refresh_from_db()
    assert quote.speaker.name == "Jean Martin"
    assert quote.history.count() == history_before


def test_span_is_reread_from_the_article(quote, editor):
    start = BODY.index("Selon")
    end = BODY.index(" mois.") + len(" mois")

    editing.quote_set_span(quote=quote, start=start, end=end, expected_version=1, user=editor)

    quote.refresh_from_db()
    assert quote.text == "Selon la préfecture, les travaux dureront six mois"
    assert BODY[quote.start : quote.end] == quote.text


@pytest.mark.parametrize(
    ("start", "end"), [(5, 5), (10, len(BODY) + 1), (BODY.index(". «") + 1, BODY.index(". «") + 2)]
)
def test_span_outside_the_text_or_blank_is_refused(quote, editor, start, end):
    with pytest.raises(editing.EditingError):
        editing.quote_set_span(quote=quote, start=start, end=end, expected_version=1, user=editor)
    quote.refresh_from_db()
    assert quote.version == 1


def test_confirm_and_reject_set_review_status(quote, editor):
    editing.quote_confirm(quote=quote, expected_version=1, user=editor)
    quote.refresh_from_db()
    assert quote.review_status == Quote.Review.CONFIRMED

    editing.quote_reject(quote=quote, expected_version=2, user=editor)
    quote.refresh_from_db()
    assert quote.review_status == Quote.Review.REJECTED
    assert [r.history_change_reason for r in quote.history.all()[:2]] == [
        "Rejected: not a quote",
        "Confirmed",
    ]


def test_added_quote_is_editor_work_with_exact_text(article, editor):
    start = BODY.index("la fermeture")
    end = BODY.index(". «")

    quote = editing.quote_add(
        article=article,
        start=start,
        end=end,
        kind="indirect",
        new_speaker_name="Le maire",
        user=editor,
    )

    assert quote.text == "la fermeture du pont"
    assert quote.origin == Quote.Origin.EDITOR
    assert quote.is_human_work
    assert quote.speaker.name == "Le maire"
    assert quote.history.get().history_user == editor


def test_speaker_update_renames_and_keeps_old_name_as_alias(editor):
    speaker = make_speaker("M. Dupont")

    editing.speaker_update(
        speaker=speaker,
        name="Marie Dupont",
        kind=Speaker.Kind.PERSON,
        description="maire de Lille",
        expected_version=1,
        user=editor,
    )

    speaker.refresh_from_db()
    assert speaker.name == "Marie Dupont"
    assert speaker.description == "maire de Lille"
    assert set(speaker.aliases.values_list("normalized", flat=True)) == {
        "m dupont",
        "marie dupont",
    }


def test_speaker_update_with_stale_version_is_refused(editor):
    speaker = make_speaker("Marie Dupont")
    editing.speaker_update(
        speaker=speaker,
        name="Marie Dupont",
        kind="person",
        description="a",
        expected_version=1,
        user=editor,
    )

    with pytest.raises(editing.StaleVersion) as caught:
        editing.speaker_update(
            speaker=speaker,
            name="Marie Dupont",
            kind="person",
            description="b",
            expected_version=1,
            user=editor,
        )
    assert caught.value.current_values["description"] == "a"


def test_alias_of_another_speaker_is_refused(editor):
    make_speaker("Marie Dupont")
    other = make_speaker("Jean Martin")

    with pytest.raises(editing.EditingError, match="merge"):
        editing.speaker_alias_add(
            speaker=other, name="marie DUPONT", expected_version=1, user=editor
        )


def test_alias_add_and_remove_are_recorded(editor):
    speaker = make_speaker("Marie Dupont")

    alias = editing.speaker_alias_add(
        speaker=speaker, name="la maire", expected_version=1, user=editor
    )
    editing.speaker_alias_remove(alias=alias, expected_version=2, user=editor)

    assert not speaker.aliases.filter(normalized="la maire").exists()
    reasons = list(speaker.history.values_list("history_change_reason", flat=True)[:2])
    assert reasons == ["Alias removed: la maire", "Alias added: la maire"]


def test_merge_moves_quotes_and_aliases_and_marks_the_source(editor):
    target = make_speaker("Emmanuel Macron")
    source = make_speaker("Macron", aliases=("le président",))
    moved = make_quote(speaker=source)

    editing.speaker_merge(source=source, target=target, expected_version=1, user=editor)

    source.refresh_from_db()
    moved.refresh_from_db()
    assert source.merged_into == target
    assert moved.speaker == target
    assert moved.history.first().history_user == editor
    assert set(target.aliases.values_list("normalized", flat=True)) == {
        "emmanuel macron",
        "macron",
        "le president",
    }


def test_quotes_given_to_a_merged_speaker_go_to_the_survivor(quote, editor):
    target = make_speaker("Emmanuel Macron")
    source = make_speaker("Macron")
    editing.speaker_merge(source=source, target=target, expected_version=1, user=editor)

    editing.quote_reassign(quote=quote, speaker=source, expected_version=1, user=editor)

    quote.refresh_from_db()
    assert quote.speaker == target


def test_merge_into_itself_is_refused(editor):
    speaker = make_speaker("Marie Dupont")
    with pytest.raises(editing.EditingError):
        editing.speaker_merge(source=speaker, target=speaker, expected_version=1, user=editor)


def test_revert_puts_back_the_previous_speaker(quote, editor):
    dupont = make_speaker("Marie Dupont")
    editing.quote_reassign(quote=quote, speaker=dupont, expected_version=1, user=editor)
    change = quote.history.first()

    editing.change_revert(
        instance=quote, history_id=change.history_id, expected_version=2, user=editor
    )

    quote.refresh_from_db()
    assert quote.speaker.name == "Jean Martin"
    assert quote.version == 3
    assert quote.history.first().history_change_reason.startswith("Reverted speaker")


def test_revert_to_a_speaker_merged_away_gives_the_quote_to_the_survivor(quote, editor):
    martin = quote.speaker
    dupont = make_speaker("Marie Dupont")
    editing.quote_reassign(quote=quote, speaker=dupont, expected_version=1, user=editor)
    change = quote.history.first()
    survivor = make_speaker("Jean-Pierre Martin")
    editing.speaker_merge(source=martin, target=survivor, expected_version=1, user=editor)

    editing.change_revert(
        instance=quote, history_id=change.history_id, expected_version=2, user=editor
    )

    quote.refresh_from_db()
    assert quote.speaker == survivor
    assert not Quote.objects.filter(speaker=martin).exists()


def test_correcting_a_rejected_quote_keeps_it_hidden_until_confirmed(quote, editor):
    editing.quote_reject(quote=quote, expected_version=1, user=editor)
    dupont = make_speaker("Marie Dupont")
    editing.quote_reassign(quote=quote, speaker=dupont, expected_version=2, user=editor)
    # Hidden quotes do not count on their speaker's page.
    assert Speaker.objects.get(pk=dupont.pk).quote_count == 0
    editing.quote_set_kind(quote=quote, kind="indirect", expected_version=3, user=editor)
    editing.quote_set_span(
        quote=quote, start=quote.start, end=quote.end - 1, expected_version=4, user=editor
    )
    reassign = quote.history.filter(history_change_reason__startswith="Speaker").get()
    editing.change_revert(
        instance=quote, history_id=reassign.history_id, expected_version=5, user=editor
    )

    quote.refresh_from_db()
    assert quote.review_status == Quote.Review.REJECTED

    editing.quote_confirm(quote=quote, expected_version=6, user=editor)
    quote.refresh_from_db()
    assert quote.review_status == Quote.Review.CONFIRMED


def test_revert_of_a_rejection_brings_the_quote_back(quote, editor):
    editing.quote_reject(quote=quote, expected_version=1, user=editor)

    editing.change_revert(
        instance=quote,
        history_id=quote.history.first().history_id,
        expected_version=2,
        user=editor,
    )

    quote.refresh_from_db()
    assert quote.review_status == Quote.Review.UNREVIEWED


def test_revert_of_a_speaker_rename(editor):
    speaker = make_speaker("M. Dupont")
    editing.speaker_update(
        speaker=speaker,
        name="Marie Dupont",
        kind="person",
        description="",
        expected_version=1,
        user=editor,
    )

    editing.change_revert(
        instance=speaker,
        history_id=speaker.history.first().history_id,
        expected_version=2,
        user=editor,
    )

    speaker.refresh_from_db()
    assert speaker.name == "M. Dupont"


def test_revert_to_a_name_another_speaker_now_owns_is_refused(editor):
    speaker = make_speaker("M. Dupont")
    editing.speaker_update(
        speaker=speaker,
        name="Marie Dupont",
        kind="person",
        description="",
        expected_version=1,
        user=editor,
    )
    rename = speaker.history.first()
    old_alias = SpeakerAlias.objects.get(speaker=speaker, name="M. Dupont")
    editing.speaker_alias_remove(alias=old_alias, expected_version=2, user=editor)
    other = make_speaker("Michel Dupont", aliases=("M. Dupont",))

    with pytest.raises(editing.EditingError, match="already names Michel Dupont"):
        editing.change_revert(
            instance=speaker, history_id=rename.history_id, expected_version=3, user=editor
        )

    speaker.refresh_from_db()
    assert (speaker.name, speaker.version) == ("Marie Dupont", 3)
    assert SpeakerAlias.objects.get(normalized="m dupont").speaker == other


def test_reverting_the_creation_is_refused(quote, editor):
    with pytest.raises(editing.EditingError):
        editing.change_revert(
            instance=quote,
            history_id=quote.history.last().history_id,
            expected_version=1,
            user=editor,
        )
