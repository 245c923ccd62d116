"""Who a cue's subject is: verb groups, subjects in normal order, appositions, datelines."""

from __future__ import annotations

import itertools

from spacy.tokens import Doc, Span, Token

from .context import SUBJECT_DEPS, DocContext, is_passive, sentence_bounds
from .cues import INCISE_PRONOUNS, Cue
from .lexicon import GENITIVES, MODAL_FORMS, TIME_WORDS, phrase_set
from .marks import CLOSING_MARKS
from .names import PERSON_HEADS, RELATIVE_WORDS, is_pronoun_text
from .speakers import (
    ANONYMOUS_WORDS,
    HYPHENS,
    SpeakerMention,
    appositive_description,
    build_mention,
    glued_hyphen,
    noun_phrase,
)

CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp", "parataxis", "ccomp", "acl", "root", "ROOT"})
VERB_GROUP_WORDS = frozenset(
    {"l'", "l’", "le", "la", "lui", "leur", "se", "s'", "s’", "n'", "n’", "ne", "y", "en", "-t"}
    | INCISE_PRONOUNS
)
NOUNS = frozenset({"NOUN", "PROPN"})
# "Muriel Pénicaud a twitté": forms of avoir and être the tagger may take for a verb or a name.
PERFECT_AUXILIARIES = frozenset(
    {"a", "ont", "avait", "avaient", "aura", "auront", "aurait", "auraient", "est", "sont",
     "était", "étaient"}
)  # fmt: skip
# "ce qu'a d'ailleurs confirmé": the words a relative object may stand apart from its verb by.
ELIDED_DE = frozenset({"d'", "d’"})
RELATIVE_QUE = frozenset({"que", "qu'", "qu’"})
NAME_STOPS = frozenset({",", ".", ";", ":", "!", "?", "(", ")", "«", "»", "“", "”", '"', "—", "–"})
PARTICIPLE_CLITICS = frozenset({"y", "se", "s'", "s’", "lui", "leur", "l'", "l’"})
# "le préfet, lequel a précisé que …": relative pronouns that stand for the noun before them.
SUBJECT_RELATIVES = frozenset(
    {"qui", "lequel", "laquelle", "lesquels", "lesquelles", "who", "that", "which"}
)
OBJECT_CLITIC = "lui"  # "La maire, Sophie Delaunay, lui a répondu": the one answered
MAX_DATELINE_TOKENS = 8
# "le ministre des finances, Pierre Moscovici, a ajouté": how far back the comma opening an
# apposition before the verb is looked for.
MAX_APPOSITION_TOKENS = 20
MIN_DATELINE_CHARS = 3  # "NYC" opens a dateline, "UN" does not
MAX_PERSON_NAME_TOKENS = 4
# Coordinated and adverbial verbs climbed to find a subject ("X a signé et a déclaré").
MAX_VERBS_CLIMBED = 4
# A subject after its verb is an inversion only this close ("a déclaré hier soir le maire").
MAX_SUBJECT_AFTER_VERB = 8
PASSIVE_AGENT_DEPS = frozenset({"obl:agent", "agent"})
DOCUMENT_NOUNS = frozenset(
    {"statement", "tweet", "post", "letter", "release", "memo", "email", "message", "filing"}
)
AUTHOR_PREPOSITIONS = frozenset({"from", "by", "of"})
DASHES = frozenset({"-", "–", "—", "--"})
ASIDES = phrase_set("verb_group_asides")
MAX_ASIDE_WORDS = max(len(aside) for aside in ASIDES)


def verb_group_start(doc: Doc, cue: Cue) -> int:
    """First token of "a-t-il déclaré", "l'a rappelé", "a également indiqué"."""
    index = cue.start
    while index > 0:
        previous = doc[index - 1]
        if (
            previous.pos_ == "AUX"
            or previous.lower_ in VERB_GROUP_WORDS
            or previous.lower_ in PERFECT_AUXILIARIES
            # "peut-on lire", "pouvait-on lire": a modal before its inverted pronoun.
            or (previous.lower_ in MODAL_FORMS and doc[index].lower_ in VERB_GROUP_WORDS)
        ):
            index -= 1
            continue
        # "a également indiqué": an adverb inside the verb group.
        if (
            previous.pos_ == "ADV"
            and previous.lower_ not in {"comme", "as"}
            and index >= 2
            and (doc[index - 2].pos_ == "AUX" or doc[index - 2].lower_ in INCISE_PRONOUNS)
        ):
            index -= 1
            continue
        aside = aside_length(doc, index)
        if aside and is_auxiliary(doc[index - aside - 1]):
            index -= aside
            continue
        break
    return index


def relative_que_before(doc: Doc, cue: Cue) -> int | None:
    """The relative "que" that is the verb's object, before its verb group, if any: "ce qu'a
    d'ailleurs confirmé le ministre", "ce que rapporte l'AFP" (the noun phrase after the verb
    is then its subject)."""
    index = cue.start - 1
    if index < 0:
        return None
    while index > 0 and (
        doc[index].pos_ in ("AUX", "ADV")
        or doc[index].dep_.startswith("aux")
        or doc[index].lower_ in ELIDED_DE
    ):
        index -= 1
    before = doc[index]
    if before.lower_ in RELATIVE_QUE and "Rel" in before.morph.get("PronType"):
        return index
    return None


def is_auxiliary(token: Token) -> bool:
    """ "a", "ont", "est": an auxiliary, whatever the tagger made of it ("ce qu'a dit")."""
    return token.pos_ == "AUX" or token.lower_ in PERFECT_AUXILIARIES


def aside_length(doc: Doc, end: int) -> int:
    """Length of a "pour sa part" or "de son côté" ending before token end (0 when none)."""
    for length in range(MAX_ASIDE_WORDS, 1, -1):
        if end - length >= 1 and tuple(t.lower_ for t in doc[end - length : end]) in ASIDES:
            return length
    return 0


def aside_length_from(doc: Doc, start: int) -> int:
    """Length of a "pour sa part" or "de son côté" starting at token start (0 when none)."""
    for length in range(MAX_ASIDE_WORDS, 1, -1):
        if start + length <= len(doc) and (
            tuple(t.lower_ for t in doc[start : start + length]) in ASIDES
        ):
            return length
    return 0


def _is_name_token(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in ("PER", "PERSON")


def appositive_name(
    context: DocContext, start: int, end: int, limit: int
) -> tuple[SpeakerMention, int] | None:
    """ "souligne la ministre de la Santé, Agnès Buzyn": the name after the role names her."""
    doc = context.doc
    if end + 1 >= limit or doc[end].text != "," or not _is_name_token(doc[end + 1]):
        return None
    name_end = end + 1
    while name_end < limit and not ends_name(doc[name_end]) and _is_name_token(doc[name_end]):
        name_end += 1
    if name_end < limit and doc[name_end].text not in {",", ".", ";", "!", "?", "»", "”", ")", "("}:
        return None
    named = build_mention(doc, end + 1, name_end, (start, end))
    if named is None or not named.has_named_entity or named.kind != "person":
        return None
    return named, name_end


def ends_name(token: Token) -> bool:
    """Punctuation that ends a name; a hyphen glued to words ("Anne-Marie") does not."""
    if token.text in NAME_STOPS or "\n" in token.text or "\n" in token.whitespace_:
        return True
    if token.is_punct and token.text in HYPHENS:
        return not glued_hyphen(token)
    return False


def cue_subject(context: DocContext, cue: Cue) -> SpeakerMention | None:
    """Subject of a cue verb or locution ("X a fait savoir": the parser may hang X on "savoir")."""
    return _before_cue(context, _cue_subject(context, cue), cue)


def _cue_subject(context: DocContext, cue: Cue) -> SpeakerMention | None:
    doc = context.doc
    main = _main_clause_subject(context, cue)
    if main is not None:
        return main
    for index in range(cue.start, cue.end):
        token = doc[index]
        if any(child.dep_ in SUBJECT_DEPS for child in token.children):
            # "…coûte « 50 milliards », Chantal Perrichon, la présidente …, a dénoncé": the
            # parser took a quoted word for the subject, which names nobody.
            return subject_of(context, token) or subject_to_the_left(context, cue)
    found = subject_of(context, doc[cue.start])
    if found is None or is_thing(found):
        # "B. Obama, même en pleine course, fait savoir": the parser hung the verb on "course".
        return subject_to_the_left(context, cue) or found
    return found


def _before_cue(
    context: DocContext, found: SpeakerMention | None, cue: Cue
) -> SpeakerMention | None:
    """ "Boko Haram dément la libération …" parsed as one noun phrase: a subject never holds
    its own verb; it is the words before it."""
    doc = context.doc
    if found is None or not found.start <= doc[cue.start].idx < found.end:
        return found
    first = next(token.i for token in doc if token.idx + len(token) > found.start)
    return build_mention(doc, first, cue.start) if first < cue.start else None


def coordinated_subject(context: DocContext, cue: Cue) -> SpeakerMention | None:
    """ "Le Premier ministre, B. Yildirim, dénonce une tentative … et averti que …": a verb
    joined by "et" or "mais" shares the subject of the verb before it, however it was parsed."""
    doc = context.doc
    conjunction = verb_group_start(doc, cue) - 1
    sentence_start = doc[cue.start].sent.start
    for index in range(conjunction - 1, sentence_start - 1, -1):
        token = doc[index]
        if context.inside_quote[index] or token.pos_ not in ("VERB", "AUX"):
            continue
        if token.dep_.startswith(("acl", "amod")) or not any(
            "Fin" in word.morph.get("VerbForm") for word in (token, *token.children)
        ):
            continue  # "ceux impliqués dans …": a participle of a noun is no clause
        # "Vers 10h50, B. Cauchy, le fondateur …, trouve … et réclame …": the parser may have
        # missed the first verb's subject too; the name before it is.
        found = subject_of(context, token) or subject_to_the_left(
            context, Cue(token.lower_, "verb", token.i, token.i + 1)
        )
        return None if found is None or is_thing(found) else found
    return None


def _main_clause_subject(context: DocContext, cue: Cue) -> SpeakerMention | None:
    """ "X a signé, estimant que …", "Sur RTL, rappelant que …, X a dénoncé": an adverbial
    participle speaks for the main clause's subject, not for a subject in a clause between."""
    doc = context.doc
    token = doc[cue.start]
    if not is_present_participle(token):
        return None
    start = _with_clitics(doc, cue.start)
    previous = doc[start - 1] if start > 0 else None
    # "Estimant que …, la présidente a demandé": a participle may also open the sentence.
    opens_sentence = previous is None or doc[start].is_sent_start
    if (
        not opens_sentence
        and previous.text not in {",", "en"}
        and previous.text not in CLOSING_MARKS
    ):
        return None
    root = token.sent.root
    # The parser may make the participle the root: the main verb is then a later finite verb.
    verbs = _finite_verbs_after(context, token) if root.i == token.i else [root]
    for verb in verbs:
        if context.inside_quote[verb.i] or verb.pos_ not in ("VERB", "AUX"):
            continue
        main = subject_of(context, verb)
        agent = _passive_agent(verb)
        if agent is not None and (main is None or is_thing(main)):
            # "une alerte a été lancée par un individu, déclarant que …": the agent acts.
            main = mention_for_subject(context, agent)
        if main is None:
            # "Vers 10h10, qualifiant d'« horreur » le salut, Benjamin Cauchy affirme …": the
            # parser hung the name on the participle's object; it stands before the main verb
            # ("Oscar Munoz, le PDG, s'est excusé … en expliquant": a subject it missed).
            main = subject_to_the_left(context, Cue(verb.lower_, "verb", verb.i, verb.i + 1))
        if main is not None and not is_thing(main) and not main.start <= token.idx < main.end:
            return main
    return None


def fronted_participle_end(context: DocContext, cue: Cue) -> int | None:
    """ "Estimant que …, la présidente a demandé": where the main clause begins after a
    participle that opens the sentence (its subject, after a comma)."""
    doc = context.doc
    token = doc[cue.start]
    if not is_present_participle(token):
        return None
    start = _with_clitics(doc, cue.start)
    if not (start == 0 or doc[start].is_sent_start):
        return None
    # Not the subject of the reported clause ("Affirmant que l'usine, qui …, ne fermera pas,
    # le ministre a …": "fermera" has its "que") nor a relative pronoun.
    starts = [
        child.left_edge.i
        for verb in _finite_verbs_after(context, token)
        if not any(marker.dep_ == "mark" for marker in verb.children)
        for child in verb.children
        if child.dep_ in SUBJECT_DEPS
        and child.lower_ not in RELATIVE_WORDS
        and child.left_edge.i > token.i
        and doc[child.left_edge.i - 1].text == ","
        and not context.inside_quote[child.i]
    ]
    return doc[min(starts)].idx if starts else None


def _with_clitics(doc: Doc, index: int) -> int:
    """Where a participle's group starts, its clitics included ("y voyant", "se disant")."""
    while index > 0 and doc[index - 1].lower_ in PARTICIPLE_CLITICS:
        index -= 1
    return index


def _passive_agent(verb: Token) -> Token | None:
    """The agent of a passive verb ("lancée par un individu"), if the parse gives one."""
    if not is_passive(verb):
        return None
    return next((child for child in verb.children if child.dep_ in PASSIVE_AGENT_DEPS), None)


def _finite_verbs_after(context: DocContext, participle: Token) -> list[Token]:
    """The finite verbs outside quotes after a participle in its sentence, last first (an
    auxiliary stands for its verb)."""
    found: list[Token] = []
    for token in participle.doc[participle.i + 1 : participle.sent.end]:
        if not context.inside_quote[token.i] and "Fin" in token.morph.get("VerbForm"):
            verb = token.head if token.pos_ == "AUX" and token.head.i > token.i else token
            if verb not in found:
                found.append(verb)
    return found[::-1]


def subject_to_the_left(context: DocContext, cue: Cue) -> SpeakerMention | None:
    """When the parser missed the verb: "Sophie Martin, directrice de …, juge que …"."""
    doc = context.doc
    index = verb_group_start(doc, cue) - 1
    # The parser may end a sentence before the verb; the joined sentence still holds the subject.
    first_char = sentence_bounds(context, doc[cue.start])[0]
    opening = doc.char_span(first_char, first_char + 1, alignment_mode="expand")
    sentence_start = opening.start if opening is not None else doc[cue.start].sent.start
    if index > sentence_start and doc[index].text in CLOSING_MARKS:
        # "Benjamin Cauchy, « Gilet jaune libre » a affirmé": a quoted apposition after the name.
        quote = context.quote_at(doc[index].idx)
        before = (
            doc.char_span(quote.open_start, quote.open_start + 1, alignment_mode="expand")
            if quote is not None
            else None
        )
        if before and before.start - 2 > sentence_start and doc[before.start - 1].text == ",":
            index = before.start - 2
    if index > sentence_start and doc[index].text == ",":
        comma = next(
            (
                position
                for position in range(
                    index - 1, max(sentence_start, index - MAX_APPOSITION_TOKENS) - 1, -1
                )
                if doc[position].text == ","
            ),
            None,
        )
        if comma is None:
            return _name_opening_sentence(context, sentence_start, index)
        name = doc[comma + 1 : index]
        role = doc[comma - 1]
        while role.dep_.startswith(("nmod", "flat")) and role.head.i < role.i:
            role = role.head  # "l'archevêque de Paris, Michel Aupetit,": the role, not "Paris"
        if _is_person_name(name) and doc[comma - 1].pos_ in NOUNS and role.pos_ in NOUNS:
            # "le ministre des finances, Pierre Moscovici, a ajouté": the name in apposition.
            return build_mention(doc, name.start, name.end, noun_phrase(role))
        index = comma - 1
    while index > sentence_start and doc[index].pos_ == "ADJ":
        index -= 1  # "Le syndicat Force ouvrière fait savoir": the adjective closes the name
    if index < sentence_start or (
        doc[index].pos_ not in ("NOUN", "PROPN")
        and doc[index].ent_type_ not in ("PER", "PERSON", "ORG")
    ):
        return None
    token = doc[index]
    while (
        token.dep_.startswith(("flat", "nmod", "appos"))
        and token.head.i < token.i
        and token.head.i >= sentence_start
        and token.head.pos_ in ("NOUN", "PROPN")
        and not any(doc[i].text == "," for i in range(token.head.i, token.i))
    ):
        token = token.head
    return mention_for_subject(context, token)


def _name_opening_sentence(context: DocContext, start: int, comma: int) -> SpeakerMention | None:
    """ "Rana Sanaullah, ministre de … où se situe Lahore (qui en est la capitale), a précisé":
    a long apposition ends at the verb; the person named first is its subject."""
    doc = context.doc
    end = start
    # "Ömer Fatih Sayan,": a first name the NER left out (or gave another type) still opens it.
    while end < comma and (doc[end].ent_type_ in ("PER", "PERSON") or doc[end].pos_ == "PROPN"):
        end += 1
    if doc[end].text != "," or not any(
        token.ent_type_ in ("PER", "PERSON") for token in doc[start:end]
    ):
        return None
    relative = False
    for token in doc[end + 1 : comma]:
        relative |= token.lower_ in RELATIVE_WORDS
        if context.inside_quote[token.i] or relative:
            continue
        if token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm"):
            return None  # "Paul Roy, le maire, a dit …, a ajouté": a clause, not an apposition
    mention = build_mention(doc, start, end, (end + 1, comma))
    return mention if mention is not None and mention.kind == "person" else None


def _document_author(token: Token) -> Token | None:
    """ "A statement from the union said", "Lowe's tweet said": the author speaks, not the text."""
    if token.lower_ not in DOCUMENT_NOUNS:
        return None
    for child in token.children:
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
            return child
        if child.dep_ == "prep" and child.lower_ in AUTHOR_PREPOSITIONS:
            author = next((grand for grand in child.children if grand.dep_ == "pobj"), None)
            if author is not None and (author.pos_ == "PROPN" or author.ent_type_):
                return author
    return None


def _dateline_end(doc: Doc, token: Token) -> int | None:
    """The dash ending a dateline ("LONDON (Reuters) -", "WASHINGTON —") the token opens."""
    if not token.is_sent_start or len(token.text) < MIN_DATELINE_CHARS or not token.text.isupper():
        return None
    in_parentheses = False
    for index in range(token.i + 1, min(len(doc), token.i + MAX_DATELINE_TOKENS)):
        word = doc[index].text
        if word in DASHES:
            return index
        if word in "()":
            in_parentheses = word == "("
        elif not (in_parentheses or word == "," or word.isupper()):
            return None
    return None


def _is_comma_apposition(token: Token) -> bool:
    """ "le ministre, Pierre Moscovici,": a name the parser took for a conjunct (no "et")."""
    start = token.left_edge.i
    if token.doc[start].text == ",":
        start += 1  # the parser may hang the comma on the name
    # "La directrice de l'ARS, Hélène Bourdais, qui s'exprimait …": the name, not its clause.
    end = token.i + 1
    while end < len(token.doc) and token.doc[end].dep_ == "flat:name":
        end += 1
    return (
        token.dep_ == "conj"
        and start > 0
        and token.doc[start - 1].text == ","
        and not any(child.dep_ == "cc" for child in token.children)
        and _is_person_name(token.doc[start:end])
    )


def _is_person_name(span: Span) -> bool:
    """Whether a span is a person's name and nothing else: "Pierre Moscovici" (the tagger may
    call a surname after the first name an adjective: "Michel Aupetit")."""
    return (
        0 < len(span) <= MAX_PERSON_NAME_TOKENS
        and span[0].pos_ == "PROPN"
        and all(token.pos_ in ("PROPN", "ADJ", "NOUN") for token in span)
        and all(token.ent_type_ in ("PER", "PERSON") for token in span)
    )


def _noun_phrase_before_verb(context: DocContext, verb: Token, subject: Token) -> Token | None:
    """ "N'ayant pas ratifié la convention, l'ONG a demandé": the parser took the wrong subject."""
    doc = verb.doc
    group_start = verb.i
    while group_start > 0 and (
        doc[group_start - 1].pos_ == "AUX" or doc[group_start - 1].lower_ in VERB_GROUP_WORDS
    ):
        group_start -= 1  # "Joey Saputo s'est dit": the clitic belongs to the verb
    if not subject.i < group_start - 1:
        return None
    between = doc[subject.i + 1 : group_start]
    commas = [token.i for token in between if token.text == ","]
    if not commas:
        return None
    segment_end = group_start
    if doc[segment_end - 1].text == ")":
        # "Philippe Gosselin (UMP) a dénoncé": the party in brackets is not the head.
        opening = next(
            (i for i in range(segment_end - 2, commas[-1], -1) if doc[i].text == "("), None
        )
        if opening is not None:
            segment_end = opening
    segment = doc[commas[-1] + 1 : segment_end]
    if not len(segment) or segment[0].pos_ not in ("DET", "PROPN", "NOUN"):
        return None
    if any(
        token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADP" and token.lower_ not in GENITIVES)
        for token in segment
    ):
        return None
    if context.inside_quote[segment[-1].i]:
        return None
    token = segment[-1]
    while segment.start <= token.head.i < token.i:
        token = token.head  # "Jean Dupont", "le chef de l'État": the phrase's head
    return token


def subject_of(context: DocContext, verb: Token) -> SpeakerMention | None:
    """The speaker of a verb in normal order, climbing coordinated and adverbial verbs."""
    current = verb
    for _ in range(MAX_VERBS_CLIMBED):
        subjects = [
            child
            for child in current.children
            if child.dep_ in SUBJECT_DEPS and child.i < current.i + MAX_SUBJECT_AFTER_VERB
        ]
        if subjects:
            # "Ému, il déclare": of two subjects the parser gives a verb, the pronoun after the
            # comma ("Penelope Fillon avait elle-même déclaré" keeps the name).
            before = [child for child in subjects if child.i < current.i]
            outside = [child for child in subjects if not context.inside_quote[child.i]]
            # "dans l'émission « Le grand rendez-vous », X a expliqué l'appel": a title in
            # marks the parser took for a subject speaks for no one.
            child = outside[0] if outside else subjects[0]
            # "L'élue d'opposition Corinne Lestrade a dénoncé": the name after its role.
            if len(before) > 1 and (
                (
                    is_pronoun_text(before[-1].text)
                    and any(token.text == "," for token in context.doc[before[-2].i : before[-1].i])
                    and not _takes_up_noun_phrase(context.doc, before[-2], before[-1])
                )
                or _name_after_its_role(context.doc, before[-2], before[-1])
            ):
                child = before[-1]
            # "Alors que X considère …, le nouveau chef de l'État a déclaré": the parser hung
            # the verb on the subordinate clause; the noun phrase before it is its subject.
            closer = _noun_phrase_before_verb(context, current, child) or (
                _noun_phrase_before_verb(context, verb, child) if current is not verb else None
            )
            return mention_for_subject(
                context, _named_before_participle(context.doc, closer or child)
            )
        if (
            current.dep_ == "acl"
            and current.head.pos_ in ("NOUN", "PROPN")
            and current.head.i < current.i
        ):
            author = _author_of_medium(context, current.head)
            return author or mention_for_subject(context, current.head)
        if current.dep_ not in CLIMB_DEPS or current.head.i == current.i:
            return None
        current = current.head
    return None


def _takes_up_noun_phrase(doc: Doc, subject: Token, pronoun: Token) -> bool:
    """ "L'agence régionale de santé, elle, assure", "La maire, Sophie Delaunay, lui a répondu":
    a stressed pronoun between commas takes up the noun phrase before it, and "lui" before the
    verb is its object; the noun phrase speaks, unlike the adjective of "Ému, il déclare"."""
    if subject.pos_ not in ("NOUN", "PROPN") or subject.lower_ in TIME_WORDS:
        return False
    following = doc[pronoun.i + 1] if pronoun.i + 1 < len(doc) else None
    # "lui a répondu": the object clitic; "eux affirment", "lui a estimé" after an adjunct:
    # a subject, unless a comma sets the pronoun off ("Les syndicats, eux, estiment").
    return pronoun.lower_ == OBJECT_CLITIC or (following is not None and following.text == ",")


def _named_before_participle(doc: Doc, subject: Token) -> Token:
    """ "Le patineur Yuzuru Hanyū, représentant le Japon a annoncé": a bare "-ant" word after a
    comma, tagged a noun and taken for the subject, is a participle describing the noun phrase
    before the comma, which is the subject."""
    if not (
        subject.pos_ == "NOUN"
        and subject.lower_.endswith("ant")
        and not any(child.dep_ == "det" for child in subject.children)
        and subject.i > 1
        and doc[subject.i - 1].text == ","
        and doc[subject.i - 2].pos_ in ("NOUN", "PROPN")
    ):
        return subject
    before = doc[subject.i - 2]
    while before.dep_ in ("flat:name", "appos", "amod", "flat") and before.head.i < before.i:
        before = before.head
    return before


def _name_after_its_role(doc: Doc, role: Token, name: Token) -> bool:
    """ "L'élue d'opposition Corinne Lestrade a dénoncé", "Son ancien second, Hugo Pagès,
    regrette": the parser made the role and the name two subjects; the name right after the
    role's words is who speaks."""
    if name.ent_type_ not in ("PER", "PERSON") or role.ent_type_ in ("PER", "PERSON"):
        return False
    role_end = max(role.right_edge.i, role.i) + 1
    between = doc[role_end : name.left_edge.i]
    return all(token.text == "," for token in between)


def _author_of_medium(context: DocContext, noun: Token) -> SpeakerMention | None:
    """ "In a statement announcing the pick, the Association … called": the statement is where
    the subject of the main verb speaks, so that subject announces."""
    if noun.lower_ not in DOCUMENT_NOUNS or noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return None
    verb = noun.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subject = next(
        (child for child in verb.children if child.dep_ in SUBJECT_DEPS and child.i > noun.i),
        None,
    )
    return mention_for_subject(context, subject) if subject is not None else None


def mention_for_subject(context: DocContext, token: Token) -> SpeakerMention | None:
    """The speaker mention headed by a subject token, with its apposition."""
    doc = context.doc
    if token.lower_ in SUBJECT_RELATIVES:
        relative_verb = token.head
        if relative_verb.dep_.startswith("acl") and relative_verb.head.i < token.i:
            token = _relative_antecedent(relative_verb.head, token)
        elif token.i > 1 and doc[token.i - 1].text == ",":
            # "selon la gendarmerie, qui précise", "par le tribunal correctionnel, qui a jugé":
            # a broken parse; the noun phrase before the comma is meant.
            token = past_adjectives(doc[token.i - 2])
            if token.pos_ != "NOUN":
                return None
        else:
            return None
    if context.inside_quote[token.i]:
        return None
    dateline_end = _dateline_end(doc, token)
    if dateline_end is not None:
        # "LONDON (Reuters) - Prime Minister Ann Lowe said": the parser took the place line as
        # the subject, and the speaker as its apposition or as a second subject.
        after_dateline = [
            other
            for other in itertools.chain(token.children, token.head.children)
            if other.i > dateline_end and other.dep_ in ("appos", *SUBJECT_DEPS)
        ]
        token = min(after_dateline, key=lambda other: other.i, default=None)
        if token is None:
            return None
    author = _document_author(token)
    token = author or token
    start, end = noun_phrase(token)
    if author is not None and doc[end - 1].dep_ == "case":
        end -= 1  # "Lowe's statement": the possessive mark is not part of the name
    description = None
    for child in token.children:
        if child.dep_ == "appos" or _is_comma_apposition(child):
            description = (child.left_edge.i, child.right_edge.i + 1)
            break
    if description is None:
        # "Le ministre de la justice du pays, Bekir Bozdag, a …": the parser hangs the name on
        # the subject's last noun, or makes it a second subject; right after the subject's
        # comma, it is still the subject's apposition.
        description = next(
            (
                (other.left_edge.i, other.right_edge.i + 1)
                for other in itertools.chain(token.subtree, token.head.children)
                if (other.dep_ == "appos" or (other.dep_ in SUBJECT_DEPS and other.i > token.i))
                and other.left_edge.i == end + 1
                and doc[end].text == ","
            ),
            None,
        )
    if description is None:
        description = appositive_description(doc, end, len(doc))
    mention = build_mention(doc, start, end, description)
    named_before = _name_before_apposition(doc, start, end)
    names_a_person = any(doc[index].ent_type_ in ("PER", "PERSON") for index in range(start, end))
    if mention is not None and not names_a_person and named_before is not None:
        return named_before  # "Jean Dupont, le maire, a dit": the parser took the role
    if mention is not None and description is not None and not names_a_person:
        # "Un des chercheurs de HRW, Ole Solvang": the name is the apposition; "La directrice
        # de l'ARS, Hélène Bourdais, qui s'exprimait lundi, …": its first words.
        first = description[0] + (doc[description[0]].text == ",")
        name_end = first
        while name_end < description[1] and doc[name_end].ent_type_ in ("PER", "PERSON"):
            name_end += 1
        for apposed in (description, (first, name_end)):
            named = build_mention(doc, apposed[0], apposed[1], (start, end))
            if named is not None and named.has_named_entity and named.kind == "person":
                return named
    if mention is not None and not names_a_person:
        named = _name_closing_subject(doc, token, start)
        if named is not None:
            return named
    return mention


def _name_closing_subject(doc: Doc, token: Token, start: int) -> SpeakerMention | None:
    """ "Le vice-président chargé des mobilités, Thomas Reynaud, assure": a role with its own
    complements, then the name between commas that closes the subject before its verb."""
    last = token.right_edge.i
    if last + 1 >= len(doc) or doc[last + 1].text != ",":
        return None
    first = last
    while first > start and doc[first - 1].ent_type_ in ("PER", "PERSON"):
        first -= 1
    if doc[first].ent_type_ not in ("PER", "PERSON"):
        return None
    if first <= start or doc[first - 1].text != ",":
        return None
    # The role is what comes after the subject's last comma before the name.
    role = next((i + 1 for i in range(first - 2, start - 1, -1) if doc[i].text == ","), start)
    named = build_mention(doc, first, last + 1, (role, first - 1))
    return named if named is not None and named.kind == "person" else None


def past_adjectives(last: Token) -> Token:
    """The word the adjectives ending a phrase qualify ("le tribunal correctionnel" ->
    "tribunal"), or `last` itself."""
    token = last
    while token.pos_ == "ADJ" and token.dep_ == "amod" and token.head.i < token.i:
        token = token.head
    return token


def _relative_antecedent(head: Token, relative: Token) -> Token:
    """ "un acte terroriste selon la police, qui précise": the parser may hang the relative
    clause on a noun before a source phrase or a verb; the noun just before "qui" is meant."""
    doc = relative.doc
    nearest = relative.i - 1
    if nearest > head.i and doc[nearest].text == ",":
        nearest -= 1
    if nearest <= head.i or doc[nearest].pos_ not in ("NOUN", "PROPN"):
        return head
    between = doc[head.i + 1 : nearest]
    if not any(
        token.pos_ in ("VERB", "AUX") or token.lower_ in {"selon", "d'après", "d’après"}
        for token in between
    ):
        return head
    token = doc[nearest]
    while token.dep_.startswith("flat") and head.i < token.head.i < token.i:
        token = token.head
    return token


def _name_before_apposition(doc: Doc, start: int, end: int) -> SpeakerMention | None:
    """The person named right before a role in apposition, "Jean Dupont, le maire de …", or the
    body named before a bare description, "Le Hamas, branche palestinienne des Frères …"."""
    if start < 2 or doc[start - 1].text != ",":
        return None
    last = doc[start - 2]
    if last.ent_type_ in ("PER", "PERSON"):
        kind = "person"
        if doc[start:end].root.lower_ not in PERSON_HEADS:
            return None  # "Paul Martin, les syndicats ont …": a new subject, not his role
    elif (
        last.ent_type_ == "ORG"
        # "Le Hamas, branche palestinienne …", "France 2, l'une des chaînes publiques, …"
        and (doc[start].pos_ == "NOUN" or doc[start:end].root.lower_ in ("un", "une"))
        and not any(token.pos_ == "CCONJ" for token in doc[start : end + 1])
        and not any(child.dep_ == "conj" for child in doc[start:end].root.children)
    ):
        kind = "organisation"  # not "L'Unédic, partenaires sociaux et gouvernement ont …"
    else:
        return None
    first = last.i
    while first > 0 and doc[first].ent_iob_ != "B" and doc[first - 1].ent_type_ == last.ent_type_:
        first -= 1
    opening = first - (kind == "organisation" and doc[first - 1].pos_ == "DET")
    # Only a name that opens its clause: "…, a dit Paul Martin, le maire" is another construction.
    if not doc[opening].is_sent_start and doc[opening - 1].pos_ not in ("PUNCT", "SPACE"):
        return None
    named = build_mention(doc, first, last.i + 1, (start, end))
    if named is None or named.kind != kind:
        return None
    return named


def is_present_participle(token: Token) -> bool:
    return token.lower_.endswith(("ant", "ing")) and "Fin" not in token.morph.get("VerbForm")


def is_agent(mention: SpeakerMention | None) -> bool:
    """A person, a body, an unnamed source or a pronoun: what a cue that needs an agent wants as
    its speaker."""
    return mention is not None and (
        mention.is_pronoun or mention.kind in ("person", "organisation", "anonymous")
    )


def is_thing(mention: SpeakerMention | None) -> bool:
    """A common noun that is neither a person, an organisation nor a document."""
    if mention is None or mention.is_pronoun or mention.has_named_entity:
        return False
    words = mention.text.split()
    # "Lynch" or "le juge Martin" that NER missed is still a name.
    capitalised = any(word[:1].isupper() for word in words[1:]) or (
        len(words) == 1 and words[0][:1].isupper()
    )
    sourced = any(word.lower() in ANONYMOUS_WORDS for word in words)
    return mention.kind == "other" and not capitalised and not sourced
