"""The pronoun ranker: its fit, its choice, its file, the command that refits it."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from spacy.tokens import Doc
from spacy.vocab import Vocab

from quotes.attribution import antecedents
from quotes.attribution.antecedents import (
    FEATURES,
    best,
    fit,
    model_json,
    read_weights,
)
from quotes.attribution.resolution import _in_apposition_to_subject

from .conftest import find_quote

SUBJECT = FEATURES.index("subject")
NEAREST = FEATURES.index("nearest")


def row(*on: int) -> list[float]:
    values = [0.0] * len(FEATURES)
    for index in on:
        values[index] = 1.0
    return values


def test_the_fit_learns_which_signal_names_the_speaker():
    # Nine pronouns out of ten refer to the subject, not to the nearest name.
    choices = [([row(SUBJECT), row(NEAREST)], [True, False])] * 9
    choices += [([row(SUBJECT), row(NEAREST)], [False, True])]
    weights = fit(choices)
    assert best([row(NEAREST), row(SUBJECT)], [10, 5], weights) == 1
    assert weights[SUBJECT] > weights[NEAREST]


def test_of_equal_scores_the_latest_mention_wins():
    weights = np.zeros(len(FEATURES))
    assert best([row(), row(), row()], [30, 50, 40], weights) == 1


def test_the_fit_needs_a_pronoun_with_a_right_antecedent():
    with pytest.raises(ValueError, match="no pronoun"):
        fit([([row(SUBJECT)], [False]), ([], [])])


def test_weights_fitted_on_other_features_are_refused(tmp_path):
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps({"features": ["subject"], "weights": [1.0]}))
    with pytest.raises(ValueError, match="fit_antecedents"):
        read_weights(path)
    path.write_text(model_json(np.arange(len(FEATURES), dtype=float)))
    assert list(read_weights(path)) == list(range(len(FEATURES)))


def test_weights_that_miss_a_feature_are_refused(tmp_path):
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps({"features": list(FEATURES), "weights": [1.0] * 3}))
    with pytest.raises(ValueError, match="fit_antecedents"):
        read_weights(path)


def test_pronouns_go_to_the_person_named_and_to_the_one_who_spoke_before(extract_fr):
    text = (
        "Marie Lambert, la ministre de la Santé, a présenté son plan mardi. "
        "« Nous ouvrirons mille lits d'ici l'été », a-t-elle déclaré. "
        "La députée Sophie Martin l'a interrogée sur les hôpitaux de campagne. "
        "« Ils auront leur part », a répondu la ministre. "
        "« Aucun ne fermera », a-t-elle ajouté."
    )
    # Unweighted, the nearest mention wins: "la ministre de la Santé" for the first quote.
    assert [item.speaker for item in extract_fr(text)] == ["Marie Lambert"] * 3


def gold_file(tmp_path, name="gold.jsonl", speaker="Jean Dupuis"):
    text = (
        "Jean Dupuis, le maire de Lille, a visité le chantier lundi. "
        "« Tout est prêt », a-t-il déclaré."
    )
    start = text.index("Tout")
    quote = {
        "quote_start": start,
        "quote_end": start + len("Tout est prêt"),
        "kind": "direct",
        "speakers": [speaker],
        "required": True,
    }
    path = tmp_path / name
    path.write_text(json.dumps({"id": "g1", "lang": "fr", "text": text, "quotes": [quote]}))
    return path


def test_fit_antecedents_writes_weights_the_engine_can_read(tmp_path):
    output = tmp_path / "ranker.json"
    out = io.StringIO()
    call_command("fit_antecedents", str(gold_file(tmp_path)), "--output", str(output), stdout=out)
    assert len(read_weights(output)) == len(FEATURES)
    assert "in sample: 1/1 right" in out.getvalue()
    assert json.loads(output.read_text())["pronouns"] == 1


@pytest.mark.parametrize("name", ["fr_written_blind21.jsonl"])
def test_fit_antecedents_refuses_a_blind_set(tmp_path, name):
    blind = gold_file(tmp_path, name)
    with pytest.raises(CommandError, match="blind set"):
        call_command("fit_antecedents", str(blind), "--output", str(tmp_path / "out.json"))


def test_a_name_in_apposition_deep_in_the_subject_is_the_subject(extract_fr):
    """The parser hangs the name on the last noun of the subject ("pays"): still the subject,
    so "écrit-il" in its own sentence is him."""
    text = (
        "Turquie : un mort dans un attentat\n\n"
        "Un attentat à la voiture piégée a fait un mort vendredi soir.\n\n"
        "Le ministre de la justice du pays, Bekir Bozdag, a malgré tout affirmé être déterminé "
        "à poursuivre le combat : « aucune attaque ne peut affaiblir la lutte de la Turquie », "
        "écrit-il ainsi sur Twitter.\n"
    )
    (found,) = [item for item in extract_fr(text) if item.text.startswith("aucune")]
    assert found.speaker == "Bekir Bozdag"


def test_celle_ci_is_the_one_just_named(extract_fr):
    text = (
        "La ministre de la Santé, Anne Roux, a reçu les syndicats mardi. Celle-ci a déclaré "
        "que les hôpitaux recevraient mille lits de plus avant l'été."
    )
    (found,) = extract_fr(text)
    assert found.speaker == "Anne Roux"


def test_fit_antecedents_refits_a_stale_ranker_file(tmp_path, monkeypatch):
    """New features make the committed file stale; the command that refits it must still run."""
    stale = tmp_path / "stale.json"
    stale.write_text(json.dumps({"features": ["subject"], "weights": [1.0]}))
    monkeypatch.setattr(antecedents, "RANKER_FILE", stale)
    antecedents.load_weights.cache_clear()
    output = tmp_path / "ranker.json"
    err = io.StringIO()
    try:
        call_command(
            "fit_antecedents", str(gold_file(tmp_path)), "--output", str(output), stderr=err
        )
    finally:
        antecedents.load_weights.cache_clear()
    assert len(read_weights(output)) == len(FEATURES)
    assert "no weights" in err.getvalue()


def test_held_out_accuracy_counts_only_the_sets_it_could_score(tmp_path):
    """Held out, the first set has nothing to learn from (the second names no antecedent the
    engine offers), so only the second set's pronoun is scored."""
    named = gold_file(tmp_path, "a.jsonl")
    unnamed = gold_file(tmp_path, "b.jsonl", speaker="Paul Martin")
    out = io.StringIO()
    output = str(tmp_path / "ranker.json")
    call_command("fit_antecedents", str(named), str(unnamed), "--output", output, stdout=out)
    assert "b.jsonl: 0/1 right, held out" in out.getvalue()
    assert "all sets: 0/1 right held out by set" in out.getvalue()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not JSON lines"),
        ('{"id": "g1", "lang": "fr"}', "not a gold document"),
        ('["a list"]', "not a gold document"),
    ],
)
def test_fit_antecedents_refuses_a_bad_gold_file_in_one_line(tmp_path, line, message):
    path = tmp_path / "gold.jsonl"
    path.write_text(line + "\n")
    with pytest.raises(CommandError, match=message):
        call_command("fit_antecedents", str(path), "--output", str(tmp_path / "out.json"))


def test_fit_antecedents_refuses_two_sets_of_one_name(tmp_path):
    (tmp_path / "other").mkdir()
    first = gold_file(tmp_path)
    second = gold_file(tmp_path / "other")
    with pytest.raises(CommandError, match="two gold files named"):
        call_command(
            "fit_antecedents", str(first), str(second), "--output", str(tmp_path / "out.json")
        )


def test_fit_antecedents_says_when_it_cannot_write_the_weights(tmp_path):
    output = tmp_path / "missing" / "ranker.json"
    with pytest.raises(CommandError, match="cannot write"):
        call_command("fit_antecedents", str(gold_file(tmp_path)), "--output", str(output))


def test_an_apposition_under_a_root_with_a_noun_phrase_label_is_no_subject():
    """The climb up the noun phrase stops at the root whatever its label (it looped forever)."""
    doc = Doc(Vocab(), words=["pays", "Bozdag"], heads=[0, 0], deps=["nmod", "appos"])
    assert not _in_apposition_to_subject(doc[1])


def test_a_pronoun_with_only_objects_before_it_has_no_speaker(extract_fr):
    """Syntax leaves the ranker nothing to choose from: no speaker rather than the object."""
    text = (
        "Interrogé sur les buts encaissés par Thierry Omeyer, il explique : "
        "« Nous avons bien défendu ce soir. »"
    )
    (found,) = extract_fr(text)
    assert found.speaker_mention == "il"
    assert found.speaker is None


def test_a_quote_no_cue_attributes_is_chosen_like_a_pronoun(extract_fr):
    """The marks alone, after a spokesman's words and the report's description: the
    organisation (or its report) the article is about speaks, not the last speaker, and no word
    of the text is given as its mention."""
    text = (
        "Birmanie : Amnesty International dénonce la torture\n\n4 juillet 2012. - L'ONG Amnesty "
        "International vient de publier un rapport dans lequel elle dévoile que la torture est "
        "systématique dans les prisons du pays. Jean Morel, responsable de l'organisation, "
        "précise que : « La torture continue aujourd'hui, et elle est le produit d'une politique "
        "nationale ». Ce rapport de 80 pages se base sur plus de 200 témoignages d'anciens "
        "détenus.\n\nIl apparait que les prisonniers sont maintenus dans « des positions de "
        "stress douloureuses sur de longues périodes, souvent à l'aide d'équipements "
        "spécialement conçus à cet effet ».\n"
    )
    (found,) = [item for item in extract_fr(text) if item.text.startswith("des positions")]
    assert found.speaker in ("Amnesty International", "Ce rapport de 80 pages")
    assert (found.speaker_mention, found.speaker_start) == (None, None)


def test_the_minister_is_the_latest_one_named_with_that_role(extract_fr):
    text = (
        "Vers 8h50, Marc Fesneau, ministre chargé des Relations avec le Parlement, affirme que "
        "le dialogue reste ouvert.\n\n"
        "Vers 12h45, le ministre de l'Agriculture, Didier Guillaume, a reçu les syndicats "
        "agricoles. « Non, nous n'en sommes pas du tout là », objecte le ministre."
    )
    found = find_quote(extract_fr(text), "pas du tout")
    assert found.speaker == "Didier Guillaume"
