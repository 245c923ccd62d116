"""Nominal attributions: "Le constat est du Pr Miura." attributes the sentence before."""

from __future__ import annotations

from .context import Candidate, DocContext, classify_region, is_reported_clause
from .cues import Cue
from .lexicon import word_set
from .speakers import build_mention
from .subjects import ends_name

ATTRIBUTION_NOUNS = word_set("attribution_nouns")
GENITIVES = frozenset({"de", "du", "des", "d'", "d’", "of", "from"})
MAX_ATTRIBUTING_SENTENCE_TOKENS = 16
# "Le constat est du Pr Miura": the noun opens the sentence and "de" follows it closely.
ATTRIBUTION_NOUN_REACH = 6
GENITIVE_REACH = 5


def nominal_candidates(context: DocContext) -> list[Candidate]:
    """ "C’est le cas partout. Le constat est du Pr Miura.": a sentence attributes the last."""
    doc = context.doc
    found: list[Candidate] = []
    for sentence in doc.sents:
        if len(sentence) > MAX_ATTRIBUTING_SENTENCE_TOKENS or sentence.start == 0:
            continue
        cue_token = next(
            (
                token
                for token in sentence[:ATTRIBUTION_NOUN_REACH]
                if token.lower_ in ATTRIBUTION_NOUNS and not context.inside_quote[token.i]
            ),
            None,
        )
        if cue_token is None:
            continue
        genitive = next(
            (
                token
                for token in doc[cue_token.i + 1 : min(sentence.end, cue_token.i + GENITIVE_REACH)]
                if token.lower_ in GENITIVES
            ),
            None,
        )
        if genitive is None:
            continue
        end = genitive.i + 1
        while end < sentence.end and not ends_name(doc[end]):
            end += 1
        speaker = build_mention(doc, genitive.i + 1, end)
        previous = doc[sentence.start - 1].sent
        if speaker is None or speaker.kind == "other" or "\n" in doc[previous.end - 1].text:
            continue
        region = classify_region(context, previous.start_char, previous.end_char)
        if region is None or not is_reported_clause(context, region):
            continue
        cue = Cue(cue_token.lower_, "noun", cue_token.i, cue_token.i + 1)
        found.append(Candidate(*region, cue, speaker, "clause"))
    return found
