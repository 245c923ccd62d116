"""Colon introductions: "X a lancé : « … »", "Barack Obama : « … »" and unmarked block quotes."""

from __future__ import annotations

from spacy.tokens import Doc

from .context import Candidate, DocContext, is_passive
from .cues import Cue
from .speakers import SpeakerMention, build_mention, noun_phrase
from .subjects import cue_subject, is_thing, subject_of, subject_to_the_left

SOURCE_OPENERS = frozenset({"pour", "selon", "for"})
# "…denied the allegations:" then the quote on the next line, within a few characters.
BLOCK_QUOTE_BREAK_REACH = 3


def block_quotes(context: DocContext, cues: list[Cue]) -> list[Candidate]:
    """ "The Church denied the allegations:" then an unmarked paragraph: a block quote."""
    doc = context.doc
    text = context.text
    found: list[Candidate] = []
    verb_cues = [cue for cue in cues if cue.kind == "verb"]
    for cue in verb_cues:
        if is_passive(doc[cue.start]):
            continue  # "huit hommes ont été condamnés à de la prison :" reports nothing
        sentence = doc[cue.start].sent
        tail = text[sentence.start_char : sentence.end_char].rstrip()
        colon = sentence.start_char + len(tail) - 1
        if (
            not tail.endswith(":")
            or "\n" not in text[colon + 1 : colon + 1 + BLOCK_QUOTE_BREAK_REACH]
        ):
            continue
        start = colon + 1
        while start < len(text) and text[start].isspace():
            start += 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if start >= end or context.quote_at(start) is not None:
            continue  # a marked quote, handled with the other marks
        # The quote stops where the journalist reports something else; one that opens that way
        # ("En conclusion, les dix Gilets jaunes exigent …") was never a quote.
        for later in verb_cues:
            later_start = doc[later.start].sent.start_char
            if start < later_start < end or (
                later_start == start and _reports_a_named_source(context, later)
            ):
                end = later_start
                break
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            found.append(Candidate(start, end, "direct", cue, cue_subject(context, cue), "colon"))
    return found


def _reports_a_named_source(context: DocContext, cue: Cue) -> bool:
    """Whether a cue's subject is a noun phrase, so its sentence is the writer's report of
    someone ("les dix Gilets jaunes exigent …"), not words of a speaker ("Nous exigeons …")."""
    subject = cue_subject(context, cue)
    return subject is not None and not subject.is_pronoun


def colon_speaker(context: DocContext, colon: int) -> SpeakerMention | None:
    """Who speaks in "X a lancé lors du débat : « … »" or a headline "Barack Obama : « … »"."""
    doc = context.doc
    span = doc.char_span(colon, colon + 1, alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    colon_token = span[0]
    sentence = colon_token.sent
    if sentence.start > 0 and _opens_without_subject(doc, sentence.start):
        # "X a quitté la salle. Avant d'ajouter : « … »": the last sentence's subject goes on.
        found = subject_of(context, doc[sentence.start - 1].sent.root)
        if found is not None and not is_thing(found):
            return found
    verbs = [
        token
        for token in doc[sentence.start : colon_token.i]
        if token.pos_ in ("VERB", "AUX") and not context.inside_quote[token.i]
    ]
    root = sentence.root
    # "Le ministre a été clair : « … »": the copula hangs on the adjective, the sentence's root.
    heads = verbs + ([root] if root.i < colon_token.i and root not in verbs else [])
    for verb in reversed(heads):
        speaker = subject_of(context, verb)
        if speaker is None or is_thing(speaker):
            # "l'archevêque de Paris, Michel Aupetit, a expliqué l'appel : « … »": the parser
            # took the object for the subject; the name in apposition before the verb speaks.
            speaker = subject_to_the_left(context, Cue(verb.lemma_, "verb", verb.i, verb.i + 1))
        # "sur lequel aucune autopsie n'avait été effectuée : « … »" names no speaker.
        if speaker is not None and (speaker.is_pronoun or speaker.kind != "other"):
            return speaker
    previous = doc[colon_token.i - 1]
    if previous.ent_type_ in ("PER", "PERSON", "ORG") or previous.pos_ == "PROPN":
        start, end = noun_phrase(previous)
        return build_mention(doc, start, end)
    return _source_before_colon(doc, sentence.start, colon_token.i)


def passive_before_colon(context: DocContext, colon: int) -> bool:
    """Whether the verb nearest before the colon is passive ("ils ont été arrêtés puis
    interrogés pour le motif suivant : « … »"): its subject undergoes it, and what follows is a
    charge or a reason, nobody's words."""
    doc = context.doc
    span = doc.char_span(colon, colon + 1, alignment_mode="expand")
    if span is None:
        return False
    sentence = span[0].sent
    verbs = [
        token
        for token in doc[sentence.start : span[0].i]
        if token.pos_ == "VERB" and not context.inside_quote[token.i]
    ]
    if not verbs or not is_passive(verbs[-1]) or verbs[-1].i == sentence.start:
        # "Interrogée par Ouest-France …, la députée a botté en touche : « … »": a participle
        # opening the sentence is no clause the colon closes.
        return False
    verb = verbs[-1]
    clause = verb.head if verb.dep_ == "conj" else verb
    # The colon closes the passive verb's own words, with no quote between, and not a relative
    # clause of a noun of the sentence ("l'exhumation du corps, sur lequel aucune autopsie
    # n'avait été effectuée : « … »" goes on with who asked).
    return (
        max(verb.right_edge.i, clause.right_edge.i) >= span[0].i - 1
        and not any(context.inside_quote[verb.i : span[0].i])
        and not any(token.dep_.startswith("acl") for token in (verb, *verb.ancestors))
    )


def _opens_without_subject(doc: Doc, start: int) -> bool:
    """ "Avant d'ajouter", "Avant de conclure": an infinitive clause opening a sentence."""
    return (
        start + 2 < len(doc)
        and doc[start].lower_ == "avant"
        and doc[start + 1].lower_ in ("de", "d'", "d’")
        and "Inf" in doc[start + 2].morph.get("VerbForm")
    )


def _source_before_colon(doc: Doc, start: int, colon: int) -> SpeakerMention | None:
    """ "Pour Bernard Thibault, son secrétaire général : « … »": the source opening the line."""
    if doc[start].lower_ not in SOURCE_OPENERS:
        return None
    if any(token.pos_ in ("VERB", "AUX") for token in doc[start:colon]):
        return None  # "Selon X, la comète restera visible : « … »": the content's own quote
    end = next((i for i in range(start + 1, colon) if doc[i].text == ","), colon)
    description_end = colon if end < colon else None
    mention = build_mention(
        doc, start + 1, end, (end + 1, description_end) if description_end else None
    )
    if mention is None or mention.is_pronoun or mention.kind == "other":
        return None
    return mention
