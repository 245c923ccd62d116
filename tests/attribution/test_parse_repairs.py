"""Parses the models sometimes get wrong, broken by hand the way they were seen to break, so
that each repair is tested whatever the next model version does with the sentence."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from quotes.attribution.pipeline import attributions_from_doc

from .conftest import find_quote


def misparsed(nlp: Language, text: str, changes: dict[str, tuple[str, str]]) -> Doc:
    """The model's parse of text with some words re-attached: word -> (new head word, dep)."""
    parsed = nlp(text)
    heads = [token.head.i for token in parsed]
    deps = [token.dep_ for token in parsed]
    index = {token.text: token.i for token in parsed}
    for word, (head, dep) in changes.items():
        heads[index[word]], deps[index[word]] = index[head], dep
    return Doc(
        nlp.vocab,
        words=[token.text for token in parsed],
        spaces=[bool(token.whitespace_) for token in parsed],
        heads=heads,
        deps=deps,
        pos=[token.pos_ for token in parsed],
        morphs=[str(token.morph) for token in parsed],
        lemmas=[token.lemma_ for token in parsed],
        ents=[
            token.ent_iob_ + (f"-{token.ent_type_}" if token.ent_type_ else "") for token in parsed
        ],
    )


def test_a_verb_hung_on_a_subordinate_clause_keeps_the_noun_phrase_before_it(fr_nlp):
    doc = misparsed(
        fr_nlp,
        "Alors que le syndicat considère la réforme comme une menace, le nouveau directeur de "
        "l’usine a déclaré qu' « aucun poste ne sera supprimé ».",
        {"directeur": ("considère", "obj"), "déclaré": ("considère", "advcl")},
    )
    found = find_quote(attributions_from_doc(doc, "fr"), "aucun poste ne sera supprimé")
    assert found.speaker == "le nouveau directeur de l’usine"


def test_a_gerund_hung_on_a_noun_speaks_for_the_main_clause_subject(fr_nlp):
    doc = misparsed(
        fr_nlp,
        "Marc Dupont, le directeur de l'usine, s'est excusé « pour avoir dû fermer ces ateliers » "
        "dans un communiqué en expliquant que les machines étaient devenues dangereuses.",
        {
            "Marc": ("excusé", "vocative"),
            "directeur": ("Marc", "appos"),
            "communiqué": ("excusé", "obl:mod"),
            "expliquant": ("communiqué", "acl"),
        },
    )
    found = find_quote(attributions_from_doc(doc, "fr"), "les machines étaient devenues")
    assert found.speaker == "Marc Dupont"
