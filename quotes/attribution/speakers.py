"""Speaker mentions: noun phrases around cues, names from NER, appositions, anonymous sources."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .gender import MAN, WOMAN, first_name_gender
from .lexicon import GENITIVES, TIME_WORDS, word_set
from .names import (
    HONORIFICS,
    ORGANISATION_HEADS,
    PERSON_HEADS,
    RELATIVE_WORDS,
    STRIP_CHARACTERS,
    bare_pronoun,
    is_pronoun_text,
    last_named,
    normalise_name,
    singular_in,
    without_titles,
)

ANONYMOUS_WORDS = frozenset(
    {"source", "sources", "anonymat", "anonyme", "anonymes", "anonymity", "anonymous", "proche",
     "proches", "informateur", "official", "officials"}
)  # fmt: skip
# Heads of an unnamed source after "un", "deux", "plusieurs": who they are is not said.
ANONYMOUS_HEADS = frozenset({"source", "sources", "personne", "personnes", "informateur"})
ANONYMOUS_PHRASES = ("source proche", "sources proches", "anonymat", "anonymity", "anonymous")
FEMININE_WORDS = word_set("feminine_words")
MASCULINE_WORDS = word_set("masculine_words")
FIRST_NAME_GENDERS = {WOMAN: "f", MAN: "m"}
NP_STOP_DEPS = frozenset({"appos", "acl", "acl:relcl", "conj", "cc", "parataxis", "punct", "advcl"})
MAX_SPEAKER_TOKENS = 14
MINISTRY_HEADS = frozenset({"ministre", "ministère", "ministres", "secrétaire", "secrétariat"})
DEMONSTRATIVES = frozenset({"ce", "c'", "c’", "cela", "ça", "ceci"})
HYPHENS = frozenset({"-", "‐"})
# Parts of speech a speaker mention never ends on.
TRAILING_POS = ("ADV", "ADP", "CCONJ", "SCONJ", "DET")
AGENT_PREPOSITION = "par"
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})

INDEFINITE_ARTICLES = frozenset({"un", "une", "des", "a", "an"})
COMMON_HEADS = PERSON_HEADS | ORGANISATION_HEADS | ANONYMOUS_WORDS
# "l'avocat de X", "the lawyer for X": the preposition that ties a role to whom it serves.
ROLE_PREPOSITIONS = frozenset({"de", "d'", "d’", "du", "of", "for"})
OPENING_TITLE_MARKS = frozenset({"«", "“"})
CLOSING_TITLE_MARKS = frozenset({"»", "”"})


@dataclass(frozen=True)
class SpeakerMention:
    """A speaker as written: offsets of the mention, its name part and its description."""

    start: int
    end: int
    text: str
    name: str
    kind: str
    description: str
    is_pronoun: bool
    gender: str | None
    has_named_entity: bool
    implicit: bool = False  # no word of the text: resolved like a pronoun (implicit_speaker)


def implicit_speaker(position: int) -> SpeakerMention:
    """The speaker of a quote no cue attributes ("« … »" alone, after someone's words), as an
    unwritten pronoun at the quote: resolution chooses among the people and organisations
    named before it, as it does for "il" or "elle"."""
    return SpeakerMention(position, position, "", "", "other", "", True, None, False, implicit=True)


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (
        doc[start].is_punct or doc[start].is_space or _stray(doc[start], ("ADV",))
    ):
        start += 1  # "notamment le quotidien Libération"
    # "la primaire est aussi pointée du doigt", "des photographies montrant …": a verb of its
    # own ends a speaker's words.
    # "ce qui ne constitue qu'un bilan provisoire": a relative clause's verb belongs to the words.
    end = next(
        (
            index
            for index in range(start + 1, end)
            if _clause_verb(doc[index])
            and not any(token.lower_ in RELATIVE_WORDS for token in doc[start:index])
        ),
        end,
    )
    # "selon la préfecture même", "plusieurs observateurs et", "agence Anatolie connue pour",
    # "l'ONU lundi": an adverb, a conjunction, a preposition or a time word closes no name.
    while end > start and (
        doc[end - 1].is_punct
        or doc[end - 1].is_space
        or _stray(doc[end - 1], TRAILING_POS)
        or (doc[end - 1].lower_ in TIME_WORDS and doc[end - 1].is_lower)
    ):
        end -= 1
    # "un rapport sur « Les revenus des ménages »": a title keeps its closing mark.
    opened = sum(token.text in OPENING_TITLE_MARKS for token in doc[start:end])
    closed = sum(token.text in CLOSING_TITLE_MARKS for token in doc[start:end])
    if opened > closed and end < len(doc) and doc[end].text in CLOSING_TITLE_MARKS:
        end += 1
    return start, end


def glued_hyphen(token: Token) -> bool:
    """A hyphen inside a word, with no space on either side ("Anne-Marie", "stations-service"),
    which the tokenizer split off."""
    return (
        token.text in HYPHENS
        and 0 < token.i < len(token.doc) - 1
        and not token.whitespace_
        and not token.doc[token.i - 1].whitespace_
    )


def _clause_verb(token: Token) -> bool:
    """A finite verb or a present participle outside any name (not one before its agent: "le
    classement établit par RSF" is a participle the tagger misread)."""
    return (
        token.pos_ in ("VERB", "AUX")
        and token.is_lower
        and not token.ent_type_
        and not before_agent(token)
        and (
            "Fin" in token.morph.get("VerbForm")
            or (token.lower_.endswith("ant") and "Part" in token.morph.get("VerbForm"))
        )
    )


def before_agent(token: Token) -> bool:
    """Whether "par" follows: "le classement établit par RSF", a participle with its agent
    however the tagger read it."""
    return token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == AGENT_PREPOSITION


def _stray(token: Token, tags: tuple[str, ...]) -> bool:
    """A lower-case word of these parts of speech, outside any entity."""
    return token.pos_ in tags and token.is_lower and not token.ent_type_


def noun_phrase(token: Token) -> tuple[int, int]:
    """Token range of the noun phrase headed by token, without appositions or clauses."""
    start = token.left_edge.i
    for child in token.lefts:
        if child.dep_ in NP_STOP_DEPS or child.dep_.startswith("acl"):
            start = max(start, child.right_edge.i + 1)
    # "sur un message", "de l'organisation": the preposition is not part of the speaker.
    while start < token.i and token.doc[start].pos_ == "ADP":
        start += 1
    end = token.i + 1
    for child in token.rights:
        if _second_portfolio(token, child):
            end = child.right_edge.i + 1
            continue
        if child.dep_ in NP_STOP_DEPS or child.text in {",", "(", ":", "«", "“"}:
            break
        end = child.right_edge.i + 1
    doc = token.doc
    # Never let a subject run over a comma: "La Poste, direction du courrier" keeps "La Poste".
    for index in range(token.i + 1, end):
        if doc[index].text in {",", "(", ":", ";"}:
            end = index
            break
    for index in range(token.i - 1, start - 1, -1):
        if doc[index].text in {",", "(", ":", ";", "»", "”"}:
            start = index + 1
            break
    start, end = _trim(doc, start, end)
    if end - start > MAX_SPEAKER_TOKENS:
        start = max(start, token.i - 4)
        end = min(end, token.i + 6)
    return start, end


def _second_portfolio(head: Token, child: Token) -> bool:
    """ "le ministère de l'Europe et des Affaires étrangères", "la ministre des Solidarités et de
    la Santé": a minister's second portfolio, joined by "et de", is part of the title."""
    if not (
        head.lower_ in MINISTRY_HEADS
        and child.dep_ == "conj"
        and any(word.dep_ == "cc" and word.lower_ == "et" for word in child.children)
        and any(word.dep_ == "case" and word.lower_ in GENITIVES for word in child.children)
    ):
        return False
    # Not "Le ministre de l'Intérieur et des élus ont affirmé": two subjects of a plural verb.
    verb = head.head
    finite = [word for word in (verb, *verb.children) if "Fin" in word.morph.get("VerbForm")]
    return not (
        head.dep_.startswith("nsubj")
        and "Sing" in head.morph.get("Number")
        and any("Plur" in word.morph.get("Number") for word in finite)
    )


def appositive_description(doc: Doc, end: int, limit: int) -> tuple[int, int] | None:
    """Token range of ", directrice du groupe …" right after a name, if there is one."""
    if end >= limit or doc[end].text != ",":
        return None
    first = end + 1
    if first >= limit or doc[first].pos_ not in ("NOUN", "DET", "ADJ"):
        return None
    stop = first
    while stop < limit and doc[stop].text not in {",", ".", ";", ":", "»", "”", "«", "“", "("}:
        if doc[stop].pos_ in ("VERB", "AUX") and stop > first:
            return None
        stop += 1
    if stop - first > MAX_SPEAKER_TOKENS + 6:
        return None
    return (first, stop)


def _entity_inside(doc: Doc, start: int, end: int) -> Span | None:
    """The name a mention holds: a person before an organisation, and of two people the one
    the mention is about ("Clinton spokesman Jesse Lehrich" is Jesse Lehrich)."""
    head = doc[start:end].root.i
    best = None
    for entity in _entities_within(doc, start, end):
        if entity.label_ not in ("PER", "PERSON", "ORG"):
            continue
        person = entity.label_ in ("PER", "PERSON")
        if person and not any(token.text[:1].isupper() for token in entity):
            continue  # "le président de la Fédération …": the tagger's "président de la"
        better = best is None or (best.label_ == "ORG" and person)
        if best is not None and person and best.label_ == entity.label_:
            better = entity.start <= head < entity.end
        if better:
            best = entity
    return best


def _entities_within(doc: Doc, start: int, end: int) -> Iterator[Span]:
    """The named entities lying wholly inside tokens [start, end), read from the tokens.

    doc.ents builds every entity of the document, which made each mention cost the length
    of the article.
    """
    index = start
    while index < end:
        token = doc[index]
        index += 1
        if token.ent_iob_ != "B":
            continue
        stop = index
        while stop < len(doc) and doc[stop].ent_iob_ == "I":
            stop += 1
        if stop <= end:
            yield Span(doc, token.i, stop, label=token.ent_type_)
        index = stop


def _gender(words: list[str]) -> str | None:
    for word in words:
        if word in FEMININE_WORDS:
            return "f"
        if word in MASCULINE_WORDS:
            return "m"
    return None


def name_gender(name: str) -> str | None:
    """Gender suggested by a first name ("Anne-Marie Slaughter" -> "f"), as "f", "m" or None."""
    return FIRST_NAME_GENDERS.get(first_name_gender(name))


def build_mention(
    doc: Doc, start: int, end: int, description_range: tuple[int, int] | None = None
) -> SpeakerMention | None:
    """Make a speaker mention out of a token range (name from NER, the rest as description)."""
    start, end = _trim(doc, start, end)
    if end <= start:
        return None
    start, end = _from_cut_name(doc, start), _through_cut_name(doc, end)
    span = doc[start:end]
    text = span.text
    words = [token.lower_ for token in span]
    description = ""
    if description_range is not None:
        described_start, described_end = description_range
        if described_start >= start:
            described_start = max(described_start, end)  # not the name's own end
        described = doc[described_start:described_end]
        description = described.text.strip().rstrip(" .;:,")
    # "Celle-ci" is one word of the text, whether the tokenizer kept it whole or not.
    stands_for = last_named(text)
    if (end - start == 1 and is_pronoun_text(text)) or stands_for is not None:
        pronoun = stands_for or bare_pronoun(words[0])
        gender = "f" if pronoun in {"elle", "elles", "she", "her"} else None
        if pronoun in {"il", "he", "ils", "lui", "him"}:
            gender = "m"
        return SpeakerMention(
            span.start_char, span.end_char, text, text, "other", "", True, gender, False
        )
    if _names_no_one(span):
        return None
    entity = _entity_inside(doc, start, end)
    nominal = any(
        token.pos_ in NOMINAL_POS or (token.i > start and doc[token.i - 1].pos_ == "DET")
        for token in span
    )
    if entity is None and not nominal:
        return None  # "l'avait appelé la « … »": a lone determiner or adjective names no one
    lowered = f"{text} {description}".lower()
    anonymous = any(phrase in lowered for phrase in ANONYMOUS_PHRASES) or (
        words[0] in INDEFINITE_ARTICLES and words[-1] in ANONYMOUS_WORDS
    )
    if not anonymous and (
        words[0] in INDEFINITE_ARTICLES | {"plusieurs"} or doc[start].pos_ == "NUM"
    ):
        # "deux sources au sein du groupe", "une personne au fait des discussions".
        anonymous = _head_word(span) in ANONYMOUS_HEADS
    leading_name = _leading_proper_name(doc, start, end)
    if leading_name is not None and (entity is None or entity.start > start):
        name_end = leading_name
        rest = doc[name_end:end].text.strip(STRIP_CHARACTERS + " ")
        if not description and rest:
            description = rest
        name = normalise_name(doc[start:name_end].text)
        gender = _gender(words + description.lower().split()) or name_gender(name)
        return SpeakerMention(
            span.start_char, span.end_char, text, name, "person", description, False, gender, True
        )
    head_token = _head_token(span)
    if (
        entity is not None
        and head_token.lower_ in ORGANISATION_HEADS
        and not entity.start <= head_token.i < entity.end
    ):
        # "L’administration de Joe Biden" is the administration, not Joe Biden.
        entity = None
    if entity is not None and not anonymous:
        kind = "person" if entity.label_ in ("PER", "PERSON") else "organisation"
        name = normalise_name(
            entity.text
            if kind == "person"
            else doc[entity.start : _with_adjectives(entity, end)].text
        )
        if _role_held_for(head_token, entity):
            # "L'avocat de Marc Dupont a déclaré", "le porte-parole de la SNCF": the lawyer or
            # the spokesman speaks, not whom they serve; by name when an apposition gives it
            # ("…, Me Jean Martin, a déclaré").
            kind = "person"
            role = _description_name(text)
            apposed = _entity_inside(doc, *description_range) if description_range else None
            if apposed is not None and apposed.label_ in ("PER", "PERSON"):
                name, description = without_titles(normalise_name(apposed.text)), role
            else:
                name = role
        else:
            rest = (doc[start : entity.start].text + " " + doc[entity.end : end].text).strip()
            if not description and len(rest.split()) > 1:
                description = normalise_name(rest)
    else:
        name = _description_name(text)
        head_word = _head_word(span)
        if anonymous:
            kind = "anonymous"
        elif singular_in(head_word, ORGANISATION_HEADS):
            kind = "organisation"
        elif singular_in(head_word, PERSON_HEADS):
            kind = "person"
        elif head_token.ent_type_ in ("LOC", "GPE"):
            kind = "organisation"  # "L’Ukraine affirme": a country speaks through its government
        else:
            kind = "other"
    gender = _gender(words + description.lower().split()) or name_gender(name)
    return SpeakerMention(
        span.start_char,
        span.end_char,
        text,
        name,
        kind,
        description,
        False,
        gender,
        entity is not None,
    )


def _names_no_one(span: Span) -> bool:
    """ "la journée", "midi": a time is no speaker, whatever the parse hung on the cue; nor is
    a demonstrative ("ce qui veut dire que", "cela montre que")."""
    head = _head_token(span)
    if len(span) == 1 and head.lower_ in DEMONSTRATIVES:
        return True
    return head.text.islower() and head.lower_ in TIME_WORDS and not head.ent_type_


def _role_held_for(head: Token, entity: Span) -> bool:
    """ "le porte-parole de la SNCF", "l'avocat de Marc Dupont", "the spokesman for Ann Lowe":
    a role held for the organisation named in the mention (or tagged as one with it: "le
    ministre de la Défense"), or for the person named in its complement."""
    if not singular_in(head.lower_, PERSON_HEADS):
        return False
    if entity.label_ not in ("PER", "PERSON"):
        return True
    if entity.start <= head.i < entity.end:
        return False
    root = entity.root
    if root.dep_ == "pobj":  # English: the lawyer -> for -> Ann Lowe
        return root.head.lower_ in ROLE_PREPOSITIONS and root.head.head == head
    if root.head == head:
        return any(
            child.dep_ == "case" and child.lower_ in ROLE_PREPOSITIONS for child in root.children
        )
    # "la présidente de l'association des usagers de l'hôpital de Mauriac": a name down a
    # chain of complements names a place or a thing of the role's, not who speaks.
    return _complement_of(root, head)


def _complement_of(token: Token, head: Token) -> bool:
    """Whether token hangs below head through noun complements only."""
    current = token
    while current.dep_ == "nmod" and current.head != current:
        current = current.head
        if current == head:
            return True
    return False


def _with_adjectives(entity: Span, limit: int) -> int:
    """ "le Conseil constitutionnel", "les Gilets jaunes": where NER stopped a body's name before
    the adjective that ends it, the name runs on through it."""
    doc = entity.doc
    end = entity.end
    while (
        end < limit
        and doc[end].pos_ == "ADJ"
        and doc[end].is_lower
        and doc[end].dep_ == "amod"
        and entity.start <= doc[end].head.i < end
    ):
        end += 1
    return end


def _from_cut_name(doc: Doc, start: int) -> int:
    """ "Vers 8h30, Bruno Le Maire confirme": where the parser left a person's first name out of
    the subject, the mention starts where the name NER found does."""
    if doc[start].ent_iob_ != "I" or doc[start].ent_type_ not in ("PER", "PERSON"):
        return start
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    return start


def _through_cut_name(doc: Doc, end: int) -> int:
    """ "Me Julie Besson", "Le président mexicain Enrique Peña Nieto": where the parser hung
    the rest of a name as an apposition, the mention runs on to the end of the name NER found."""
    while end < len(doc):
        if doc[end].ent_iob_ == "I" and doc[end].pos_ == "PROPN" and doc[end - 1].ent_iob_ in "BI":
            end += 1
        elif glued_hyphen(doc[end]) and doc[end + 1].is_alpha:
            # "d'I-Télé", "Météo-France": a hyphenated name the tokenizer split is one word.
            end += 2
        else:
            break
    return end


def _description_name(text: str) -> str:
    """The name of a speaker described, not named: "Une Source proche de X" -> "source proche
    de X". An indefinite article is no part of a name, nor the capital the writer gave a known
    common noun after it."""
    name = normalise_name(text)
    first, _, rest = name.partition(" ")
    if first.lower() in INDEFINITE_ARTICLES and rest:
        head, _, tail = rest.partition(" ")
        if singular_in(head.lower(), COMMON_HEADS):
            head = head.lower()
        return f"{head} {tail}".strip()
    return name


def _leading_proper_name(doc: Doc, start: int, end: int) -> int | None:
    """End of a name like "Joechen Zaumseil" that opens a mention, when NER missed it."""
    index = start
    while index < end and (
        (doc[index].pos_ == "PROPN" and doc[index].text[:1].isupper()) or glued_hyphen(doc[index])
    ):
        if doc[index].ent_type_ in ("ORG", "LOC", "GPE"):
            break
        if doc[index].ent_iob_ == "B" and index > start:
            if _is_title(doc[index - 1].lower_):
                return None  # "Prime Minister Paolo Greco": a title, then the name NER found
            break
        index += 1
    return (
        index if index - start >= 2 and doc[start].ent_type_ not in ("ORG", "LOC", "GPE") else None
    )


def _is_title(word: str) -> bool:
    return word in HONORIFICS or singular_in(word, PERSON_HEADS)


def _head_token(span: Span) -> Token:
    root = span.root
    if root.pos_ in ("DET", "ADP") or root.is_punct:
        for token in span:
            if token.pos_ in ("NOUN", "PROPN"):
                return token
    return root


def _head_word(span: Span) -> str:
    return _head_token(span).lower_
