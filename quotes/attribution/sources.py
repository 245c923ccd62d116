"""Source phrases: "selon X", "d'après X", "according to X", "pour X, …", "selon lesquelles"."""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from .context import (
    COMPLEMENTISERS,
    COORDINATORS,
    Candidate,
    DocContext,
    before_gerund,
    before_narration_resumes,
    classify_region,
    cut_at_next_boundary,
    has_finite_clause,
    has_finite_verb,
    is_finite_verb,
    is_reported_clause,
    sentence_bounds,
)
from .cues import AVOIR_FORMS, Cue
from .lexicon import (
    ETRE_FORMS,
    GENITIVES,
    MODAL_FORMS,
    NEGATIONS,
    REPORTED_WORDS,
    SUBORDINATOR_HEADS,
)
from .marks import OPENING_MARKS
from .names import (
    COMPOUND_RELATIVES,
    ELIDED_ARTICLES,
    ORGANISATION_HEADS,
    PERSON_HEADS,
    RELATIVE_WORDS,
    SPEAKER_HEADS,
    STRESSED_PRONOUNS,
    singular_in,
)
from .speakers import (
    SpeakerMention,
    before_agent,
    build_mention,
    implicit_speaker,
    noun_phrase,
)
from .subjects import (
    VERB_GROUP_WORDS,
    appositive_name,
    ends_name,
    is_thing,
    past_adjectives,
    subject_of,
)

# "pour qui", "chez qui", "pour lesquels": a preposition opening a relative clause.
RELATIVE_PREPOSITIONS = frozenset(
    {"pour", "chez", "selon", "avec", "par", "à", "sur", "dans", "sous", "contre", "parmi"}
    | {"for", "with", "in", "to", "on"}
)
# "selon nos informations", "d'après notre enquête": the newsroom's own reporting.
WRITERS_OWN = frozenset({"nos", "notre", "our"})
OWN_FINDINGS = frozenset(
    {"informations", "information", "enquête", "calculs", "constatations", "révélations"}
)
# "pour qui elle reste insuffisante", "pour qui c'est …": a judgement after "pour qui".
COPULAS = ETRE_FORMS | {"reste", "restent", "restait", "demeure", "semble", "semblent", "paraît"}
MAX_VIEW_SUBJECT_TOKENS = 12
MAX_SOURCE_TOKENS = 20
MAX_MID_CLAUSE_SOURCE_TOKENS = 8
MAX_BRACKET_TOKENS = 8
# "D'après le média Ikiriho (NDLR : média proche du pouvoir), …": an aside the writer adds to the
# source, in brackets before its comma, may spell out what the source is.
MAX_SOURCE_ASIDE_TOKENS = 16
# "…, selon X, mais …", "…, selon X, qui …", "…, selon X, que …": the clause turns there.
CLAUSE_TURNS = COORDINATORS | RELATIVE_WORDS | COMPLEMENTISERS
# "Luc Martin, le secrétaire du syndicat,", "Luc Martin, procureur de Lyon,": a role.
ROLE_OPENERS = frozenset({"DET", "NOUN"})
MAX_ROLE_TOKENS = 20
# "selon ce qu'a confié X à l'AFP": the name ends before whom it was said to.
NAME_BREAKS = frozenset({"à", "au", "aux", "lors", "devant", "dans", "sur"})
# "selon la direction plus de 500 000 visiteurs", "selon les pharmaciens à des problèmes":
# words after a bare source phrase's noun that go on with its clause (not "l'adjoint au
# maire", "le Haut Conseil à l'égalité").
COUNT_ADVERBS = frozenset({"plus", "moins", "près", "environ"})
INDEFINITE_AFTER_A = frozenset({"des", "un", "une"})
# "selon ce qu'a confié au Parisien un collègue": the words opening whom it was told, and
# their length at most.
LISTENER_PREPOSITIONS = frozenset({"à", "au", "aux"})
MAX_LISTENER_TOKENS = 6
# "Le bilan, selon la préfecture, s'élève à …": the words a verb group may open with.
VERB_CLITICS = frozenset({"se", "s'", "s’", "ne", "n'", "n’", "y", "en"})


def _source_phrase_end(context: DocContext, index: int) -> int:
    """End of the X in "selon X": through participles ("un sondage publié dans …"), not verbs."""
    doc = context.doc
    end = index
    in_relative_clause = False
    while end < len(doc) and end - index < MAX_SOURCE_TOKENS:
        token = doc[end]
        if context.inside_quote[end] and end > index and _names_a_title(doc[end - 1]):
            # "selon un rapport de l'INSEE sur « Les revenus des ménages »": the title is the
            # source's, not a quote.
            quote = context.quote_at(token.idx)
            while end < len(doc) and quote is not None and doc[end].idx < quote.close_end:
                end += 1
            continue
        if ends_name(token) or context.inside_quote[end]:
            break
        if token.lower_ in RELATIVE_WORDS and end > index:
            in_relative_clause = True  # "a senior official who spoke on condition of anonymity"
        finite = token.pos_ in ("VERB", "AUX") and "Part" not in token.morph.get("VerbForm")
        if finite and not in_relative_clause and not _verb_in_name_or_participle(doc, end, index):
            break
        end += 1
    return end


def _verb_in_name_or_participle(doc: Doc, position: int, start: int) -> bool:
    """ "selon le Hollywood Reporter": a capitalised word inside a name; "le classement établit
    par RSF": a participle the tagger took for a finite verb, before its agent."""
    return (position > start and doc[position].is_title) or before_agent(doc[position])


def _names_a_title(token: Token) -> bool:
    """ "un rapport sur", "une étude intitulée", "le livre de": what may come before a title."""
    return token.pos_ == "ADP" or token.lower_.startswith(("intitulé", "titled", "entitled"))


def is_mid_clause_source(context: DocContext, cue: Cue) -> bool:
    """ "le polonium est, selon lui, une substance": the source phrase sits inside the clause."""
    doc = context.doc
    index = cue.end
    while index < len(doc) and index - cue.end < MAX_MID_CLAUSE_SOURCE_TOKENS:
        if doc[index].text == ",":
            following = doc[index + 1] if index + 1 < len(doc) else None
            if following is None or following.is_sent_start or not following.is_alpha:
                return False
            if following.lower_ in RELATIVE_WORDS:
                return False  # "…, selon ERDF, qui espère …": a clause about the source
            if following.lower_ in COORDINATORS:
                return False  # "… décédées selon le journal, mais des témoins …": it ends here
            # The words after the phrase depend on the clause before it, not on the source
            # ("selon Joseph Lhota, le président de …" is an apposition of the source).
            head = following
            while head.head.i > index and head.head.i != head.i:
                head = head.head
            return head.head.i < cue.start
        if doc[index].text in {".", ";", "!", "?"} or doc[index].is_space:
            return False
        index += 1
    return False


def source_candidate(context: DocContext, cue: Cue, boundaries: list[int]) -> Candidate | None:
    """ "selon X, CONTENT", "CONTENT, selon X", "d'après X", "according to X", "pour X, …"."""
    doc = context.doc
    index = cue.end
    if index + 1 < len(doc) and doc[index].text == "," and doc[index + 1].ent_type_:
        index += 1  # "D'après, Jean Petaux, politologue, …": a stray comma
    if (
        index + 1 < len(doc)
        and doc[index].lower_ in WRITERS_OWN
        and doc[index + 1].lower_ in OWN_FINDINGS
    ):
        return None  # "Selon nos informations, …": the newsroom's own reporting, no source
    if index < len(doc) and (
        doc[index].lower_ in COMPOUND_RELATIVES
        or (doc[index].lower_ == "qui" and (cue.kind == "pour" or cue.lemma == "selon"))
    ):
        return _relative_source_candidate(context, cue, boundaries)
    said = _said_by(context, index)
    if said is not None:
        speaker, end = said
    else:
        end = _source_phrase_end(context, index)
        if end == index:
            return None
        speaker = build_mention(doc, index, end)
    if speaker is None:
        return None
    named = None
    if _is_role(doc, index, end, speaker):
        named = appositive_name(context, index, end, len(doc))
    if named is not None:
        # "Selon son producteur, Michel Nouader, son état …": the name is the source, its
        # party in brackets too ("Laurent Wauquiez (LR),").
        after_name = _after_brackets(doc, named[1])
        # "…, selon son directeur, Marc Guiraud.": the name may close the sentence too.
        if after_name >= len(doc) or doc[after_name].text in {",", ".", ";", "!", "?"}:
            speaker, end = named[0], after_name
    # "Selon l'Ufip (Union française des industries pétrolières), …": the aside is the source's
    # and the content opens after the comma. "Pour" also gives a point of view ("Pour l'ALN
    # (Armée de libération nationale), cette journée fut …"), so there only a person's aside.
    after_aside = _after_brackets(doc, end, MAX_SOURCE_ASIDE_TOKENS)
    if (
        after_aside < len(doc)
        and doc[after_aside].text == ","
        and (cue.kind != "pour" or speaker.kind == "person")
    ):
        end = after_aside
    if cue.lemma == "pour" and not _plausible_source(doc, index, end, speaker):
        return None
    if (
        cue.kind == "pour"
        and cue.lemma != "pour"
        and not (
            speaker.has_named_entity
            or speaker.is_pronoun
            or speaker.kind in ("person", "organisation")
        )
    ):
        return None  # "aux yeux de tous": no one in particular
    if speaker.kind == "person" and speaker.has_named_entity:
        end = _after_role_apposition(context, end)
    sentence_start, sentence_end = sentence_bounds(context, doc[cue.start])
    inside = _inside_clause_unmarked(context, cue, sentence_start, sentence_end, boundaries)
    if inside is not None:
        return inside
    if cue.kind != "pour":
        phrase = _verbless_phrase_before(context, cue, sentence_start)
        if phrase is not None:
            return Candidate(*phrase, cue, speaker, "source")
    around = _around_subject_and_verb(context, cue, end, sentence_start, sentence_end, boundaries)
    if around is not None:
        return Candidate(*around, cue, speaker, "source")
    after: tuple[int, int, str] | None = None
    adverbial_after = False
    if (end < len(doc) and doc[end].text in {",", ":"}) or (
        end < len(doc) and context.inside_quote[end]
    ):
        after_start = doc[end].idx + (1 if doc[end].text in {",", ":"} else 0)
        if end + 1 < len(doc) and not doc[end + 1].is_space:
            # The parser sometimes ends the sentence at "Selon Météo France,".
            sentence_end = max(sentence_end, sentence_bounds(context, doc[end + 1])[1])
        if after_start < sentence_end:
            after_end = cut_at_next_boundary(context, after_start, sentence_end)
            after_end = before_gerund(context, after_start, after_end)
            after_end = before_narration_resumes(context, after_start, after_end)
            position = bisect.bisect_right(boundaries, after_start)
            if position < len(boundaries) and boundaries[position] < after_end:
                after_end = boundaries[position]
            region = classify_region(context, after_start, after_end)
            whole = _whole_clause(context, cue, sentence_start, region, speaker)
            if whole is not None:
                return Candidate(*whole, cue, speaker, "source")
            if region is not None and (
                region[2] != "indirect" or has_finite_verb(doc, region[0], region[1])
            ):
                words = context.text[region[0] : region[1]].lower().split()
                if (
                    cue.kind == "pour"
                    and not doc[cue.start].is_sent_start
                    and _opens_infinitive(context, region[0])
                ):
                    # "impossible, pour Froome, d'utiliser ce vélo": no view (but "Pour le
                    # maire, de devoir fermer l'école est un crève-cœur" is one)
                    return None
                # "…, selon la police, qui précise que …", "…, d'après l'ONU, pour qui …": a
                # relative clause describes the source; the content is the clause before it.
                relative = words[0] in RELATIVE_WORDS or (
                    len(words) > 1
                    and words[0] in RELATIVE_PREPOSITIONS
                    and words[1] in RELATIVE_WORDS
                )
                # "selon le lieutenant X, de l'Office central …, « … »": the source's body.
                affiliation = (
                    (words[0] in ("de", "du") or words[0].startswith(("d'", "d’")))
                    and speaker.kind == "person"
                    and _verbless_up_to_comma(context, region)
                )
                # "L'homme a été interpellé, selon la police, alors qu'il tentait de fuir":
                # an adverbial clause after the source hangs on the clause before it.
                adverbial_after = (
                    len(words) > 1
                    and words[0] in SUBORDINATOR_HEADS
                    and (words[1] in COMPLEMENTISERS or words[1].startswith(("qu'", "qu’")))
                    and has_finite_clause(doc, sentence_start, doc[cue.start].idx)
                )
                if (
                    words[0] not in COORDINATORS
                    and not relative
                    and not affiliation
                    and not adverbial_after
                ):
                    after = region
                elif (
                    (relative or affiliation)
                    and cue.kind == "source"
                    and not has_finite_verb(doc, sentence_start, doc[cue.start].idx)
                ):
                    # "Selon René Ricol, qui a collaboré avec lui, François Fillon …", "selon le
                    # lieutenant X, de l'Office central …, « … »": nothing said before the
                    # source, so the content follows the words describing it.
                    after = _after_source_description(context, region)
    if after is not None:
        return Candidate(*after, cue, speaker, "source")
    if cue.lemma == "pour" or (is_mid_clause_source(context, cue) and not adverbial_after):
        return None
    before_end = doc[cue.start].idx
    region = classify_region(context, sentence_start, before_end)
    if region is None or not has_finite_clause(doc, region[0], region[1]):
        return None
    if region[2] == "indirect":
        region = _without_leading_adjunct(context, region)
    return Candidate(*region, cue, speaker, "source")


def _opens_infinitive(context: DocContext, start: int) -> bool:
    """Whether the words at start are "de" and an infinitive ("d'utiliser ce vélo")."""
    doc = context.doc
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    if first is None or first[0].lower_ not in ("de", "d'", "d’"):
        return False
    index = first[0].i + 1
    return index < len(doc) and "Inf" in doc[index].morph.get("VerbForm")


def _around_subject_and_verb(
    context: DocContext,
    cue: Cue,
    end: int,
    sentence_start: int,
    sentence_end: int,
    boundaries: list[int],
) -> tuple[int, int, str] | None:
    """ "Le bilan, selon la préfecture, fait état d'un mort", "Les chiffres, selon le Métro, sont
    de …": a source phrase between a clause's subject and its verb stands inside the content,
    which is the whole clause."""
    doc = context.doc
    if (
        cue.kind != "source"
        or cue.start < 2
        or doc[cue.start - 1].text != ","
        or end + 1 >= len(doc)
        or doc[end].text != ","
    ):
        return None
    following = doc[end + 1]
    subject = [token for token in doc if sentence_start <= token.idx < doc[cue.start - 1].idx]
    if not subject or any(context.inside_quote[token.i] or token.text == ":" for token in subject):
        return None
    last = subject[-1]
    if (last.pos_ == "AUX" or last.lower_ in ETRE_FORMS | AVOIR_FORMS) and not any(
        token.pos_ in ("VERB", "AUX") for token in subject[:-1]
    ):
        # "Le suspect aurait, d'après ses proches, quitté le pays", "Le polonium est, selon
        # lui, une substance …": the verb group goes on after the source phrase.
        if not following.is_alpha or following.lower_ in CLAUSE_TURNS:
            return None
    elif any(token.pos_ in ("VERB", "AUX") or token.text == "," for token in subject) or not (
        following.pos_ in ("VERB", "AUX") or following.lower_ in VERB_CLITICS
    ):
        return None  # "…, qui aurait, selon X, zigzagué": a clause before, not a subject
    start = subject[0].idx
    content_end = cut_at_next_boundary(context, doc[end + 1].idx, sentence_end)
    position = bisect.bisect_right(boundaries, doc[end + 1].idx)
    if position < len(boundaries) and boundaries[position] < content_end:
        content_end = boundaries[position]
    return classify_region(context, start, content_end)


def _bare_source_end(context: DocContext, index: int, *, after_auxiliary: bool = False) -> int:
    """End of the X of a source phrase with no comma after it ("selon Deutsche Welle une mesure",
    "selon le groupe a accroitre"): its noun phrase, up to the clause's next determiner or verb;
    after an auxiliary, up to its participle too ("aurait selon une source proche de l'enquête
    été victime")."""
    doc = context.doc
    end, seen_noun = index, False
    while end < len(doc) and end - index < MAX_SOURCE_TOKENS:
        token = doc[end]
        elided = token.text.endswith(("'", "’"))  # "de l'enquête", "d'Alzheimer"
        if not (token.is_alpha or elided or token.text == "-") or context.inside_quote[end]:
            break
        participle = "Part" in token.morph.get("VerbForm")
        # "l'agence Anatolie connue pour être proche du gouvernement": a participle's own verb.
        completes_participle = (
            "Inf" in token.morph.get("VerbForm")
            and end - index >= 2
            and doc[end - 1].pos_ == "ADP"
            and "Part" in doc[end - 2].morph.get("VerbForm")
        )
        if (
            token.pos_ in ("VERB", "AUX")
            and (not participle or after_auxiliary)
            and not completes_participle
        ):
            break
        if token.lower_ in COORDINATORS:
            break
        # "selon la direction plus de 500 000 visiteurs", "liée selon les pharmaciens à des
        # problèmes": a count or a complement with "à" after the noun is the clause's again.
        if seen_noun and (
            token.pos_ == "NUM"
            or token.lower_ in COUNT_ADVERBS
            or (
                token.lower_ == "à"
                and end + 1 < len(doc)
                and doc[end + 1].lower_ in INDEFINITE_AFTER_A
            )
        ):
            break
        # A determiner after the noun opens the clause's next phrase, unless a name follows it
        # in apposition ("le journal Le Monde") or a preposition precedes it ("publié dans le").
        apposed = end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN"
        if token.pos_ == "DET" and seen_noun and doc[end - 1].pos_ != "ADP" and not apposed:
            break
        seen_noun = seen_noun or token.pos_ in ("NOUN", "PROPN")
        end += 1
    return end


def _whole_clause(
    context: DocContext,
    cue: Cue,
    sentence_start: int,
    after: tuple[int, int, str] | None,
    speaker: SpeakerMention,
) -> tuple[int, int, str] | None:
    """ "Le budget, selon sa cheffe de file, « sacrifie l'investissement »", "Le préjudice
    s'élèverait, d'après la gendarmerie, à 8 000 euros", "La décision est, aux yeux du
    collectif, « un scandale »": a source phrase or a point of view set between commas inside
    its clause, after the subject or the verb; the content is the whole clause."""
    doc = context.doc
    if after is None or cue.start < 2:
        return None
    if cue.lemma not in ("selon", "d'après") and cue.kind != "pour":
        return None
    if cue.kind != "pour" and not (
        speaker.has_named_entity
        or speaker.is_pronoun
        or speaker.kind in ("person", "organisation", "anonymous")
    ):
        return None  # "se tiendront, selon le calendrier prévu, en juin": no one speaks
    words = {token.lower_ for token in doc[cue.end : cue.end + 2]}
    if doc[cue.start - 1].text != "," or words & REPORTED_WORDS:
        return None  # "est, selon l'expression de X, « … »": the marked words alone
    before = doc.char_span(sentence_start, doc[cue.start - 1].idx, alignment_mode="expand")
    colon = next((token for token in reversed(before or []) if token.text == ":"), None)
    if colon is not None:
        before = doc[colon.i + 1 : before.end]  # "… se veut optimiste : le niveau est, selon lui,"
    if before is None or not len(before) or before[0].pos_ not in ("DET", "NOUN", "PROPN", "PRON"):
        return None  # "Vers 10 h, selon …": an adjunct, not the clause's subject
    if any(
        token.text in {",", ":", ";", "«", "»"} or token.lower_ in COMPLEMENTISERS
        for token in before
    ):
        return None
    rest = doc.char_span(after[0], after[1], alignment_mode="expand")
    if rest is None or not len(rest):
        return None
    if cue.lemma == "pour" and not any(context.inside_quote[token.i] for token in rest):
        return None  # "Ce match est, pour Kylian Mbappé, le dernier …": a fact about X
    first = next((token for token in rest if token.text not in OPENING_MARKS), rest[0])
    # "Cela dit, pour le vice-procureur, cette somme pourrait …": a new subject after the
    # source; the words before it were an adjunct, not a clause broken by the source.
    subject = first if first.dep_ != "det" else first.head
    opens_subject = subject.dep_.startswith("nsubj") and subject.head.pos_ in ("VERB", "AUX")
    ends_on_verb = (
        before[-1].pos_ in ("VERB", "AUX") and is_finite_verb(before[-1]) and not opens_subject
    )
    subject_only = not has_finite_verb(doc, before.start, before.end)
    # "Le chômage, aux yeux de X, « risque de remonter »": a quoted predicate.
    opens_predicate = (
        first.pos_ in ("VERB", "AUX")
        or first.lower_ in NEGATIONS
        or rest[0].text in OPENING_MARKS
        or context.inside_quote[rest[0].i]
    )
    if not (ends_on_verb or (subject_only and opens_predicate)):
        return None
    quote = context.quote_at(after[0]) if after[2] == "direct" else None
    return classify_region(context, before.start_char, quote.close_end if quote else after[1])


def _inside_clause_unmarked(
    context: DocContext,
    cue: Cue,
    sentence_start: int,
    sentence_end: int,
    boundaries: list[int],
) -> Candidate | None:
    """ "Cette mesure est selon Deutsche Welle une rétorsion", "La valeur selon Le Monde a
    perdu …": a source phrase inside its clause with no comma on either side stands in the
    content, which is the whole clause around it."""
    doc = context.doc
    if cue.kind != "source" or cue.start == 0 or doc[cue.start - 1].idx < sentence_start:
        return None
    stressed = doc[cue.end].lower_ in STRESSED_PRONOUNS
    if not doc[cue.start - 1].is_alpha or (doc[cue.end].pos_ == "PRON" and not stressed):
        return None  # "tués selon ce qui ne constitue qu'un bilan": no source
    after_auxiliary = doc[cue.start - 1].lower_ in ETRE_FORMS | AVOIR_FORMS
    before = context.text[sentence_start : doc[cue.start].idx]
    if "," in before and not has_finite_verb(doc, sentence_start, doc[cue.start].idx):
        return None  # "Cette restructuration, destinée selon le groupe à …": an aside's source
    # "Cela est dû selon eux au fait que …": a pronoun is the whole source.
    if stressed:
        end = cue.end + 1
    else:
        end = _bare_source_end(context, cue.end, after_auxiliary=after_auxiliary)
    if end == cue.end or end >= len(doc) or doc[end].idx >= sentence_end:
        return None
    following = doc[end]
    if (
        not (following.is_alpha or following.lower_ in ELIDED_ARTICLES)
        or following.is_title  # "selon le quotidien El Pais": still the source's name
        or following.lower_ in COORDINATORS | RELATIVE_WORDS
    ):
        return None
    speaker = build_mention(doc, cue.end, end)
    if speaker is None:
        return None
    content_end = cut_at_next_boundary(context, following.idx, sentence_end)
    position = bisect.bisect_right(boundaries, following.idx)
    if position < len(boundaries) and boundaries[position] < content_end:
        content_end = boundaries[position]
    start = sentence_start
    # "…, qui attirent selon elle un public « … »": a relative clause after a comma is the
    # clause around the source phrase.
    commas = [
        token for token in doc[: cue.start] if token.idx >= sentence_start and token.text == ","
    ]
    if commas and commas[-1].i + 2 < cue.start and doc[commas[-1].i + 1].lower_ == "qui":
        start = doc[commas[-1].i + 1].idx
        # "Le musée, qui accueille selon la direction …, va fermer": the relative clause ends
        # at its comma.
        closing = next(
            (token.idx for token in doc[end:] if token.text == "," and token.idx < content_end),
            None,
        )
        if closing is not None:
            content_end = closing
    region = classify_region(context, start, content_end)
    if region is None or not has_finite_clause(doc, region[0], region[1]):
        return None
    return Candidate(*region, cue, speaker, "source")


def _verbless_up_to_comma(context: DocContext, region: tuple[int, int, str]) -> bool:
    """ "de l'Office central …, « … »": a phrase with no verb, closed by a comma before any
    quote ("de nombreux habitants ont quitté …" is the content itself)."""
    span = context.doc.char_span(region[0], region[1], alignment_mode="contract")
    if span is None or len(span) < 2:
        return False
    second = span[1]
    if span[0].lower_ == "de" and not (
        second.pos_ == "PROPN" or (second.pos_ == "DET" and "Def" in second.morph.get("Definite"))
    ):
        return False  # "de nombreux habitants, inquiets, ont …": a partitive, not a body
    for token in span:
        if context.inside_quote[token.i] or "Fin" in token.morph.get("VerbForm"):
            return False
        if token.text == ",":
            return True
    return False


def _after_source_description(
    context: DocContext, region: tuple[int, int, str]
) -> tuple[int, int, str] | None:
    """The content after the comma that closes a clause describing the source, if any."""
    doc = context.doc
    span = doc.char_span(region[0], region[1], alignment_mode="contract")
    if span is None:
        return None
    for token in span[1:]:
        if token.text == "," and not context.inside_quote[token.i]:
            rest = classify_region(context, token.idx + 1, region[1])
            if rest is not None and is_reported_clause(context, rest):
                return rest
            return None
        if context.inside_quote[token.i]:
            return None
    return None


def _is_role(doc: Doc, start: int, end: int, speaker: SpeakerMention) -> bool:
    """ "Selon son producteur, Michel Nouader, son état …": a role, whose holder a name after
    the comma names. Not a name already, nor a medium or a document that names its author
    ("selon Reuters, David Petraeus, ancien directeur de la CIA, sera …", "selon une étude
    publiée par X, François Hammer, … sont parvenus"): the name after them opens the content."""
    if any(doc[position].ent_type_ in ("PER", "PERSON") for position in range(start, end)):
        return False
    if speaker.kind == "person":
        return True  # "la présidente de Médecins du monde"
    return speaker.kind != "organisation" and not any(
        doc[position].pos_ == "PROPN" for position in range(start, end)
    )


def _after_role_apposition(context: DocContext, end: int) -> int:
    """ "D'après Luc Martin, le secrétaire du syndicat, …": the role after the name is part of
    the source, up to its closing comma; the content starts after it."""
    doc = context.doc
    if end + 1 >= len(doc) or doc[end].text != "," or doc[end + 1].pos_ not in ROLE_OPENERS:
        return end
    head = next((token for token in doc[end + 1 : end + 4] if token.pos_ == "NOUN"), None)
    if head is None or head.lower_ not in PERSON_HEADS:
        return end  # "Pour Lucie Garnier, la réforme, « … »": a topic, not her role
    close = end + 1
    while close < len(doc) and close - end <= MAX_ROLE_TOKENS:
        token = doc[close]
        if ends_name(token) or context.inside_quote[close] or token.pos_ in ("VERB", "AUX"):
            break
        close += 1
    if close < len(doc) and doc[close].text == "," and close + 1 < len(doc):
        following = doc[close + 1]
        if following.lower_ not in RELATIVE_WORDS and following.lower_ not in COORDINATORS:
            return close
    return end


def _said_by(context: DocContext, index: int) -> tuple[SpeakerMention | None, int] | None:
    """ "selon ce qu'a confié X à l'AFP, …", "selon les propos de X": who said it, and where
    the source phrase ends."""
    doc = context.doc
    if index + 2 >= len(doc):
        return None
    first, second = doc[index].lower_, doc[index + 1].lower_
    if first in REPORTED_WORDS and second in GENITIVES:
        start = index + 2
    elif (
        doc[index].pos_ == "DET"
        and second in REPORTED_WORDS
        and index + 3 < len(doc)
        and doc[index + 2].lower_ in GENITIVES
    ):
        start = index + 3  # "selon les informations du journal"
    elif (
        "Yes" in doc[index].morph.get("Poss")
        and second in REPORTED_WORDS
        and doc[index + 2].lower_ not in GENITIVES
    ):
        # "Selon ses propos, il n'aurait consommé que …": the possessor, named before, speaks.
        return implicit_speaker(doc[index].idx), index + 2
    elif first == "ce" and second in COMPLEMENTISERS:
        start = index + 2
        while start < len(doc) and doc[start].pos_ in ("AUX", "VERB"):
            start += 1  # "ce qu'a confié", "ce qu'ont déclaré"
        if start < len(doc) and doc[start].lower_ in LISTENER_PREPOSITIONS:
            # "ce qu'a confié à Reuters une personne au fait du dossier": whom it was told.
            listener = doc[start + 1 : start + 1 + MAX_LISTENER_TOKENS]
            subject = next(
                (
                    token.i
                    for token in listener
                    if token.is_punct
                    or (
                        token.pos_ in ("DET", "NUM")
                        and any(word.pos_ in ("NOUN", "PROPN") for word in doc[start : token.i])
                    )
                ),
                None,
            )
            if subject is not None and not doc[subject].is_punct:
                start = subject
    else:
        return None
    end = _source_phrase_end(context, start)
    name_end = next(
        (position for position in range(start, end) if doc[position].lower_ in NAME_BREAKS), end
    )
    if name_end == start:
        return None
    return build_mention(doc, start, name_end), end


def _verbless_phrase_before(
    context: DocContext, cue: Cue, sentence_start: int
) -> tuple[int, int, str] | None:
    """ "13 500 personnes selon la police, 100 000 selon les organisateurs", "Nolan L., proche de
    l'extrême droite selon son entourage, est …", "(6 000 selon la préfecture)": a phrase
    without a verb, opened by a comma, a bracket or the sentence, is what the source says."""
    doc = context.doc
    index = cue.start - 1
    end = index + 1
    while index >= 0 and doc[index].idx >= sentence_start and end - index <= MAX_SOURCE_TOKENS:
        token = doc[index]
        if token.text in {",", "(", ";", ":"} or context.inside_quote[index]:
            break
        if token.pos_ in ("VERB", "AUX"):
            return None
        index -= 1
    else:
        if index >= 0 and doc[index].idx >= sentence_start:
            return None  # too long to be a phrase
    if index + 1 >= end or (index >= 0 and context.inside_quote[index]):
        return None
    if doc[end - 1].text == ")" or doc[index + 1].lower_ in COORDINATORS:
        return None  # "(2 h UTC) selon …" closes an aside; ", mais selon X, …" opens a clause
    if doc[index + 1].pos_ == "ADP" or all(token.pos_ == "ADV" for token in doc[index + 1 : end]):
        return None  # ", toujours selon la CFL, que …", "En fin d'après-midi": no content
    return classify_region(context, doc[index + 1].idx, doc[end - 1].idx + len(doc[end - 1]))


def _without_leading_adjunct(
    context: DocContext, region: tuple[int, int, str]
) -> tuple[int, int, str]:
    """ "Malgré les apparences (à Nice, à Berlin), il ne s'agirait pas …, selon la police":
    the writer's opening phrase, up to its comma, is not what the source says."""
    span = context.doc.char_span(region[0], region[1], alignment_mode="contract")
    if span is None or not len(span) or span[0].pos_ != "ADP":
        return region
    depth = 0
    for token in span:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth = max(0, depth - 1)
        elif "Fin" in token.morph.get("VerbForm"):
            return region
        elif token.text == "," and depth == 0:
            rest = classify_region(context, token.idx + 1, region[1])
            if rest is not None and has_finite_clause(context.doc, rest[0], rest[1]):
                return rest
            return region
    return region


def _relative_source_candidate(
    context: DocContext, cue: Cue, boundaries: list[int]
) -> Candidate | None:
    """ "des informations selon lesquelles CONTENT": the noun before "selon" is the source."""
    doc = context.doc
    antecedent = cue.start - 1
    if antecedent > 0 and doc[antecedent].text == ",":
        antecedent -= 1  # "au ministère, selon lequel …"
    if antecedent < 0:
        return None
    token = past_adjectives(doc[antecedent])  # "Le patron de la banque centrale, selon qui"
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    while token.dep_.startswith(("nmod", "flat")) and token.head.i < token.i:
        token = token.head  # "ministère de la Justice": the head, not "Justice"
    speaker = build_mention(doc, *noun_phrase(token))
    if speaker is not None and is_thing(speaker) and token.dep_.startswith(("obj", "obl")):
        # "Le Canard enchaîné a révélé des informations selon lesquelles …": who revealed them.
        verb = token.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        revealer = subject_of(context, verb)
        if revealer is not None and not is_thing(revealer):
            speaker = revealer
    content_start = cue.end + 1
    if speaker is None or content_start >= len(doc):
        return None
    if (
        doc[cue.end].lower_ == "qui"
        and cue.kind == "pour"
        and (
            token.left_edge.is_sent_start
            or not (speaker.has_named_entity or speaker.kind == "organisation")
            or not _states_a_view(doc[cue.end])
        )
    ):
        return None  # "Les familles pour qui la rentrée coûte cher recevront": whom it concerns
    start = doc[content_start].idx
    _, sentence_end = sentence_bounds(context, doc[cue.start])
    if doc[cue.start - 1].text == "," and cue.kind != "pour":
        # "Son producteur, selon qui « rien n'est décidé », doit s'exprimer": the relative
        # clause set between commas ends at the comma where the main clause's verb resumes
        # (not at an aside: "selon lesquels la maladie, apparue en juillet, a tué …"; "pour
        # qui" states a view that may run on).
        sentence_end = next(
            (
                token.idx
                for token in doc[content_start:]
                if token.text == ","
                and not context.inside_quote[token.i]
                and token.idx < sentence_end
                and _main_verb_resumes(doc, token.i + 1)
                and any(is_finite_verb(word) for word in doc[content_start : token.i])
            ),
            sentence_end,
        )
    end = cut_at_next_boundary(context, start, sentence_end)
    position = bisect.bisect_right(boundaries, start)
    if position < len(boundaries) and boundaries[position] < end:
        end = boundaries[position]
    region = classify_region(context, start, end)
    if region is None or not is_reported_clause(context, region):
        return None
    return Candidate(*region, cue, speaker, "source")


def _main_verb_resumes(doc: Doc, index: int) -> bool:
    """Whether a finite verb, after its clitics and negation, stands at index: ", doit
    s'exprimer", ", n'a pas souhaité", ", confirmera"."""
    while index < len(doc) and doc[index].lower_ in VERB_GROUP_WORDS:
        index += 1
    return index < len(doc) and is_finite_verb(doc[index])


def _states_a_view(relative: Token) -> bool:
    """ "pour qui elle reste insuffisante", "pour qui c'est …", "pour qui seule une hausse
    pourrait être acceptable", "pour qui « … »": a judgement, X's view; not an act done for X
    ("Jacques Chirac, pour qui il a écrit des discours", "Nahel, pour qui une marche a été
    organisée")."""
    doc = relative.doc
    for index in range(relative.i + 1, min(len(doc), relative.i + 1 + MAX_VIEW_SUBJECT_TOKENS)):
        token = doc[index]
        if token.text in OPENING_MARKS:
            return True
        if token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm"):
            following = doc[index + 1].lower_ if index + 1 < len(doc) else ""
            return token.lower_ in COPULAS or (token.lower_ in MODAL_FORMS and following == "être")
    return False


def _after_brackets(doc: Doc, index: int, limit: int = MAX_BRACKET_TOKENS) -> int:
    """The token after a bracketed group opening at index ("(LR)"), or index when none opens."""
    if index >= len(doc) or doc[index].text != "(":
        return index
    for position in range(index + 1, min(len(doc), index + limit)):
        if doc[position].text == ")":
            return position + 1
    return index


def _plausible_source(doc: Doc, start: int, end: int, speaker: SpeakerMention) -> bool:
    """ "Pour X," introduces a source only when X is a person or an organisation."""
    if speaker.is_pronoun:
        return doc[start].lower_ in STRESSED_PRONOUNS
    if end >= len(doc) or doc[end].text != ",":
        return False
    head = doc[start:end].root
    if speaker.has_named_entity and speaker.kind in ("person", "organisation"):
        # "Pour Laurent Berger,", "pour le syndicat CGT,"; not "pour les 41 ans du président
        # Emmanuel Macron,": the name must head the phrase, or a role or a body do.
        return not (
            head.pos_ == "NOUN"
            and not head.ent_type_
            and not singular_in(head.lower_, SPEAKER_HEADS)
        )
    # "Pour les Gilets jaunes,": a capitalised noun inside the sentence names a group.
    if head.text[:1].isupper() and (head.pos_ == "PROPN" or not head.is_sent_start):
        return True
    return head.lower_ in PERSON_HEADS or head.lower_ in ORGANISATION_HEADS
