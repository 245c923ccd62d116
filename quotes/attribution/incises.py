"""Inverted attributions: "…, a déclaré X", "» ajoute-t-il", '" he said', "comme le rappelle X"."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .context import (
    COMPLEMENTISERS,
    SUBJECT_DEPS,
    Candidate,
    DocContext,
    classify_region,
    count_words,
    cut_at_next_boundary,
    has_finite_clause,
    has_finite_verb,
    is_passive,
    is_reported_clause,
    opens_subordinate_clause,
    sentence_bounds,
)
from .cues import AVOIR_FORMS, INCISE_PRONOUNS, PAST_PARTICIPLE_ENDINGS, Cue, load_lexicon
from .lexicon import GENITIVES, TIME_WORDS
from .marks import CLOSING_MARKS, OPENING_MARKS, QuotedSpan
from .names import (
    ELIDED_ARTICLES,
    GENERIC_PRONOUNS,
    ORGANISATION_HEADS,
    PERSON_HEADS,
    RELATIVE_WORDS,
    SPEAKER_HEADS,
    singular_in,
)
from .speakers import (
    HYPHENS,
    SpeakerMention,
    appositive_description,
    build_mention,
    noun_phrase,
)
from .subjects import (
    appositive_name,
    aside_length_from,
    ends_name,
    is_agent,
    is_present_participle,
    mention_for_subject,
    relative_que_before,
    subject_to_the_left,
    verb_group_start,
)

SHORT_QUOTE_WORDS = 8
# "… contre le FBI « L'idée que j'ai été malhonnête est fausse » a-t-il déclaré": a quote that
# opens like a sentence, of this many words or more, is said alone, whatever came before it.
MIN_SENTENCE_QUOTE_WORDS = 4
NP_BREAKING_PREPOSITIONS = frozenset(
    {"à", "au", "aux", "dans", "lors", "devant", "sur", "pendant", "depuis", "chez", "par", "en",
     "vers", "avant", "après"}
)  # fmt: skip
# "C'est ce qu'a appris l'équipe", "… constaté notre journaliste": verbs whose subject says
# nothing of what the sentence before tells.
NOT_SAYING = frozenset({"apprendre", "constater", "souhaiter", "observer", "remarquer", "noter"})
# "Trois morts sur les routes.": the fewest words a verbless sentence taken up by "C'est le
# bilan annoncé par X" holds.
MIN_FIGURE_WORDS = 3
# "C'est le chiffre avancé par la préfecture": the participles that give a figure or news.
ANNOUNCING_VERBS = frozenset(
    {"annoncer", "avancer", "communiquer", "publier", "donner", "fournir", "indiquer", "dresser"}
)
# "…, les syndicats ont appelé à la grève": verbs whose complement with "à" is what they call
# for, so that they report nothing before them.
CALL_VERBS = frozenset({"appeler", "exhorter", "inviter", "inciter", "encourager"})
CALL_CASES = frozenset({"à", "au", "aux"})
# "a, ce mercredi 22 février, menacé": the longest aside between an auxiliary and its participle.
MAX_ASIDE_TOKENS = 8
MAX_NAME_ASIDE_TOKENS = 7
CLAUSE_ENDS = frozenset({".", "!", "?", ";"})
SPEAKER_DESCRIPTIONS = frozenset({"appos", "relcl", "acl", "acl:relcl"})
DEMONSTRATIVES = frozenset({"ce", "cet", "cette", "this", "that"})
# "a déclaré à l'AFP mardi soir Paul Roy": words skipped after the verb to reach a name.
MAX_WORDS_BEFORE_NAME = 6
# "une région, appelée Rojava,": a participle of these gives a name, it reports nothing (the
# lexicon's naming verbs; "surnommer" and "baptiser" are no cues at all).
NAMING_VERBS = frozenset({"appeler"})
# "indique-t-on à la mairie", "explique-t-on chez Renault": where "on" speaks for a body.
BODY_PREPOSITIONS = frozenset({"à", "au", "aux", "chez"})
# "assure-t-on dans son entourage", "dans le camp de …": the people around someone.
CIRCLES = frozenset({"entourage", "camp", "rangs", "équipe", "cabinet", "majorité", "opposition"})
# "a-t-on indiqué à l'AFP", "aux journalistes": the medium told, never the source.
MEDIA_WORDS = frozenset(
    {"afp", "reuters", "presse", "journaliste", "journalistes", "média", "médias", "ap"}
)
# "un quartier où, dit-il, « … »": the words a clause cut by an incise may end on.
FRENCH_RELATIVES = frozenset({"où", "qui", "que", "qu'", "qu’", "dont", "lequel", "laquelle"})
# "peut-on lire sur la page Facebook de …", "dans le communiqué": where words are read.
READING_VERB = "lire"
READ_IN = frozenset({"sur", "dans"})
# "a-t-on appris de source policière", "de sources concordantes".
SOURCES = frozenset({"source", "sources"})
# "a rappelé, lors d'une conférence de presse, le préfet": adjuncts skipped to reach a subject.
MAX_ADJUNCT_TOKENS = 12
TIME_DETERMINERS = DEMONSTRATIVES | {"un", "une"}
MAX_INVERTED_SUBJECT_TOKENS = 14
# "…, réagit-elle au micro de BFMTV, mardi soir.": the time that may close an incise.
MAX_CLOSING_TIME_TOKENS = 4
# What may link a verb to the words before it: then it is no incise ("et indique le …").
CLAUSE_LINKS = frozenset({"CCONJ", "SCONJ", "PRON", "ADP", "DET", "AUX"})
DEFINITE_ARTICLES = frozenset({"le", "la", "l'", "l’"})
# Words after '," Smith said' before the sentence ends ("told reporters on Monday").
MAX_INCISE_TAIL_TOKENS = 5
# "…, a-t-il ajouté, avant de conclure « … »": this few words of the writer's before a single
# quote leave it a direct quote of its own.
MAX_WORDS_BEFORE_LONE_QUOTE = 3
# '"…," Merkel told reporters after the long meeting.': in English the words after an incise's
# verb may run on; a French incise that follows its quote is inverted ("…», a dit X").
LONG_INCISE_TAILS = frozenset({"en"})
# Dependencies of a word opening an adjunct after such a verb ("after", "when", "in").
ADJUNCT_OPENERS = frozenset({"mark", "prep", "advmod"})


def _inverted_subject(
    context: DocContext, cue: Cue, limit: int
) -> tuple[SpeakerMention | None, int]:
    """Speaker written after the verb ("-t-il", "Daniel Fried, ancien diplomate") and its end."""
    doc = context.doc
    for index in range(verb_group_start(doc, cue), cue.start):
        if doc[index].lower_ in INCISE_PRONOUNS:
            if doc[index].lower_ in GENERIC_PRONOUNS:
                told_by = _told_by(context, cue.end, limit, reading=cue.lemma == READING_VERB)
                if told_by is not None:
                    return told_by
            return build_mention(doc, index, index + 1), cue.end
    index = cue.end
    if index < limit and doc[index].lower_ == "-t":
        index += 1
    if index < limit and doc[index].lower_ in INCISE_PRONOUNS:
        if doc[index].lower_ in GENERIC_PRONOUNS:
            # "indique-t-on à la mairie", "lit-on dans le communiqué"
            told_by = _told_by(context, index + 1, limit, reading=cue.lemma == READING_VERB)
            if told_by is not None:
                return told_by
        return build_mention(doc, index, index + 1), index + 1
    # "estime pour sa part le maire", "affirme de son côté la ministre".
    index += aside_length_from(doc, index)
    if index >= limit:
        return None, index
    # Skip "à l'AFP", "dimanche", "mardi soir" when a name follows.
    probe = index
    while probe < limit and probe - index < MAX_WORDS_BEFORE_NAME:
        token = doc[probe]
        if token.ent_type_ in ("PER", "PERSON") and not _role_as_entity(token):
            index = probe
            break
        if token.text in {",", ".", ";", ":"} or token.pos_ in ("VERB",):
            break
        if token.pos_ == "NOUN" and token.lower_ not in TIME_WORDS and _thing_object(token, cue):
            break  # "commente les déclarations du Président": the verb's object, not an aside
        if token.pos_ == "NOUN" and singular_in(token.lower_, PERSON_HEADS):
            # "a déclaré dimanche la ministre Élisabeth Borne": the role and its name speak;
            # "a déclaré l'avocat de Marc Dupont": the lawyer, not the client.
            phrase_start, phrase_end = noun_phrase(token)
            if any(
                doc[position].ent_type_ in ("PER", "PERSON") and not _role_as_entity(doc[position])
                for position in range(phrase_start, min(limit, phrase_end + 1))
            ):
                index = phrase_start
            break
        probe += 1
    while index < limit:
        if doc[index].lower_ in TIME_WORDS:
            index += 1
        elif (
            doc[index].lower_ in TIME_DETERMINERS
            and index + 1 < limit
            and doc[index + 1].lower_ in TIME_WORDS
        ):
            index += 2  # "a indiqué ce vendredi l'Élysée", "a noté un jour X"
        else:
            break
    # "…, a déclaré jeudi à Reuters un porte-parole": French puts adjuncts before the subject
    # after any content; English only after a quote ('," said on Tuesday the minister').
    past_adjuncts = (
        _after_adjuncts(context, index, limit)
        if context.lang == "fr" or _follows_quote(context, cue)
        else index
    )
    skipped = past_adjuncts > index
    index = past_adjuncts
    if index >= limit:
        return None, index
    first = doc[index]
    nominal = first.pos_ in ("DET", "PROPN", "NOUN", "ADJ", "NUM") or (
        # "a crié l'accusé": the tagger may call the elided article a pronoun
        first.lower_ in ELIDED_ARTICLES
        and index + 1 < limit
        and doc[index + 1].pos_ in ("NOUN", "PROPN")
    )
    # "s'est réjoui le président Macron": the tagger may call the name an adverb.
    if not (nominal or first.ent_type_ in ("PER", "PERSON")) or first.lower_ in COMPLEMENTISERS:
        return None, index
    if first.text in OPENING_MARKS or context.inside_quote[index]:
        return None, index
    end = index
    while end < limit and end - index < MAX_INVERTED_SUBJECT_TOKENS:
        token = doc[end]
        nominalised = end == index + 1 and doc[index].pos_ == "DET" and token.pos_ == "VERB"
        if ends_name(token) or context.inside_quote[end]:
            break
        if token.pos_ in ("VERB", "AUX", "SCONJ") and not nominalised:
            break  # "l'accusé", "le prévenu" are nouns after their determiner
        if token.pos_ == "PRON" and token.lower_ in {"qui", "que", "who", "which", "où"}:
            break
        if end > index and token.lower_ in NP_BREAKING_PREPOSITIONS:
            break  # "son avocate à l'AFP", "Mitt Romney dans le Wisconsin"
        end += 1
    if end == index:
        return None, index
    description = appositive_description(doc, end, limit)
    speaker_end = description[1] if description is not None else end
    mention = build_mention(doc, index, end, description)
    names_a_person = any(
        doc[position].ent_type_ in ("PER", "PERSON") and not _role_as_entity(doc[position])
        for position in range(index, end)
    )
    if mention is not None and not names_a_person:
        named = appositive_name(context, index, end, limit)
        if named is not None:
            return named
    if skipped and not is_agent(mention):
        return None, index  # past the adjuncts, only a person or a body is the subject
    if skipped and not _follows_quote(context, cue) and not _agrees(doc, cue, index, end):
        # "…, a salué vendredi à Saint-Denis les supporters": the verb's object, not its subject
        return None, index
    return mention, speaker_end


def _agrees(doc: Doc, cue: Cue, start: int, end: int) -> bool:
    """Whether the verb group and the noun phrase after it agree in number, where both say."""
    group = doc[verb_group_start(doc, cue) : cue.end]
    verb_number = next(
        (token.morph.get("Number")[0] for token in group if token.morph.get("Number")), None
    )
    if any(token.pos_ == "CCONJ" for token in doc[start:end]):
        return True  # "le maire et son adjoint": a coordination is plural whatever its nouns
    noun = next((token for token in doc[start:end] if token.pos_ in ("NOUN", "PROPN")), None)
    noun_number = (
        noun.morph.get("Number")[0] if noun is not None and noun.morph.get("Number") else None
    )
    return verb_number is None or noun_number is None or verb_number == noun_number


def _told_by(
    context: DocContext, index: int, limit: int, *, reading: bool = False
) -> tuple[SpeakerMention, int] | None:
    """ "a-t-on appris jeudi auprès de l'agence régionale de santé", "a-t-on appris de source
    policière": who told what "on" learned; reading, "peut-on lire sur la page Facebook du
    musicien": where "on" read it."""
    doc = context.doc
    while index < limit:
        if (doc[index].pos_ == "ADV" and doc[index].lower_ != "auprès") or (
            doc[index].lower_ in TIME_WORDS
        ):
            index += 1
            continue
        told = _listener_end(doc, index, limit)
        if told is None:
            break
        index = told  # "a-t-on confirmé à l'AFP de source policière": whom it was told
    at_body = False
    if index + 1 < limit and doc[index].lower_ == "auprès" and doc[index + 1].lower_ in GENITIVES:
        start = index + 2  # "auprès du parquet": the parquet, without the contracted article
    elif index + 1 < limit and (
        (doc[index].lower_ in GENITIVES and doc[index + 1].lower_ in SOURCES)
        or (reading and doc[index].lower_ in READ_IN)
    ):
        start = index + 1
    elif index + 1 < limit and doc[index].lower_ in BODY_PREPOSITIONS | {"dans"}:
        # "indique-t-on à la mairie d'Issoudun", "a-t-on assuré au cabinet du ministre",
        # "assure-t-on dans son entourage".
        start = index + 1
        at_body = True
    else:
        return None
    end = start
    while end < limit and not doc[end].is_punct and not context.inside_quote[end]:
        if at_body and end > start and doc[end].pos_ in ("VERB", "AUX", "SCONJ", "PRON"):
            break
        end += 1
    mention = build_mention(doc, start, end)
    if mention is None or (at_body and not _names_a_body(doc[start:end], doc[index])):
        return None  # "dit-on à Paris": people in a place, no one who speaks for it
    return mention, end


def _listener_end(doc: Doc, index: int, limit: int) -> int | None:
    """The end of "à l'AFP", "à l'Agence France-Presse", "aux journalistes" at index: the
    medium told, not the source; None when no such phrase starts there."""
    if doc[index].lower_ not in BODY_PREPOSITIONS - {"chez"}:
        return None
    end = index + 1
    while end < limit and doc[end].pos_ not in ("VERB", "AUX", "ADP"):
        if doc[end].is_punct and doc[end].text not in HYPHENS:
            break  # "France-Presse" holds a hyphen the tokenizer split off
        end += 1
    words = {part for token in doc[index + 1 : end] for part in token.lower_.split("-")}
    return end if words & MEDIA_WORDS else None


def _names_a_body(phrase: Span, preposition: Token) -> bool:
    """ "à la mairie d'Issoudun", "au cabinet du ministre", "chez Renault", "dans son
    entourage"."""
    if preposition.lower_ == "chez":
        return True
    head = next((token for token in phrase if token.pos_ in ("NOUN", "PROPN")), None)
    if preposition.lower_ == "dans":
        # not "dit-on dans la région", "dans la majorité des cas"
        following = (
            phrase.doc[head.i + 1] if head is not None and head.i + 1 < len(phrase.doc) else None
        )
        return (
            head is not None
            and head.lower_ in CIRCLES
            and not (following is not None and following.lower_ in ("de", "des", "du", "d'", "d’"))
        )
    return head is not None and (
        head.ent_type_ == "ORG" or singular_in(head.lower_, ORGANISATION_HEADS)
    )


def _role_as_entity(token: Token) -> bool:
    """ "le Premier ministre", "le président de la Fédération": a title or words with no capital
    the recogniser took for a person's name."""
    doc = token.doc
    start = end = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    if not any(word.text[:1].isupper() for word in doc[start : end + 1]):
        return True
    return singular_in(doc[end].lower_, PERSON_HEADS)


def _follows_quote(context: DocContext, cue: Cue) -> bool:
    """Whether the verb group comes right after a closing mark (and its comma)."""
    doc = context.doc
    before = verb_group_start(doc, cue) - 1
    if before >= 0 and doc[before].text == ",":
        before -= 1
    return before >= 0 and doc[before].text in CLOSING_MARKS


def _after_adjuncts(context: DocContext, index: int, limit: int, *, in_marks: bool = False) -> int:
    """Past the adverbs, times and prepositional phrases between an incise's verb and its
    subject: "a tranché samedi à l'AFP le président …", "a rappelé, lors d'une conférence de
    presse, le préfet …", "a toutefois nuancé le gouverneur …"; in_marks for an incise inside
    the quote ("« A, a confié dimanche soir la skipper …, B »")."""
    doc = context.doc
    start = index
    while index < limit and index - start < MAX_ADJUNCT_TOKENS:
        token = doc[index]
        if context.inside_quote[index] != in_marks:
            break
        if (
            token.pos_ == "ADV"
            or token.lower_ in TIME_WORDS
            or token.lower_.endswith("-même")
            or token.text == ","
            # "raconte, encore ému, Jacques …", "souffle, émue, la mère".
            or (in_marks and (token.pos_ == "ADJ" or "Part" in token.morph.get("VerbForm")))
        ):
            index += 1
        elif token.pos_ == "ADP":
            index = _after_prepositional_phrase(doc, index + 1, limit)
        else:
            break
    return index


def _after_prepositional_phrase(doc: Doc, index: int, limit: int) -> int:
    """The end of "à l'AFP", "depuis Genève", "lors d'une conférence de presse": a determiner
    after its noun opens the next noun phrase."""
    seen_noun = False
    while index < limit:
        token = doc[index]
        if token.text == "," or token.pos_ in ("VERB", "AUX", "PUNCT"):
            break
        if token.pos_ == "DET" and seen_noun and doc[index - 1].pos_ != "ADP":
            break
        previous = doc[index - 1]
        if (
            token.pos_ == "NUM"
            and previous.pos_ == "PROPN"
            and previous.lower_ not in TIME_WORDS
            and token.ent_iob_ != "I"
            and index + 1 < limit
            and doc[index + 1].pos_ == "NOUN"
        ):
            break  # "à Reuters deux sources": a count opens the next noun phrase; "France 24"
        seen_noun = seen_noun or token.pos_ in ("NOUN", "PROPN")
        index += 1
    return index


@dataclass(frozen=True)
class Incise:
    """An inverted attribution and where its reported content may lie."""

    cue: Cue
    group_start: int
    speaker: SpeakerMention | None
    speaker_end: int
    after_comme: bool
    # "… n'aura pas lieu. C'est ce qu'a annoncé X": the content is the sentence before.
    takes_up_previous: bool = False


def find_incise(context: DocContext, cue: Cue) -> Incise | None:
    """Recognise "…, a déclaré X", "» ajoute-t-il", '," he said', "comme le rappelle X"."""
    doc = context.doc
    if is_present_participle(doc[cue.start]):
        return None
    group_start = verb_group_start(doc, cue)
    if group_start == 0:
        return None
    if (
        (cue.names_things or cue.lemma in NAMING_VERBS)
        and group_start == cue.start
        and _is_past_participle(doc[cue.start], cue.lemma)
    ):
        # "la pétition « Pour une baisse … » lancée par X": the thing X launched; "une région
        # autonome, appelée Rojava, …": the name it is given.
        return None
    sentence_end = doc[cue.start].sent.end
    last = doc[sentence_end - 1]
    if sentence_end < len(doc) and not (last.is_punct or last.is_space):
        # "…, a alerté vendredi depuis Genève | le porte-parole du HCR.": the parser cut the
        # sentence with no punctuation, before the subject.
        sentence_end = doc[sentence_end].sent.end
    limit = min(len(doc), sentence_end + 1)
    relative = relative_que_before(doc, cue)
    if (
        relative is not None
        and relative >= 3
        and doc[relative - 1].lower_ == "ce"
        and doc[relative - 2].text == ","
    ):
        # "CONTENT, ce qu'a confirmé le ministre": like "comme l'a confirmé le ministre".
        group_start = relative
    if relative is not None and _opens_cleft(doc, relative) and cue.lemma not in NOT_SAYING:
        speaker, speaker_end = _inverted_subject(context, cue, limit)
        if speaker is None:
            return None
        return Incise(cue, relative, speaker, speaker_end, False, takes_up_previous=True)
    agent = _cleft_agent(context, cue, limit) if cue.lemma in ANNOUNCING_VERBS else None
    if agent is not None:
        # "12 000 manifestants. C'est le chiffre avancé samedi par la préfecture."
        return Incise(cue, cue.start, agent[0], agent[1], False, takes_up_previous=True)
    previous = doc[group_start - 1]
    after_comme = previous.lower_ in {"comme", "as"} or group_start == relative
    subjects_before = [
        child
        for child in doc[cue.start].children
        if child.dep_ in SUBJECT_DEPS
        and child.i < group_start
        and not context.inside_quote[child.i]
        and not (previous.text == "," and _is_clause(child))
    ]
    following = doc[cue.end] if cue.end < len(doc) else None
    if (
        following is not None
        and (following.pos_ == "PROPN" or following.ent_type_)
        and not any(_names_a_person(subject) for subject in subjects_before)
    ) or _inverted_pronoun(doc, group_start, cue.end):
        # "c'est un exemple, a déclaré Paul Roy", "…, a-t-on appris": the parser erred
        subjects_before = []
    source_after = _source_ends_clause_sentence(doc, cue)
    subject_before = bool(subjects_before) and not source_after
    opens_incise = (
        previous.text in {",", "—", "–", "("}
        or previous.text in CLOSING_MARKS
        or _closes_unmarked_quote(context, previous)
        or _named_subject_ends_sentence(doc, cue)
        or source_after
    )
    # "Paul, le maire, a appelé le ministre « … »": the noun after the verb is its object.
    if (opens_incise and not subject_before and not _split_from_auxiliary(doc, cue)) or after_comme:
        speaker, speaker_end = _inverted_subject(context, cue, limit)
        if group_start == relative and not _ends_clause(doc, speaker_end):
            return None  # "ce que révèle cette crise, c'est …": a cleft, not a relay
        if (
            speaker is not None
            and (
                _follows_quote(context, cue)
                or not _object_after_named_subject(context, cue, speaker)
            )
            and not _subject_of_reported_clause(doc, cue, speaker)
        ):
            return Incise(cue, group_start, speaker, speaker_end, after_comme)
    return _subject_first_incise(context, cue, group_start)


def _opens_cleft(doc: Doc, relative: int) -> bool:
    """Whether "C'est ce que" opens the sentence before the relative "que"."""
    if relative < 3:
        return False
    opening = doc[relative - 3 : relative]
    return (
        opening[0].is_sent_start
        and opening[0].lower_ in ("c'", "c’")
        and opening[1].lower_ == "est"
        and opening[2].lower_ == "ce"
    )


def _cleft_agent(context: DocContext, cue: Cue, limit: int) -> tuple[SpeakerMention, int] | None:
    """Who "C'est le chiffre avancé samedi par la préfecture" names after "par", when the
    sentence is "C'est" and a noun phrase the participle qualifies."""
    doc = context.doc
    verb = doc[cue.start]
    start = verb.sent.start
    if (
        cue.start - start < 4
        or doc[start].lower_ not in ("c'", "c’")
        or doc[start + 1].lower_ != "est"
        or doc[start + 2].pos_ != "DET"
        or "Part" not in verb.morph.get("VerbForm")
        or any(token.pos_ in ("VERB", "AUX") for token in doc[start + 3 : cue.start])
    ):
        return None
    index = cue.end
    while index < limit and index - cue.end < MAX_WORDS_BEFORE_NAME and doc[index].lower_ != "par":
        if doc[index].is_punct:
            return None
        index += 1
    if index >= limit or doc[index].lower_ != "par":
        return None
    end = index + 1
    while end < limit and not (doc[end].is_punct or doc[end].lower_ in COMPLEMENTISERS):
        token = doc[end]
        if token.pos_ in ("VERB", "AUX", "SCONJ") or token.lower_ in RELATIVE_WORDS:
            break
        if end > index + 1 and (
            token.lower_ in TIME_WORDS or (token.pos_ == "ADP" and token.lower_ not in GENITIVES)
        ):
            break  # "par le préfet en fin de journée", "par la Cour dans son rapport"
        end += 1
    mention = build_mention(doc, index + 1, end)
    if mention is None or not is_agent(mention):
        return None
    return mention, end


def _closes_unmarked_quote(context: DocContext, token: Token) -> bool:
    """Whether a quote with no closing mark ends with this token: "— Pourquoi … ? interroge
    la présidente" (a dialogue line)."""
    quote = context.quote_at(token.idx)
    return quote is not None and quote.close_end == token.idx + len(token.text)


def _is_past_participle(verb: Token, lemma: str) -> bool:
    """A participle by its tag and, for a first-group verb, by its form: the parser tags
    "lance" in "…, lance Pierre Lacombe" a participle, which "lancé" would be."""
    if "Part" not in verb.morph.get("VerbForm"):
        return False
    return not lemma.endswith("er") or verb.lower_.endswith(PAST_PARTICIPLE_ENDINGS)


def _ends_clause(doc: Doc, index: int) -> bool:
    return index >= len(doc) or doc[index].text in CLAUSE_ENDS


def _named_subject_ends_sentence(doc: Doc, cue: Cue) -> bool:
    """ "Les effectifs vont augmenter en 2019 assure Christophe Castaner.": no comma, but the
    verb's subject is a person named after it, last in the sentence."""
    if cue.end >= len(doc) or "Fin" not in doc[cue.start].morph.get("VerbForm"):
        return False
    name = doc[cue.end]
    if name.ent_type_ not in ("PER", "PERSON") or name.ent_iob_ != "B":
        return False
    if name.dep_ not in SUBJECT_DEPS or name.head.i != cue.start:
        return False
    end = cue.end + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return end < len(doc) and doc[end].text in {".", "!", "?"}


def _source_ends_clause_sentence(doc: Doc, cue: Cue) -> bool:
    """ "Un cycliste est décédé … a révélé le Comité international paralympique (IPC).": a
    finite clause, then with no comma the verb and a person's or a body's noun phrase that ends
    the sentence."""
    if doc.lang_ != "fr" or cue.end - cue.start > 1 or cue.quotes_only or cue.names_things:
        return False  # one reporting word, not "faire mention de", "attaquer", "lancer"
    group_start = verb_group_start(doc, cue)
    sentence = doc[cue.start].sent
    previous = doc[group_start - 1] if group_start > sentence.start else None
    if previous is None or not previous.is_alpha or previous.pos_ in CLAUSE_LINKS:
        return False
    if not any(
        "Fin" in doc[index].morph.get("VerbForm") for index in range(group_start, cue.end)
    ) or not has_finite_verb(doc, sentence.start_char, previous.idx):
        return False
    index = cue.end
    while index < len(doc) and doc[index].pos_ == "ADV":
        index += 1  # "indique enfin"
    heads = [
        token
        for token in doc[index : min(len(doc), index + MAX_INVERTED_SUBJECT_TOKENS)]
        if token.pos_ in ("NOUN", "PROPN")
    ]
    if not heads or not (
        heads[0].ent_type_ in ("PER", "PERSON", "ORG")
        or singular_in(heads[0].lower_, SPEAKER_HEADS)
    ):
        return False
    if heads[0].pos_ == "NOUN" and doc[heads[0].i - 1].lower_ not in DEFINITE_ARTICLES:
        return False  # "le Comité …", not "les autres groupes" nor "neuf journalistes"
    for token in doc[index : min(len(doc), index + MAX_INVERTED_SUBJECT_TOKENS)]:
        if token.text in {".", "!", "?"} or token.is_space:
            return True
        if token.text in {",", ";", ":"} or token.pos_ in ("VERB", "AUX", "SCONJ"):
            return False
    return False


def _subject_of_reported_clause(doc: Doc, cue: Cue, speaker: SpeakerMention) -> bool:
    """ "Derek Mitchell, who served …, said Clinton reached out": the name after the verb is the
    subject of the clause it reports, not an inverted speaker."""
    return any(
        subject.dep_ in SUBJECT_DEPS and speaker.start <= subject.idx < speaker.end
        for clause in doc[cue.start].children
        if clause.dep_ == "ccomp" and clause.i >= cue.end
        for subject in clause.children
    )


def _names_a_person(subject: Token) -> bool:
    """ "Le président américain, Donald Trump, a félicité E. Macron": a subject that is or has in
    apposition a person's name is who speaks; the name after the verb is its object."""
    return any(
        token.ent_type_ in ("PER", "PERSON")
        for token in (subject, *(child for child in subject.children if child.dep_ == "appos"))
    )


def _thing_object(token: Token, cue: Cue) -> bool:
    """A word the parser made the cue's object that names no person: a person there is the
    usual misparse of an inverted subject ("a annoncé le président de l'Assemblée X")."""
    return (
        token.dep_ == "obj"
        and token.head.i == cue.start
        and token.ent_type_ not in ("PER", "PERSON")
        and not singular_in(token.lower_, PERSON_HEADS)
    )


def _is_clause(token: Token) -> bool:
    """ "La victime est le conducteur, a annoncé la police": a "subject" with its own subject or
    copula is the reported clause the parser hung on the verb, not who speaks."""
    return any(child.dep_ in SUBJECT_DEPS or child.dep_ == "cop" for child in token.children)


def _object_after_named_subject(context: DocContext, cue: Cue, speaker: SpeakerMention) -> bool:
    """ "…, Chantal Perrichon, la présidente de …, a dénoncé les neutraliseurs de radar": a
    common noun after the verb is its object when a name in apposition stands before it."""
    if speaker.is_pronoun:
        return False
    # "Maxime Nicolle, alias Fly Rider, commente les déclarations du Président : « … »": a thing
    # the parser made the verb's object is one, whatever it names.
    parsed_object = any(
        _thing_object(token, cue)
        for token in context.doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    )
    if not parsed_object and (speaker.has_named_entity or speaker.kind != "other"):
        return False
    left = subject_to_the_left(context, cue)
    return left is not None and left.has_named_entity and left.kind == "person"


def _subject_first_incise(context: DocContext, cue: Cue, group_start: int) -> Incise | None:
    """'"…," Smith said.' or "…, il a dit": a subject then the verb, after a comma or a quote."""
    doc = context.doc
    verb = doc[cue.start]
    # '"… Not good, great. One of the brightest," Rep. Moore said': the parser may take a word
    # of the quote as a second subject.
    subject = next(
        (
            child
            for child in verb.children
            if child.dep_ in SUBJECT_DEPS and not context.inside_quote[child.i]
        ),
        None,
    )
    if subject is None or subject.i > verb.i:
        return None
    start, end = noun_phrase(subject)
    if (end != group_start and not _is_name_aside(doc, end, group_start)) or start == 0:
        return None
    before = doc[start - 1]
    after_quote = before.text in CLOSING_MARKS or (
        before.text == "," and start >= 2 and doc[start - 2].text in CLOSING_MARKS
    )
    if not after_quote and before.text != ",":
        return None
    if not after_quote and not _says_the_clause_before(context, cue.lemma, verb, subject):
        return None
    long_tail = after_quote and context.lang in LONG_INCISE_TAILS
    following = cue.end
    while following < len(doc) and following - cue.end < MAX_INCISE_TAIL_TOKENS:
        token = doc[following]
        if token.text in {".", ",", ";", "!", "?"} or token.is_space:
            break
        if long_tail and token.dep_ in ADJUNCT_OPENERS and token.lower_ not in COMPLEMENTISERS:
            break  # '"…," Renzi said after the meeting broke up': the rest is an adjunct
        if token.lower_ in COMPLEMENTISERS or token.pos_ in ("VERB", "AUX") or token.text == ":":
            return None
        if context.inside_quote[following]:
            return None
        following += 1
    if following - cue.end >= MAX_INCISE_TAIL_TOKENS and not long_tail:
        return None
    if not after_quote and (following >= len(doc) or doc[following].text not in {".", "!", "?"}):
        return None
    mention = mention_for_subject(context, subject)
    if mention is None:
        return None
    return Incise(cue, start, mention, cue.end, False)


def _says_the_clause_before(context: DocContext, lemma: str, verb: Token, subject: Token) -> bool:
    """ "…, le maire l'a dit.": after a comma, a verb reports the clause before it only when it
    is active, its subject no relative pronoun and its object no noun of its own ("…, 66 % des
    Français soutiennent toujours les Gilets jaunes", "…, deux personnes ont été interpellées",
    "…, qui l'avait défendu" go on with the writer's narration). Nor does a verb calling for
    something of its own ("…, les syndicats ont appelé à la grève"), nor one after a fronted
    subordinate clause ("Même si …, les riverains doutent"), unless a clitic takes up the
    clause ("…, le club l'a confirmé à l'AFP")."""
    if is_passive(verb) or subject.lower_ in RELATIVE_WORDS:
        return False
    arguments = [
        child
        for child in verb.children
        if (child.dep_ == "obj" or _called_to(lemma, child)) and not context.inside_quote[child.i]
    ]
    if any(child.dep_ == "obj" and child.i > verb.i for child in arguments):
        return False
    if any(child.dep_ == "obj" and child.i < verb.i for child in arguments):
        return True  # "…, le club l'a confirmé"
    if opens_subordinate_clause(context.doc, verb.sent.start):
        return False  # "Même si le maire a promis …, les riverains doutent": a main clause
    return not any(child.i > verb.i for child in arguments)


def _called_to(lemma: str, child: Token) -> bool:
    """ "appelé à la grève": what a call is to, a complement of the verb's own."""
    return (
        lemma in CALL_VERBS
        and child.dep_ == "obl:arg"
        and any(case.lower_ in CALL_CASES for case in child.children if case.dep_ == "case")
    )


def _is_name_aside(doc: Doc, start: int, end: int) -> bool:
    """ "Rep. Jane Moore (D-Wis.) said", "Mitch Lane, R-Ky., said": a short aside after the name."""
    if not 2 <= end - start <= MAX_NAME_ASIDE_TOKENS:
        return False
    return (doc[start].text, doc[end - 1].text) in {("(", ")"), (",", ",")}


def incise_boundary(doc: Doc, group_start: int) -> int:
    """Where the content before an incise ends: at its comma or mark, or after the last word
    when none comes before the verb ("… en 2019 assure X")."""
    previous = doc[group_start - 1]
    return previous.idx if previous.is_punct else previous.idx + len(previous.text)


def incise_candidates(context: DocContext, incise: Incise) -> list[Candidate]:
    """Content before and, for mid-sentence incises, after an inverted attribution."""
    doc = context.doc
    cue_token = doc[incise.cue.start]
    sentence_start, sentence_end = sentence_bounds(context, cue_token)
    candidates: list[Candidate] = []
    if incise.cue.needs_agent and not is_agent(incise.speaker):
        return candidates  # "avait prévu l'investissement": a plan, not who speaks
    if incise.takes_up_previous:
        # "Trois morts sur les routes. C'est le bilan annoncé par le préfet": a figure with no
        # verb is reported too.
        region = _previous_sentence(context, sentence_start)
        if region is not None and (
            is_reported_clause(context, region)
            or count_words(context.text[region[0] : region[1]]) >= MIN_FIGURE_WORDS
        ):
            candidates.append(
                Candidate(*region, incise.cue, incise.speaker, "incise", incise.cue.belief)
            )
        return candidates
    before_end = incise_boundary(doc, incise.group_start)
    if incise.after_comme and incise.group_start >= 2 and doc[incise.group_start - 2].text == ",":
        before_end = doc[incise.group_start - 2].idx
    after = _after_incise_region(context, incise, sentence_end)
    if not incise.after_comme or after is None:
        region = _before_incise_region(context, sentence_start, before_end)
        if (
            region is not None
            and is_reported_clause(context, region)
            and not _ends_on_relative(context, region, after)
        ):
            candidates.append(
                Candidate(*region, incise.cue, incise.speaker, "incise", incise.cue.belief)
            )
    if after is not None:
        candidates.append(
            Candidate(*after, incise.cue, incise.speaker, "incise", incise.cue.belief)
        )
    return candidates


def _previous_sentence(context: DocContext, sentence_start: int) -> tuple[int, int, str] | None:
    """The sentence before the one opening at sentence_start, in the same paragraph."""
    text = context.text
    cursor = sentence_start
    while cursor > 0 and text[cursor - 1] in " \u00a0\u202f":
        cursor -= 1
    if cursor == 0 or text[cursor - 1] == "\n":
        return None
    last = context.doc.char_span(cursor - 1, cursor, alignment_mode="expand")
    if last is None:
        return None
    start, _ = sentence_bounds(context, last[0])
    return _before_incise_region(context, start, cursor)


def _ends_on_relative(
    context: DocContext, region: tuple[int, int, str], after: tuple[int, int, str] | None
) -> bool:
    """ "un quartier de Roubaix où, dit-il, « … »": words cut before their relative clause are
    no content; the quote after the incise is ("« Je sais où », affirme-t-il" is one)."""
    if after is None or region[2] == "direct" or context.lang != "fr":
        return False
    span = context.doc.char_span(region[0], region[1], alignment_mode="expand")
    return span is not None and len(span) > 0 and span[-1].lower_ in FRENCH_RELATIVES


def quote_said_alone(context: DocContext, incise: Incise) -> int | None:
    """Where the quote an incise speaks alone opens, when words of the sentence come before it
    ("… qu'il se croit victime … contre le FBI « L'idée … est fausse » a-t-il déclaré"): the
    words before are another content, which ends there."""
    doc = context.doc
    sentence_start, _ = sentence_bounds(context, doc[incise.cue.start])
    before_end = incise_boundary(doc, incise.group_start)
    region = _before_incise_region(context, sentence_start, before_end)
    if region is None or region[2] != "direct":
        return None
    quote = context.quote_at(region[0])
    if (
        quote is None
        or not _opens_sentence(context, quote)
        or count_words(context.text[sentence_start : quote.open_start]) == 0
    ):
        return None
    return quote.open_start


def _opens_sentence(context: DocContext, quote: QuotedSpan) -> bool:
    """A quote of MIN_SENTENCE_QUOTE_WORDS or more that opens with a capital, like a sentence."""
    text = context.text
    return (
        text[quote.start : quote.start + 1].isupper()
        and count_words(text[quote.start : quote.end]) >= MIN_SENTENCE_QUOTE_WORDS
    )


def _before_incise_region(
    context: DocContext, sentence_start: int, before_end: int
) -> tuple[int, int, str] | None:
    """The content of "CONTENT, a dit X": a quote just before, or the sentence so far."""
    text = context.text
    cursor = before_end
    while cursor > sentence_start and text[cursor - 1] in " ,\u00a0\u202f\n":
        cursor -= 1
    quote = context.quote_at(cursor - 1) if cursor > 0 else None
    if quote is not None and quote.close_end >= cursor:
        earlier = context.quotes_between(sentence_start, quote.open_start)
        words_before = count_words(text[sentence_start : quote.open_start])
        quote_words = count_words(text[quote.start : quote.end])
        if (
            words_before > 0
            and (earlier or quote_words < SHORT_QUOTE_WORDS <= words_before)
            and not _opens_sentence(context, quote)
        ):
            # "L'usine produira …, jusqu'« à 500 millions », explique X": the whole is reported.
            start = min(sentence_start, earlier[0].open_start) if earlier else sentence_start
            return classify_region(context, start, quote.close_end)
        return quote.start, quote.end, "direct"
    return classify_region(context, sentence_start, before_end)


def _after_incise_region(
    context: DocContext, incise: Incise, sentence_end: int
) -> tuple[int, int, str] | None:
    """Content after "…, a-t-il dit, CONTENT" when it is a clause or a quote."""
    doc = context.doc
    index = incise.speaker_end
    while index < len(doc) and doc[index].text not in {",", ".", ";", "!", "?"}:
        if doc[index].text in OPENING_MARKS and context.inside_quote[index]:
            break
        index += 1
    if index >= len(doc) or doc[index].text in {".", ";", "!", "?"}:
        return None
    start = doc[index].idx + 1
    if start >= sentence_end:
        return None
    if _describes_speaker(doc, incise.speaker, index + 1):
        return None
    end = cut_at_next_boundary(context, start, sentence_end)
    stop = next(
        (
            token.idx
            for token in doc[index + 1 :]
            if token.idx >= end
            or (token.text in {".", "!", "?"} and not context.inside_quote[token.i])
        ),
        end,
    )
    # "…, a annoncé le procureur, lors d'une conférence de presse. « … »": a full stop ends
    # what may follow the incise.
    region = classify_region(context, start, min(end, stop))
    if region is None:
        return None
    if not is_reported_clause(context, region):
        return None
    if region[2] == "indirect" and not has_finite_clause(doc, region[0], region[1]):
        return None
    if context.text[region[0] : region[1]].split()[0].lower() in RELATIVE_WORDS:
        return None
    if region[2] == "mixed":
        quotes = context.quotes_between(region[0], region[1])
        outside = count_words(context.text[region[0] : quotes[0].open_start])
        if len(quotes) == 1 and outside <= MAX_WORDS_BEFORE_LONE_QUOTE:
            return quotes[0].start, quotes[0].end, "direct"
    return region


def _describes_speaker(doc: Doc, speaker: SpeakerMention | None, first: int) -> bool:
    """'"…," said Jo Coelbart, a retired general who works …': the words after the name are
    an apposition or a relative clause of the speaker, not what was said."""
    if speaker is None or first >= len(doc):
        return False
    for token in (doc[first], *doc[first].ancestors):
        if speaker.start <= token.head.idx < speaker.end and token.head.i != token.i:
            return token.dep_ in SPEAKER_DESCRIPTIONS
    return False


@dataclass(frozen=True)
class InnerIncise:
    """ "« Ce que je veux, dit-il, c'est … »", "« A, a martelé la maire, Anne Keller, lors du
    conseil. B »": an attribution written inside a quote's marks, after a comma. Token offsets:
    the verb group's first token and the punctuation closing the incise."""

    cue: Cue
    start: int
    end: int
    speaker: SpeakerMention
    named: bool  # a name or a noun phrase, not a pronoun


def inner_incises(context: DocContext) -> list[InnerIncise]:
    """The incises written inside quote marks."""
    doc = context.doc
    lexicon = load_lexicon(context.lang)
    found: list[InnerIncise] = []
    for index, token in enumerate(doc):
        if token.text != "," or not context.inside_quote[index] or index + 2 >= len(doc):
            continue
        verb = index + 1
        cue_index = verb
        if _no_incise_verb(doc, verb):
            continue
        if doc[verb].lower_ in AVOIR_FORMS:
            cue_index += 1  # "a martelé", "a-t-il ajouté"
            while cue_index < len(doc) - 1 and (
                doc[cue_index].lower_ == "-t" or doc[cue_index].lower_ in INCISE_PRONOUNS
            ):
                cue_index += 1
        entry = next(
            (entry for entry in lexicon.forms.get(doc[cue_index].lower_, ()) if not entry.tail),
            None,
        )
        if entry is None or cue_index + 1 >= len(doc):
            continue
        cue = Cue(entry.lemma, "verb", cue_index, cue_index + 1, quotes_only=entry.quotes_only)
        incise = _pronoun_inner_incise(context, cue, verb) or _named_inner_incise(
            context, cue, verb
        )
        if incise is not None:
            found.append(incise)
    return found


def _name_after_role(
    context: DocContext, start: int, end: int, limit: int
) -> tuple[SpeakerMention, int] | None:
    """ "a estimé l'adjoint à l'urbanisme, Bruno Lescure,": the name apposed after a role that
    runs on past a preposition."""
    doc = context.doc
    comma = end
    while comma < limit and context.inside_quote[comma] and doc[comma].text not in {",", "."}:
        comma += 1
    if comma == end or comma >= limit or doc[comma].text != ",":
        return None
    return appositive_name(context, start, comma, limit)


def _no_incise_verb(doc: Doc, verb: int) -> bool:
    """ "« Il faut agir, expliquer la réforme, … »", "« Nous avons travaillé, annoncé des
    mesures, … »": an infinitive, or a participle with no auxiliary before it and no "-il" after
    it ("dit-il" is one), lists what is said; it opens no incise."""
    forms = doc[verb].morph.get("VerbForm")
    if "Inf" in forms:
        return True
    inverted = verb + 1 < len(doc) and (
        doc[verb + 1].lower_ == "-t" or doc[verb + 1].lower_ in INCISE_PRONOUNS
    )
    return "Part" in forms and not inverted


def _pronoun_inner_incise(context: DocContext, cue: Cue, verb: int) -> InnerIncise | None:
    """ "dit-il,", "a-t-elle ajouté,", "poursuit-il,"."""
    doc = context.doc
    position = verb + 1 + (doc[verb + 1].lower_ == "-t")
    if position >= len(doc) or doc[position].lower_ not in INCISE_PRONOUNS:
        return None
    pronoun = position
    end = position + 1 + (cue.start > verb)  # "a-t-il ajouté": the participle after it
    limit = min(len(doc), end + MAX_ADJUNCT_TOKENS)
    while (
        end < limit
        and context.inside_quote[end]
        and doc[end].text not in {",", "."}
        and doc[end].pos_ not in ("VERB", "AUX", "PUNCT")
    ):
        end += 1  # "a-t-il reconnu lundi,", "poursuit-elle devant la presse."
    if end >= len(doc) or doc[end].text not in {",", "."} or not context.inside_quote[end]:
        return None
    end = _past_closing_time(context, end)  # "réagit-elle au micro de BFMTV, mardi."
    end = _past_relative_clause(context, end)
    speaker = build_mention(doc, pronoun, pronoun + 1)
    if speaker is None:
        return None
    return InnerIncise(cue, verb, end, speaker, named=False)


def _past_closing_time(context: DocContext, comma: int) -> int:
    """ "réagit-elle au micro de BFMTV, mardi soir.": bare time words after the incise's comma
    close it ("assure-t-il, en 2027." and "dès ce soir" go on with the quote)."""
    doc = context.doc
    end = comma + 1
    while (
        end < len(doc) and end - comma <= MAX_CLOSING_TIME_TOKENS and doc[end].lower_ in TIME_WORDS
    ):
        end += 1
    closes = end < len(doc) and doc[end].text == "." and context.inside_quote[end]
    return end if doc[comma].text == "," and end > comma + 1 and closes else comma


def _split_from_auxiliary(doc: Doc, cue: Cue) -> bool:
    """ "Il a d'ailleurs, à ce sujet, proposé …": an aside between the auxiliary, which the
    parser took for the verb "avoir", and the participle; no inverted incise."""
    verb = doc[cue.start]
    if "Part" not in verb.morph.get("VerbForm"):
        return False
    head = verb.head
    if (
        not any(child.dep_.startswith("aux") for child in verb.children)
        and head.i < verb.i
        and head.lower_ in AVOIR_FORMS
        and any(child.dep_ in SUBJECT_DEPS for child in head.children)
    ):
        return True
    # "La Commission a, ce mercredi 22 février, menacé l'Italie": the auxiliary stands right
    # before the aside's opening comma, whatever the parse.
    if cue.start < 2 or doc[cue.start - 1].text != ",":
        return False
    for index in range(cue.start - 2, max(0, cue.start - 2 - MAX_ASIDE_TOKENS), -1):
        if doc[index].text == ",":
            # not "« … », a, une fois encore, martelé le ministre": an incise's auxiliary
            return (
                index > 1
                and doc[index - 1].lower_ in AVOIR_FORMS
                and doc[index - 2].text not in {",", *CLOSING_MARKS}
            )
        if doc[index].is_sent_start or doc[index].text in CLOSING_MARKS:
            return False
    return False


def _inverted_pronoun(doc: Doc, start: int, end: int) -> bool:
    """Whether the verb group holds an inverted subject pronoun and goes on to its end ("…,
    a-t-on appris lundi de source judiciaire."); not an aside in mid-clause ("aurait, dit-on,
    l'intention de …")."""
    return any(
        token.lower_.startswith("-")
        and token.lower_ in INCISE_PRONOUNS
        and not (token.i + 1 < len(doc) and doc[token.i + 1].text == ",")
        for token in doc[start : end + 1]
    )


def _past_relative_clause(context: DocContext, comma: int) -> int:
    """ "a-t-il insisté devant la commission d'enquête, qui l'auditionnait.": a relative clause
    on the incise's last noun, up to the full stop, is still the incise."""
    doc = context.doc
    if (
        doc[comma].text != ","
        or comma + 1 >= len(doc)
        or doc[comma + 1].lower_ not in {"qui", "où"}
    ):
        return comma
    end = comma + 1
    while end < len(doc) and context.inside_quote[end] and doc[end].text not in {".", ","}:
        end += 1
    return end if end < len(doc) and doc[end].text == "." and context.inside_quote[end] else comma


def _past_closing_apposition(context: DocContext, comma: int) -> int:
    """ "détaille Claire Mounier, hydrologue à l'université de Poitiers.": a role with no verb
    after the name's comma, up to the full stop, closes the incise."""
    doc = context.doc
    end = comma + 1
    head = doc[end + 1] if doc[end].pos_ == "DET" and end + 1 < len(doc) else doc[end]
    # A bare noun ("hydrologue à …") or a known role after its article ("la présidente de …");
    # not more of the quote ("martèle Paul Martin, des actes.").
    if doc[end].pos_ not in ("NOUN", "DET", "ADJ") or (
        doc[end].pos_ == "DET" and not singular_in(head.lower_, PERSON_HEADS)
    ):
        return comma
    while end < len(doc) and context.inside_quote[end] and doc[end].text not in {",", ".", ";"}:
        if doc[end].pos_ in ("VERB", "AUX", "PRON"):
            return comma
        end += 1
    return end if end < len(doc) and doc[end].text == "." else comma


def _named_inner_incise(context: DocContext, cue: Cue, verb: int) -> InnerIncise | None:
    """ "a estimé l'entraîneur nantais, Pierre Aubanel,", "a plaidé Me Julien Arfi."."""
    doc = context.doc
    # "a confié dimanche soir la skipper …", "raconte, encore sous le choc, Monique …".
    start = _after_adjuncts(
        context, cue.end, min(len(doc), cue.end + MAX_ADJUNCT_TOKENS), in_marks=True
    )
    limit = min(len(doc), start + MAX_INVERTED_SUBJECT_TOKENS)
    if start >= limit or not (
        doc[start].pos_ in ("DET", "PROPN") or doc[start].ent_type_ in ("PER", "PERSON")
    ):
        return None
    end = start
    while end < limit and context.inside_quote[end] and doc[end].text not in {",", ".", ";"}:
        if end > start and doc[end].lower_ in NP_BREAKING_PREPOSITIONS:
            break
        end += 1
    speaker = build_mention(doc, start, end)
    named = appositive_name(context, start, end, limit) or _name_after_role(
        context, start, end, limit
    )
    if named is not None:
        speaker, end = named
    elif speaker is None or not (is_agent(speaker) or doc[start].pos_ == "DET"):
        # "poursuit l'artisan.": inverted inside the marks after a comma, a noun phrase with
        # its article is the speaker, whether or not the lexicon knows the role.
        return None
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].pos_ in ("ADP", "ADV", "NUM"):
        end += 1  # "Anne Keller, lors du conseil municipal lundi soir.", "Anne Keller, 68 ans."
    elif end + 1 < len(doc) and doc[end].text == ",":
        end = _past_closing_apposition(context, end)
    while end < len(doc) and context.inside_quote[end] and doc[end].text not in {",", "."}:
        end += 1  # "a martelé la maire lors du conseil"
    if end >= len(doc) or not context.inside_quote[end] or doc[end].text not in {",", "."}:
        return None
    return InnerIncise(cue, verb, end, speaker, named=True)
