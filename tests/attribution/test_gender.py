"""Gender clues from an article's words, and the decision weighing them (no database, no spaCy)."""

from __future__ import annotations

import pytest

from quotes.attribution.gender import (
    MAN,
    NOT_PERSON,
    UNKNOWN,
    WOMAN,
    GenderClue,
    decide,
    first_name_gender,
    gender_clues,
)


def kinds(clues: list[GenderClue]) -> set[tuple[str, str]]:
    return {(clue.kind, clue.gender) for clue in clues}


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Selon Mme Kessler, le projet avance.", "Odile Kessler", ("title", WOMAN)),
        ("M. Fried l'a répété dimanche.", "Daniel Fried", ("title", MAN)),
        ("M.Houdré a parlé.", "Jacques Houdré", ("title", MAN)),
        ("Mrs Adebayo spoke on Monday.", "Ngozi Adebayo", ("title", WOMAN)),
        ("La ministre de la Santé, Odile Kessler, a parlé.", "Odile Kessler", ("role", WOMAN)),
        ("Le ministre Sacha Brun a parlé.", "Sacha Brun", ("role", MAN)),
        ("Sacha Brun, directrice de l'école, a parlé.", "Sacha Brun", ("role", WOMAN)),
        ("Sacha Brun, 45 ans, ancien maire, a parlé.", "Sacha Brun", ("role", MAN)),
        ("Sacha Brun est arrivée lundi.", "Sacha Brun", ("agreement", WOMAN)),
        ("Sacha Brun a été élu en mai.", "Sacha Brun", ("agreement", MAN)),
        ("The chairwoman Sacha Brun spoke.", "Sacha Brun", ("role", WOMAN)),
    ],
)
def test_a_clue_written_about_the_name_points_to_its_gender(text, name, expected):
    assert expected in kinds(gender_clues(text, names=[name]))


def test_the_surname_alone_carries_the_title():
    clues = gender_clues("Odile Kessler est venue. Mme Kessler a dit non.", names=["Odile Kessler"])
    assert ("title", WOMAN) in kinds(clues)


def test_a_surname_shared_with_another_speaker_is_not_read():
    text = "Jean-Marie Le Pen décrit sa fille, Marine Le Pen. Mme Le Pen répond."
    clues = gender_clues(text, names=["Jean-Marie Le Pen"], other_names=["Marine Le Pen"])
    assert ("title", WOMAN) not in kinds(clues)
    marine = gender_clues(text, names=["Marine Le Pen"], other_names=["Jean-Marie Le Pen"])
    assert ("role", WOMAN) in kinds(marine)


def test_a_role_stops_at_a_coordination_or_a_verb():
    text = "Le président Paul Vidal et Sacha Brun sont venus. La ministre a reçu Noa Lenoir."
    assert not gender_clues(text, names=["Sacha Brun"])
    assert not gender_clues(text, names=["Noa Lenoir"])


def test_resolved_pronouns_and_role_mentions_are_clues():
    text = "« Non », a-t-elle dit. « Oui », a répondu la porte-parole."
    clues = gender_clues(
        text, names=["Sacha Brun"], mentions=[(13, 18, "-elle"), (40, 55, "la porte-parole")]
    )
    assert kinds(clues) == {("pronoun", WOMAN), ("role", WOMAN)}


def test_a_description_is_a_clue():
    clues = gender_clues("Rien.", names=["Sacha Brun"], description="directeur du groupe")
    assert kinds(clues) == {("description", MAN)}


def test_first_names_are_weak_and_ambiguous_ones_say_nothing():
    assert first_name_gender("Anne-Marie Slaughter") == WOMAN
    assert first_name_gender("Jean-Marie Le Pen") == MAN
    assert first_name_gender("Dominique Martin") is None
    assert first_name_gender("Kessler") is None


def test_a_first_name_written_without_its_accents_is_the_same_name():
    assert first_name_gender("Helene Dupuis") == WOMAN
    assert first_name_gender("Jerome Cahuzac") == MAN


def test_the_same_wording_counts_once_per_article():
    text = "« A », a-t-il dit. « B », a-t-il ajouté. « C », a-t-il conclu."
    mentions = [(m, m + 4, "-t-il") for m in (7, 25, 45)]
    assert len(gender_clues(text, names=["Sacha Brun"], mentions=mentions)) == 1


def test_decide_weighs_titles_over_first_names():
    clues = [GenderClue(MAN, "first_name", "Jean"), GenderClue(WOMAN, "title", "Mme Brun")]
    assert decide(clues, kind="person") == WOMAN
    assert decide([GenderClue(MAN, "first_name", "Jean")], kind="person") == MAN


def test_decide_without_enough_clues():
    balanced = [GenderClue(MAN, "pronoun", "il"), GenderClue(WOMAN, "pronoun", "elle")]
    assert decide(balanced, kind="person") == UNKNOWN
    assert decide([], kind="anonymous") == UNKNOWN
    assert decide([], kind="other") == NOT_PERSON
    assert decide([GenderClue(WOMAN, "role", "la ministre")], kind="organisation") == NOT_PERSON
    assert decide([GenderClue(WOMAN, "pronoun", "elle")], kind="other") == WOMAN


def test_the_head_of_an_apposition_is_the_role_but_a_plain_phrase_gives_its_nearest():
    widow = "La veuve de l'ancien président de l'Autorité, Souha Khalil, a parlé."
    assert ("role", WOMAN) in kinds(gender_clues(widow, names=["Souha Khalil"]))
    father = "La fille du président Paul Vidal a parlé."
    assert ("role", MAN) in kinds(gender_clues(father, names=["Paul Vidal"]))


def test_a_role_of_someone_else_before_a_preposition_is_not_read():
    text = "Le conseiller spécial de Kessler a démissionné."
    assert not gender_clues(text, names=["Noa Kessler"])


def test_a_namesake_inside_a_longer_name_is_not_read():
    text = "L'ancien président Yasser Arafat est mort. Souha Arafat est arrivée."
    clues = gender_clues(text, names=["Souha Arafat", "Arafat"])
    assert kinds(clues) == {("agreement", WOMAN)}


def test_a_name_form_another_speaker_shares_is_not_read():
    text = "Mme Fillon a été entendue. François Fillon a parlé."
    clues = gender_clues(text, names=["François Fillon", "Fillon"], other_names=["Penelope Fillon"])
    assert ("title", WOMAN) not in kinds(clues)


def test_descriptions_stop_at_their_first_preposition():
    clues = gender_clues(
        "", names=["Navi Pillay"], description="haute-commissaire aux droits de l'homme"
    )
    assert kinds(clues) == {("description", WOMAN)}
    assert kinds(gender_clues("", names=["l'une des juges"])) == {("role", WOMAN)}


def test_a_first_name_is_read_after_a_role_written_with_the_name():
    clues = gender_clues("", names=["la comédienne Josiane Balasko"])
    assert ("first_name", WOMAN) in kinds(clues)


def test_an_organisation_is_a_person_only_by_a_title_or_a_first_name():
    pronoun = [GenderClue(MAN, "pronoun", "il"), GenderClue(MAN, "role", "le ministère")]
    assert decide(pronoun, kind="organisation") == NOT_PERSON
    titled = [*pronoun, GenderClue(WOMAN, "title", "Mme Pepy")]
    assert decide(titled, kind="organisation") == WOMAN


def test_a_group_of_people_is_not_one_person():
    assert (
        decide(
            [GenderClue(MAN, "role", "les manifestants")], kind="person", name="Les manifestants"
        )
        == NOT_PERSON
    )
    assert decide([], kind="person", name="Des scientifiques russes") == NOT_PERSON
    assert decide([GenderClue(MAN, "title", "M. Desbois")], kind="person", name="Desbois") == MAN
