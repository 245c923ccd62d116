"""Content after a reporting verb: "X a déclaré que …", "X a précisé : « … »", "X a annoncé Y"."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from .context import (
    COMPLEMENTISERS,
    COORDINATORS,
    SUBJECT_DEPS,
    Candidate,
    DocContext,
    classify_region,
    continues_previous_sentence,
    count_words,
    cut_at_next_boundary,
    is_finite_verb,
    is_passive,
    is_reported_clause,
    opens_subordinate_clause,
    sentence_bounds,
)
from .cues import Cue
from .lexicon import (
    CONDITION_MARKERS,
    ETRE_FORMS,
    GENITIVES,
    NEGATIONS,
    SUBORDINATOR_HEADS,
    TIME_WORDS,
    word_set,
)
from .marks import CLOSING_MARKS
from .names import ELIDED_ARTICLES, GENERIC_PRONOUNS
from .nominal import ATTRIBUTION_NOUNS
from .speakers import SpeakerMention, build_mention
from .subjects import (
    VERB_GROUP_WORDS,
    aside_length,
    aside_length_from,
    cue_subject,
    is_agent,
    is_auxiliary,
    is_present_participle,
    is_thing,
    mention_for_subject,
    relative_que_before,
    subject_of,
    verb_group_start,
)

CLAUSE_STOPS = frozenset({".", ";", "!", "?", "…"})
FULL_STOPS = frozenset({".", "!", "?"})
# What the parser makes of a verb's noun-phrase object ("l'ouverture" may come out obl:mod).
OBJECT_DEPS = frozenset({"obj", "obl", "obl:mod", "obl:arg"})
# "après des semaines", "lors d'une conférence": a time adjunct of the verb, not its object's.
TIME_PREPOSITIONS = frozenset({"lors", "après", "pendant", "durant"})
# "a déclaré plusieurs fois avoir …": nouns counting times, which the parser may make objects.
TIME_COUNTS = frozenset({"fois", "veille", "lendemain"})
PURPOSE_MARKER = "pour"
# "en début de matinée", "en fin de journée": the part of a time span a time phrase names.
PHASE_NOUNS = frozenset({"début", "fin", "milieu"})
TIMES_OF_DAY = frozenset({"matin", "matinée", "après-midi", "soir", "soirée", "nuit", "journée"})
PREPOSITIONS = word_set("prepositions")
ELIDED_CLITICS = frozenset(
    {"s'", "s’", "se", "l'", "l’", "le", "la", "les", "en", "y", "lui", "leur"}
)
INFINITIVE_CLITICS = ELIDED_CLITICS | {"ne", "n'", "n’", "pas", "plus", "jamais", "rien"}
NEGATION_PARTICLES = frozenset({"ne", "n'", "n’"})
COMPARATIVES = frozenset({"plus", "moins", "aussi", "autant", "si"})
CONJUNCTION_HEADS = SUBORDINATOR_HEADS | {
    "ainsi", "lors", "pour", "de", "sorte", "moment", "fois", "plus", "moins", "autant", "aussi"
}  # fmt: skip
# "estime ainsi que …", "a aussi déclaré que", "précise bien que": after a verb, these adverbs
# leave "que" its own.
ADVERBS_BEFORE_QUE = frozenset({"ainsi", "aussi", "bien"})
MIN_OBJECT_WORDS = 3
# "leur version", "son choix", "sa décision": nouns for what someone said or chose, which a short
# object uses to refer back to it.
SPEECH_NOUNS = frozenset(
    {"version", "position", "choix", "décision", "propos", "avis", "déclaration", "annonce",
     "nouvelle", "information", "réponse", "opinion", "intention", "souhait", "volonté"}
)  # fmt: skip
# "a confirmé les soupçons de la police", "a démenti les rumeurs": what was said before.
CONFIRMING_VERBS = frozenset({"confirmer", "démentir", "infirmer", "corroborer"})
HEARSAY_NOUNS = frozenset({"soupçon", "rumeur", "accusation", "allégation", "affirmation"})
GENITIVE_MARKERS = frozenset({"de", "d'", "d’"})
# "« A », un par trimestre, pour « B »": the writer's words that join quotes of one report.
MAX_WORDS_BETWEEN_QUOTES = 6
# "Du côté de X, on …", "Au sein de X, on …": who "on" is.
SIDE_FRAMES = frozenset({("du", "côté"), ("au", "sein")})
MAIN_CLAUSE_SUBJECTS = frozenset({"il", "elle", "ils", "elles", "he", "she", "they"})
# "se dit contre le référendum", "s'est déclaré pour la réforme": a stance, like an adjective.
STANCE_PREPOSITIONS = frozenset({"contre", "pour"})
SECOND_CLAUSE_OPENERS = frozenset({"que", "qu'", "qu’"})
MAX_SCAN_TOKENS = 16
# What a main clause may open with after a fronted subordinate one: its subject.
MAIN_CLAUSE_OPENERS = frozenset({"DET", "PROPN", "PRON", "NOUN"})
# ", tandis que …", ", alors que …", ", alors même que …" after a report.
CONTRAST_HEADS = frozenset({"tandis", "alors", "whereas", "while"})
# "…, mais l'explication ne convainc pas", "…, ni les organisations patronales": after a comma,
# a new clause, not more of an object.
CLAUSE_OPENERS_AFTER_COMMA = frozenset({"mais", "car", "ni", "(", "but"})
# "a confirmé le maintien de l'entraîneur, une décision qui divise": what was announced, named
# again by the writer after the object's comma.
VERDICT_NOUNS = frozenset({"décision", "choix", "mesure"})
# "…, une information impossible à vérifier": the writer's word on what was just reported.
CLAIM_NOUNS = ATTRIBUTION_NOUNS | {
    "information", "affirmation", "annonce", "chiffre", "allégation", "accusation"
}  # fmt: skip
INDEFINITE_OR_DEMONSTRATIVE = frozenset({"un", "une", "ce", "cet", "cette"})
FIRST_PLURAL_ENDING = "ons"
# The English tagger's simple past ("said", "left"); the French model never gives it.
SIMPLE_PAST_TAG = "VBD"
CONDITIONAL_MODALS = frozenset(
    {"pourrait", "pourraient", "devrait", "devraient", "could", "should", "might"}
)
# "dire s'il serait candidat", "annoncer si il briguerait": an indirect question.
INDIRECT_QUESTION = re.compile(r"(?:si\s|s['’](?:il|ils)\b)", re.IGNORECASE)
# "Hollande doit annoncer d'ici mi-décembre sa candidature", "va proposer son départ": speech to
# come, not yet said.
FUTURE_MODALS = frozenset({"va", "vont", "doit", "doivent", "devra", "devront"})
# "ne peuvent pas dire", "il faut dire que": no one reports anything.
NEGATED_MODALS = frozenset(
    {"peut", "peuvent", "pouvait", "pouvaient", "pourra", "pourront", "doit", "doivent",
     "veut", "veulent", "voulait", "voulaient", "sait", "savent", "ose", "osent"}
)  # fmt: skip
IMPERSONAL_OBLIGATIONS = frozenset({"faut", "fallait", "faudra", "faudrait"})
# "n'a pu confirmer", "n'a pas su dire": a modal's participle before the reporting verb.
NEGATED_MODAL_PARTICIPLES = frozenset({"pu", "su", "voulu", "osé"})
# "personne n'a confirmé", "aucune source n'a pu confirmer": a subject that negates the verb.
NEGATIVE_SUBJECTS = frozenset({"personne", "rien", "nul", "nulle", "aucun", "aucune"})
# "Il est à noter que": an expletive subject, and the links from a verb to the one it completes.
EXPLETIVE_SUBJECT = "expl:subj"
COMPLETED_BY = frozenset({"xcomp"})
# "a permis à la ministre de déclarer", "a poussé le maire à dire": the stems of verbs whose
# object (or "à" object) does what the infinitive says (the pipeline runs no lemmatizer), and
# the dependencies that object may have.
OBJECT_CONTROL_STEMS = (
    "permi", "permet", "pouss", "amen", "amèn", "condui", "incit", "invit", "autoris", "oblig",
    "forc", "forç", "contrai", "encourag",
)  # fmt: skip
CONTROLLER_DEPS = frozenset({"obj", "iobj", "obl:arg", "obl"})
# "Ce revirement fait dire au journal que …": causative faire, and the one made to speak.
CAUSATIVE_FAIRE = frozenset(
    {"faire", "fait", "font", "faisait", "faisaient", "fit", "fera", "feront", "ferait"}
)
CAUSEE_PREPOSITIONS = frozenset({"à", "au", "aux"})
# "a confié au maire de Marseille que": who a speech verb addresses.
ADDRESSEE_PREPOSITIONS = CAUSEE_PREPOSITIONS
# "…, puis elle se réunira": a subject pronoun opening a clause of its own.
SUBJECT_CLITICS = frozenset({"il", "elle", "ils", "elles", "on", "he", "she", "they"})
# "n'a pas nié que …", "ne conteste pas que …": not denying is saying.
LITOTES = frozenset({"nier", "contester"})
# "En parlant des humains, …": speaking of, a topic.
TOPIC_GERUNDS = frozenset({"parler de"})
# Verbs whose object may be what was said or only what was talked about.
TOPIC_VERBS = frozenset({"évoquer", "parler de"})
TOPIC_NOUNS = word_set("topic_nouns")


def _is_adjectival_participle(token: Token) -> bool:
    """ "la loi dite « Sur l'information »", "le rapport cité", "contre la chef de l'État,
    accusée de corruption", "Annoncée le 7 octobre, l'arrivée de X": a participle describing a
    noun reports nothing."""
    if "Part" not in token.morph.get("VerbForm") or is_present_participle(token):
        return False
    if any(child.dep_.startswith("aux") for child in token.children):
        return False
    aside = aside_length(token.doc, token.i)
    if aside and is_auxiliary(token.doc[token.i - aside - 1]):
        return False  # "a pour sa part ajouté": the parser hung the verb on "part"
    previous = token.doc[token.i - 1] if token.i > 0 else None
    if token.is_sent_start and (previous is None or previous.is_punct or previous.is_space):
        return True  # "Annoncée le 7 octobre, l'arrivée de X …": it describes the subject
    if previous is not None and previous.text == "," and token.dep_.startswith("acl"):
        # "contre la chef de l'État, accusée de corruption": an apposition of the noun before.
        return token.head.i < token.i and token.head.pos_ in ("NOUN", "PROPN")
    return (
        previous is not None
        and previous.pos_ in ("NOUN", "PROPN")
        and (token.dep_.startswith("acl") or token.head.i == previous.i)
    )


def _is_hypothetical(doc: Doc, cue: Cue) -> bool:
    """ "aurait pu s'interroger", "pourrait annoncer", "should say", "Si le gouvernement
    annonçait un report, …": speech that did not happen."""
    verb = doc[cue.start]
    if "Imp" in verb.morph.get("Tense") and any(
        child.dep_ == "mark" and child.lower_ in CONDITION_MARKERS for child in verb.children
    ):
        return True
    if "Inf" not in verb.morph.get("VerbForm"):
        return False
    start = verb_group_start(doc, cue)
    if start == 0:
        return False
    modal = doc[start - 1].lower_
    if modal in {"pu", "dû"}:
        return start >= 2 and doc[start - 2].lower_ in {"aurait", "auraient", "aurais"}
    return (
        modal in CONDITIONAL_MODALS or modal in FUTURE_MODALS or _is_denied_or_obliged(doc, start)
    )


def _is_denied_or_obliged(doc: Doc, start: int) -> bool:
    """ "les élites ne peuvent pas dire …", "il faut dire que …": an infinitive after a negated
    modal or an impersonal "il faut" reports nothing anyone said."""
    index = start - 1
    negated = False
    while index > 0 and doc[index].lower_ in NEGATIONS:
        negated = True
        index -= 1
    modal = doc[index].lower_
    if modal in IMPERSONAL_OBLIGATIONS:
        return True
    return (
        negated
        and modal in NEGATED_MODALS
        and index > 0
        and doc[index - 1].lower_ in NEGATION_PARTICLES
    )


def _only_adverbs_before(doc: Doc, cue: Cue, index: int) -> bool:
    """ "se dit cependant attaché à …", "se dit pour sa part fermement opposé à …": nothing but
    adverbs or an aside between the verb and the word at index."""
    start = cue.end + aside_length_from(doc, cue.end)
    return all(token.pos_ == "ADV" for token in doc[start:index])


def _is_adjective(token: Token) -> bool:
    """An adjective or a past participle used as one ("favorable", "satisfait")."""
    if token.pos_ == "ADJ":
        return True
    return (
        token.pos_ == "VERB"
        and "Part" in token.morph.get("VerbForm")
        and not is_present_participle(token)
    )


def forward_candidate(context: DocContext, cue: Cue, boundaries: list[int]) -> Candidate | None:
    """Content after the verb: "X a déclaré que …", "X a précisé : « … »", "X a annoncé Y"."""
    doc = context.doc
    verb = doc[cue.start]
    if is_passive(verb):
        return None
    if _is_adjectival_participle(verb) or _is_hypothetical(doc, cue):
        return None
    if _names_a_topic(doc, cue) or _after_comme(doc, cue):
        return None
    # "y voit pour sa part une « … »": an aside after the verb is not its object.
    index = cue.end + aside_length_from(doc, cue.end)
    in_prepositional_phrase = False
    content_start: int | None = None
    evidence = "clause"
    reported_infinitive = False
    quoted_object = False
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    limit = min(len(doc), index + MAX_SCAN_TOKENS)
    while index < limit:
        token = doc[index]
        lower = token.lower_
        if (
            clause is not None
            and token.pos_ in ("VERB", "AUX")
            and clause.i in (token.i, token.head.i)
        ):
            # "Police said two people were arrested": a content clause without "that".
            first = clause.left_edge
            if first.lower_ in COMPLEMENTISERS and first.i + 1 < len(doc):
                first = doc[first.i + 1]
            content_start = max(first.idx, doc[cue.end - 1].idx + len(doc[cue.end - 1].text))
            break
        if context.inside_quote[index]:
            if cue.names_things and _after_article(doc, cue, index):
                return None  # "a lancé une « déclaration de Marseille »": a name, no speech
            content_start = token.idx
            quoted_object = True
            break
        if (
            cue.takes_adjective
            and (_is_adjective(token) or lower in STANCE_PREPOSITIONS)
            and _only_adverbs_before(doc, cue, index)
        ):
            content_start = token.idx  # "s'est dit satisfait des résultats"
            evidence = "object"
            break
        if lower in COMPLEMENTISERS and not _is_relative_pronoun(doc, token):
            if _restrictive_negation(doc, cue):
                return None  # "ne rapporteront que 3 milliards": "only", not "that"
            if doc[index - 1].lower_ == "et" and _inside_que_clause(verb):
                return None  # "sait que la CFDT soutient Macron et que …": the first "que"'s
            if index + 1 < len(doc):
                content_start = doc[index + 1].idx
            break
        if token.text == ":":
            if index + 1 < len(doc):
                content_start = doc[index + 1].idx
            break
        if token.text in CLAUSE_STOPS or (
            token.is_sent_start
            and index > cue.end
            and not continues_previous_sentence(context, token.idx)
        ):
            return None
        if token.pos_ in ("VERB", "AUX") and token.dep_ in ("ccomp",) and token.head.i == verb.i:
            # "He said the plan was a disaster": a content clause without "that".
            content_start = token.left_edge.idx
            break
        if token.pos_ == "VERB" and doc[index - 1].lower_ == "en" and is_present_participle(token):
            in_prepositional_phrase = True  # "déclare en recevant la coupe que …"
            index += 1
            continue
        if in_prepositional_phrase and _is_noun_participle(token) and not _is_noun_participle(verb):
            index += 1  # "a annoncé dans un communiqué publié sur son site sa volonté de …"
            continue
        if token.pos_ in ("VERB", "AUX") and token.ent_type_ not in ("PER", "PERSON"):
            infinitive = "Inf" in token.morph.get("VerbForm")
            first = index
            while first > cue.end and doc[first - 1].lower_ in INFINITIVE_CLITICS:
                first -= 1
            # "affirment avoir découvert", "a reconnu auprès de l'AFP avoir acheté", "a confié
            # vouloir": a bare infinitive after a reporting verb is its content; one after a
            # preposition ("a appelé à manifester", "son intention de partir") is not.
            bare_infinitive = (
                infinitive
                and not cue.belief
                and (first == cue.end or doc[first - 1].pos_ != "ADP")
                and (token.pos_ == "AUX" or context.lang == "fr")
                # "observer son compagnon se qualifier": the object's act, seen, not said
                # (not "a déclaré le 12 mars avoir agi", "assure ne rien savoir")
                and not any(
                    word.dep_ == "obj"
                    and word.head.i == verb.i
                    and word.pos_ in ("NOUN", "PROPN")
                    and word.lower_ not in TIME_WORDS | TIME_COUNTS
                    for word in doc[cue.end : first]
                )
            )
            if infinitive and (cue.takes_infinitive or bare_infinitive):
                content_start = doc[first].idx
                evidence = "object"
                reported_infinitive = bare_infinitive and "Inf" not in verb.morph.get("VerbForm")
                break
            if token.pos_ == "AUX" and index == cue.end:
                index += 1
                continue
            return None
        if lower in PREPOSITIONS and (token.pos_ == "ADP" or lower in TIME_PREPOSITIONS):
            in_prepositional_phrase = True
        elif token.text == ",":
            in_prepositional_phrase = False
        elif (
            cue.takes_object
            and (not in_prepositional_phrase or _opens_object(verb, token))
            and token.pos_ in ("NOUN", "DET", "PROPN", "NUM")
            and lower not in TIME_WORDS
            and not (index + 1 < len(doc) and doc[index + 1].lower_ in TIME_WORDS)
            and not _inside_date(doc, index)
            and not (token.dep_ == "det" and token.head.lower_ in TIME_WORDS)  # "ce même lundi"
            and not _determines_a_quote(context, index)
            and lower not in {"de", "d'", "d’"}
            and relative_que_before(doc, cue) is None
        ):
            if context.lang == "fr" and token.pos_ == "NOUN" and index == cue.end == cue.start + 1:
                return None  # a bare French noun right after a verb: "accuser réception"
            content_start = token.idx
            evidence = "object"
            break
        index += 1
    if content_start is None:
        return None
    if cue.quotes_only and not _quote_after_colon(context, content_start):
        return None  # "les marchés ont réagi : l'action a perdu 11 %"
    _, sentence_end = sentence_bounds(context, doc[cue.start])
    opening = context.quote_at(content_start)
    if opening is not None and evidence == "clause":
        rest = context.doc.char_span(opening.close_end, sentence_end, alignment_mode="contract")
        # "l'a appelé « X », en référence à …", "a dénoncé un « X », y voyant une manœuvre qui
        # « fauche » …": the quote alone is the content (the writer's words after it have no
        # finite verb of their own).
        if (
            rest is not None
            and len(rest)
            and rest[0].text == ","
            and not _run_of_quotes(context, rest)
            and not any(
                "Fin" in token.morph.get("VerbForm") and not context.inside_quote[token.i]
                for token in rest
            )
        ) or (
            (quoted_object and rest is not None and _writer_words_only(context, rest))
            or _main_predicate_resumes(context, rest)
        ):
            sentence_end = opening.close_end
    if evidence == "object":
        sentence_end = _before_trailing_apposition(context, content_start, sentence_end)
        sentence_end = _before_next_clause(context, content_start, sentence_end)
    sentence_end = _before_full_stop(context, content_start, sentence_end)
    end = cut_at_next_boundary(context, content_start, sentence_end)
    end = _before_coordinated_verb(context, cue, content_start, end)
    end = _before_main_clause(context, cue, content_start, end)
    if evidence == "clause":
        end = _before_asyndetic_clause(context, content_start, end)
    end = _inside_fronted_clause(verb, content_start, end)
    if evidence == "object" and not quoted_object:
        end = _before_verb_adjunct(context, verb, content_start, end)
    position = bisect.bisect_right(boundaries, content_start)
    if position < len(boundaries) and boundaries[position] < end:
        end = boundaries[position]
    region = classify_region(context, content_start, end)
    if region is None:
        return None
    if INDIRECT_QUESTION.match(context.text, region[0]) and doc[index].lower_ not in (
        COMPLEMENTISERS
    ):
        # "a refusé de dire s'il serait candidat": a question, nothing said ("a expliqué que
        # si …, il est temps" is a condition inside the content).
        return None
    if _negated(doc, cue):
        return None  # "n'a pas confirmé la fermeture", "n'a pas dit que": nothing was said
    if (
        evidence == "object"
        and cue.lemma in CONFIRMING_VERBS
        and _names_what_was_said(context, region)
    ):
        return None  # "confirmant les soupçons de la police", "a démenti les informations de …"
    if evidence == "object" and _too_short_an_object(context, region):
        return None  # "ont annoncé la nouvelle": an anaphoric object, not the content
    if evidence == "object" and cue.lemma in TOPIC_VERBS and _names_a_topic_noun(context, region):
        return None  # "ont évoqué la situation en Syrie": what they talked about
    if evidence == "object" and cue.needs_charge and not _states_a_charge(context, verb, region):
        return None  # "a accusé les médias lors d'un discours": whom, not what of
    speaker = _controller(context, verb) or cue_subject(context, cue)
    if evidence == "clause" and speaker is not None and region[0] < speaker.start < region[1]:
        # "Sur RTL, rappelant que …, Chantal Perrichon a dénoncé …": the participle's content
        # clause ends before the main clause whose subject speaks.
        region = _before_speaker(context, region, speaker)
        if region is None:
            return None
    if speaker is None and verb.is_sent_start and is_present_participle(verb):
        # "Affirmant qu'il n'y avait pas de chiffres, il a critiqué …": the main clause's subject.
        speaker = _main_clause_subject(context, verb)
        if speaker is not None:
            return Candidate(*region, cue, speaker, evidence, cue.belief)
    verb_form = verb.morph
    imperative = "Imp" in verb_form.get("Mood") or verb.is_sent_start
    if speaker is None and ("Inf" in verb_form.get("VerbForm") or imperative):
        # "À noter que …", "Rappelons que …": the journalist's own voice.
        return None
    if _first_person_plural(context, verb) and (speaker is None or speaker.text.lower() != "nous"):
        # "…, et rappelons que …", "Notons que …" in a sentence the parser ran on: whatever
        # subject it climbed to, "-ons" without "nous" is the writer's imperative.
        return None
    if speaker is not None and (
        speaker.text.lower() in GENERIC_PRONOUNS or _is_elided_on(context, speaker)
    ):
        # "Chez Norvella, on explique que …": the body the sentence opens with speaks.
        speaker = _framed_on(context, verb)
        if speaker is None:
            return None  # "on peut noter que …", "alors que l'on croyait que …"
    if _impersonal(verb):
        return None  # "Il est à noter que …": the writer's own voice
    if cue.needs_agent and not is_agent(speaker):
        return None  # "un investissement qui prévoit …": a text or a plan provides, says nothing
    if evidence == "object" and is_thing(speaker) and not reported_infinitive:
        # "les ventes accusent une baisse de 5 %": a thing reports nothing; but "162
        # stations-service ont indiqué être en rupture": a bare infinitive after a reporting
        # verb is said by its subject, whatever it is.
        return None
    if region[2] == "direct" and is_thing(speaker) and not _has_own_subject(doc, cue):
        return None  # "le boson va permettre de poursuivre … : « … »": a thing quotes no one
    return Candidate(*region, cue, speaker, evidence, cue.belief)


def _framed_on(context: DocContext, verb: Token) -> SpeakerMention | None:
    """The body or group of "Chez X, on …", "Du côté de X, on …", "Au sein de X, on …" at the
    head of the verb's sentence."""
    doc = context.doc
    sentence_start, _ = sentence_bounds(context, verb)
    start = next(token.i for token in doc[: verb.i + 1] if token.idx >= sentence_start)
    words = [token.lower_ for token in doc[start : start + 3]]
    if words[:1] == ["chez"]:
        phrase = start + 1
    elif tuple(words[:2]) in SIDE_FRAMES and words[2:3] and words[2] in ("de", "du", "des"):
        phrase = start + 3  # "du côté du ministère": the noun after the contracted article
    else:
        return None
    end = phrase
    while end < verb.i and doc[end].text != ",":
        end += 1
    if end == phrase or end >= verb.i:
        return None
    head = doc[phrase:end].root
    if "Plur" in head.morph.get("Number") and head.ent_type_ != "ORG":
        return None  # "Chez les Français, on estime …": a population, no one in particular
    mention = build_mention(doc, phrase, end)
    if mention is None or mention.kind not in ("person", "organisation"):
        return None
    return mention


def _quote_after_colon(context: DocContext, start: int) -> bool:
    """Whether the content opens with a quote right after a colon ("a réagi : « … »")."""
    quote = context.quote_at(start)
    return quote is not None and context.text[: quote.open_start].rstrip().endswith(":")


def _too_short_an_object(context: DocContext, region: tuple[int, int, str]) -> bool:
    """ "ont annoncé la nouvelle", "a confirmé cette information": two words with a definite or
    demonstrative article refer back to what was said; "a annoncé sa démission", "évoquant un
    attentat", "parlent d'actes criminels" say what it is."""
    words = count_words(context.text[region[0] : region[1]])
    if words >= MIN_OBJECT_WORDS:
        return False
    span = context.doc.char_span(region[0], region[1], alignment_mode="expand")
    if words < 2 or span is None:
        return True
    if any(token.lower_ in SPEECH_NOUNS for token in span):
        return True  # "nia leur version", "a annoncé son choix": what was said, said before
    first = span[0]
    if first.pos_ != "DET":
        return first.pos_ not in ("NOUN", "PROPN")
    return "Yes" not in first.morph.get("Poss") and "Ind" not in first.morph.get("Definite")


def _names_what_was_said(context: DocContext, region: tuple[int, int, str]) -> bool:
    """ "les soupçons de la police", "les informations de presse": a definite noun for what
    someone else said heads the object; a confirmation or a denial refers back to it."""
    span = context.doc.char_span(region[0], region[1], alignment_mode="contract")
    if span is None or len(span) < 2 or "Def" not in span[0].morph.get("Definite"):
        return False
    head = span[1]
    return head.lower_.rstrip("s") in SPEECH_NOUNS | HEARSAY_NOUNS


def _names_a_topic_noun(context: DocContext, region: tuple[int, int, str]) -> bool:
    """ "la situation en Syrie", "l'avenir de la filière", "du dossier nucléaire": a definite
    topic noun heads the object."""
    span = context.doc.char_span(region[0], region[1], alignment_mode="contract")
    if span is None or not len(span):
        return False
    head = next((token for token in span if token.pos_ in ("NOUN", "PROPN")), None)
    if head is None or head.lower_ not in TOPIC_NOUNS:
        return False
    article = context.doc[head.i - 1] if head.i > 0 else None
    return article is None or "Ind" not in article.morph.get("Definite")


def _inside_que_clause(verb: Token) -> bool:
    """Whether the verb heads a clause opened by "que" ("… savoir que peu de victimes portent
    plainte"): an "et que" after it goes on with that first "que", not with this verb."""
    return any(child.lower_ in COMPLEMENTISERS and child.i < verb.i for child in verb.children)


def _names_a_topic(doc: Doc, cue: Cue) -> bool:
    """ "il fit parler de lui", "En parlant des humains, …": a pronoun after the verb's own
    preposition, or the gerund of a topic verb, names what is talked about, not what is said."""
    if not cue.takes_object or not cue.lemma.endswith(" de"):
        return False
    if cue.end < len(doc) and doc[cue.end].pos_ == "PRON":
        return True
    return (
        cue.lemma in TOPIC_GERUNDS
        and cue.start > 0
        and doc[cue.start - 1].lower_ == "en"
        and is_present_participle(doc[cue.start])
    )


def _after_comme(doc: Doc, cue: Cue) -> bool:
    """ "comme évoqué dans un premier temps", "comme annoncé": a past participle after
    "comme" says the thing was said before; no one says what follows."""
    verb = doc[cue.start]
    return (
        cue.start > 0
        and doc[cue.start - 1].lower_ in ("comme", "as")
        and "Part" in verb.morph.get("VerbForm")
        and not is_present_participle(verb)
    )


def _determines_a_quote(context: DocContext, index: int) -> bool:
    """ "parle d'un « montage »", "évoquant des « pertes »": the article (and adjectives) of
    words in marks; the quoted words are the content, as with verbs taking no object."""
    doc = context.doc
    if doc[index].pos_ != "DET":
        return False
    following = index + 1
    while (
        following < len(doc)
        and doc[following].pos_ in ("DET", "ADJ")
        and not context.inside_quote[following]
    ):
        following += 1
    return following < len(doc) and context.inside_quote[following]


def _main_predicate_resumes(context: DocContext, rest: Span | None) -> bool:
    """ "Télérama le qualifiant « expert médias le plus douteux », est mis en examen …", "arrêté
    pour avoir appelé à « dégommer des monuments », a été placé …": a finite verb right after
    the comma that closes the quote, with no subject of its own, goes on with the sentence the
    report sits in; "dont", "comme" or "de même que" there open the writer's own words."""
    if rest is None or len(rest) < 2 or rest[0].text != ",":
        return False
    doc = context.doc
    index = rest.start + 1
    following = [token.lower_ for token in doc[index : min(rest.end, index + 3)]]
    if following[:1] in (["dont"], ["comme"]) or following == ["de", "même", "que"]:
        # "« opération de la dernière chance », dont les dons …": the writer's; not an aside
        # the reported clause goes on after ("que « les petites retraites », comme celles des
        # agriculteurs, seront les plus touchées").
        aside_end = next((token.i for token in doc[index : rest.end] if token.text == ","), None)
        return aside_end is None or not _main_predicate_resumes(context, doc[aside_end : rest.end])
    while index < rest.end and doc[index].lower_ in ("ne", "n'", "n’"):
        index += 1
    verb = doc[index] if index < rest.end else None
    return (
        verb is not None
        and verb.pos_ in ("AUX", "VERB")
        and "Fin" in verb.morph.get("VerbForm")
        and not context.inside_quote[verb.i]
    )


def _run_of_quotes(context: DocContext, rest: Span) -> bool:
    """ "affirme que « A », « B » et « C »", "affirme que « A », un par trimestre, pour « B »": more
    quotes follow to the end of the sentence, each after a few of the writer's words, so the
    report goes on through them (one mixed quote), not only the first."""
    gap = 0
    quotes = 0
    for token in rest:
        if context.inside_quote[token.i]:
            if gap:
                quotes += 1
            gap = 0
        elif token.is_alpha:
            gap += 1
            if gap > MAX_WORDS_BETWEEN_QUOTES:
                return False
    return quotes > 0 and gap == 0


def _after_article(doc: Doc, cue: Cue, index: int) -> bool:
    """Whether an article stands before the quote marks that open at index."""
    before = index - 1
    while before >= cue.end and doc[before].is_punct:
        before -= 1
    return before >= cue.end and doc[before].pos_ == "DET"


def _states_a_charge(context: DocContext, verb: Token, region: tuple[int, int, str]) -> bool:
    """ "accuse le régime d'être à l'origine de …", "accusé de faire du « chantage »": the
    content holds the charge, "de" before an infinitive or a "de" phrase of the verb itself."""
    span = context.doc.char_span(region[0], region[1], alignment_mode="contract")
    if span is None:
        return True
    doc = context.doc
    for token in span:
        if token.lower_ not in GENITIVE_MARKERS:
            continue
        following = token.i + 1
        while following < len(doc) and doc[following].lower_ in INFINITIVE_CLITICS:
            following += 1
        if following < len(doc) and "Inf" in doc[following].morph.get("VerbForm"):
            return True
        if token.head.head.i == verb.i:
            return True
    # "accusé de corruption": the charge opens the content.
    return span.start > 0 and doc[span.start - 1].lower_ in GENITIVE_MARKERS


def _writer_words_only(context: DocContext, rest: Span) -> bool:
    """ "déplore l'« immobilisme » du maire face à la montée de …", "souhaite « bonne chance » à
    Hamon, reconnaissant …": no verb and no other quote after the quoted words, up to the next
    comma, so they alone are quoted and the rest is the writer's phrase."""
    for token in rest:
        if token.text == "," and token.i > rest.start:
            # "…, et que la police a …": a second report of the same verb goes on.
            following = [word.lower_ for word in rest[token.i - rest.start + 1 :][:2]]
            if following[:1] == ["et"] or following[:1] == ["mais"]:
                following = following[1:]
            return not following or following[0] not in SECOND_CLAUSE_OPENERS
        if context.inside_quote[token.i] or (
            token.pos_ in ("VERB", "AUX") and not _is_noun_participle(token)
        ):
            return False  # "recruteurs présumés": a participle of a noun is the writer's too
    return len(rest) > 0


def _before_full_stop(context: DocContext, start: int, end: int) -> int:
    """ "… a annoncé leur disqualification. « On nous a dit … » a commenté X": the parser's
    sentence ran on into the next quote; the content ends at the full stop outside quotes."""
    span = context.doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return end
    for token in span[:-1]:
        if token.text in FULL_STOPS and not context.inside_quote[token.i]:
            return token.idx
    return end


def _before_verb_adjunct(context: DocContext, verb: Token, start: int, end: int) -> int:
    """ "a annoncé son décès en lisant une déclaration", "le retrait du pays après des semaines
    de sursis", "sa démission samedi dernier": a noun-phrase object is the content; a time or
    manner adjunct of the verb after it (or a day the parser hung on the noun) is the writer's."""
    doc = context.doc
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or len(span) < 2 or span[0].pos_ not in ("DET", "NOUN", "PROPN", "NUM"):
        return end
    for token in span[1:]:
        if context.inside_quote[token.i]:
            return end
        top = token
        while top.head.i != verb.i and top.head.i != top.i and span.start <= top.head.i:
            top = top.head
        previous = doc[token.i - 1]
        day = (
            token.lower_ in TIME_WORDS and token.pos_ == "NOUN" and previous.pos_ in ("NOUN", "ADJ")
        )
        adjunct = top.head.i == verb.i and top.i > span.start and _is_writers_adjunct(top)
        if day or adjunct or _opens_time_phrase(token, span.end):
            return previous.idx + len(previous)
    return end


def _opens_time_phrase(token: Token, end: int) -> bool:
    """ "son abandon en début de matinée le 11 novembre", "sa démission dans la soirée": a
    preposition whose noun is a time of day (or the start or end of one), which the parser
    hung on the object, and only a date after it up to the content's end; not "un couvre-feu
    dans la nuit de samedi", "le dimanche et en soirée", "dès la soirée"."""
    doc = token.doc
    if token.dep_ != "case" or token.lower_ not in ("en", "dans", "vers"):
        return False
    if doc[token.i - 1].pos_ == "CCONJ":
        return False
    noun = token.head
    if noun.lower_ in PHASE_NOUNS:
        noun = next((child for child in noun.children if child.dep_ == "nmod"), noun)
    if noun.lower_ not in TIMES_OF_DAY or any(child.dep_ == "nmod" for child in noun.children):
        return False
    return all(
        later.lower_ in TIME_WORDS or later.pos_ in ("NUM", "DET", "PUNCT")
        for later in doc[noun.i + 1 : end]
    )


def _is_writers_adjunct(adjunct: Token) -> bool:
    """ "lors d'une conférence", "après des semaines", "pendant des mois", "en lisant …", and
    the writer's purpose or comment: "a évoqué des raisons familiales pour expliquer cette
    décision", "a annoncé une offensive, éliminant ainsi l'organisation …"."""
    if adjunct.dep_ == "advmod":
        return adjunct.lower_ in TIME_PREPOSITIONS
    markers = {child.lower_ for child in adjunct.children if child.dep_ in ("case", "mark")}
    if adjunct.dep_ == "advcl":
        if "Inf" in adjunct.morph.get("VerbForm"):
            return PURPOSE_MARKER in markers
        edge = adjunct.left_edge.i
        after_comma = edge > 0 and adjunct.doc[edge - 1].text == ","
        return is_present_participle(adjunct) and ("en" in markers or after_comma)
    return adjunct.dep_ == "obl:mod" and bool(markers & TIME_PREPOSITIONS)


def _opens_object(verb: Token, token: Token) -> bool:
    """ "a annoncé depuis lundi le renfort de …", "a indiqué sur Twitter l'arrestation de …": after
    an adjunct, the noun phrase the parser gives the verb as its object opens the content (also
    when it hung it on a participle of the adjunct, which takes none, or took it for an adjunct
    with no preposition)."""
    head = token if token.dep_ in OBJECT_DEPS else token.head
    if _hung_on_adjunct(verb, token):
        return True
    if (
        head.dep_ not in OBJECT_DEPS
        or head.i < token.i
        or not (token.i == head.i or token.dep_ == "det")
        or head.lower_ in TIME_WORDS
        or any(child.dep_ == "case" for child in head.children)
        or token.doc[token.i - 1].pos_ == "ADP"  # "pour sa part": the preposition's own
    ):
        return False
    owner = head.head
    return not _is_noun_participle(verb) and (
        owner.i == verb.i or (verb.i < owner.i < token.i and _is_noun_participle(owner))
    )


def _hung_on_adjunct(verb: Token, token: Token) -> bool:
    """ "a confirmé en fin de journée la mort de …": a determiner and its noun, with no
    preposition, that the parser hung on the noun of the verb's adjunct before it."""
    noun = token.head
    if token.dep_ != "det" or noun.dep_ != "nmod" or noun.i < token.i:
        return False
    if noun.pos_ != "NOUN" or noun.ent_type_:
        return False  # "à l'hebdomadaire Le Canard enchaîné l'existence …": a title's article
    if any(child.dep_ == "case" for child in noun.children):
        return False
    top = noun.head
    while top.head.i != verb.i:
        if top.dep_ not in ("nmod", "obl", "obl:mod") or top.head.i == top.i:
            return False
        top = top.head
    return top.dep_ in ("obl", "obl:mod") and top.i < token.i


def _is_noun_participle(token: Token) -> bool:
    """ "un communiqué publié sur …", "les papillons exposés à …": it modifies a noun."""
    return (
        token.dep_.startswith("acl")
        and "Part" in token.morph.get("VerbForm")
        and not any(child.dep_.startswith("aux") for child in token.children)
    )


def _inside_fronted_clause(verb: Token, start: int, end: int) -> int:
    """ "When Clinton noted that …, Trump boasted": a reporting verb in an adverbial clause
    before its main clause reports nothing past that clause; unless the parser left the content
    out of that clause ("Affirmant qu'il n'existait pas …, il a critiqué", the que-clause hung
    on "critiqué"), where the other bounds stand."""
    if verb.dep_ != "advcl" or verb.head.i < verb.i:
        return end
    edge = verb.right_edge
    clause_end = edge.idx + len(edge)
    return end if clause_end <= start else min(end, clause_end)


def _has_own_subject(doc: Doc, cue: Cue) -> bool:
    """Whether the parser gave the cue itself a subject (not one climbed to from another verb)."""
    tokens = doc[cue.start : cue.end]
    return any(child.dep_ in SUBJECT_DEPS for token in tokens for child in token.children)


def _is_relative_pronoun(doc: Doc, token: Token) -> bool:
    """ "les activités qu'il entend organiser": que after a noun or "ce" is relative."""
    previous = doc[token.i - 1] if token.i > 0 else None
    if (
        previous is not None
        and previous.lower_ in ADVERBS_BEFORE_QUE
        and previous.i > 0
        and doc[previous.i - 1].pos_ in ("VERB", "AUX")
    ):
        return False  # "Le Temps estime ainsi que …": an adverb of the verb, not "ainsi que"
    if previous is not None and previous.lower_ in CONJUNCTION_HEADS:
        return True  # "tandis que", "bien que", "plus … que": not a content clause
    if (
        previous is not None
        and previous.pos_ in ("ADJ", "ADV")
        and token.i >= 2
        and doc[token.i - 2].lower_ in COMPARATIVES
    ):
        return True  # "aussi sérieux que le titre", "plus tôt que prévu": a comparison
    if token.pos_ == "SCONJ" or token.dep_ == "mark":
        return False
    if previous is not None and (
        (_name_not_object(previous) and not _relative_after_place(token, previous))
        or previous.lower_ in TIME_WORDS
    ):
        return False  # "a confié à Jean Dupont qu'…", "a fait savoir vendredi soir que …"
    return previous is not None and previous.pos_ in ("NOUN", "PROPN", "PRON", "DET")


def _relative_after_place(token: Token, name: Token) -> bool:
    """ "avançant vers la base de Tabqa qu'elle avait perdue": a name after "de", then a "que"
    the parser makes a relative pronoun, opens a relative clause on the noun phrase."""
    while name.dep_.startswith("flat") and name.head.i < name.i:
        name = name.head
    noun = name.head
    # "a confié au maire de Marseille qu'il …", "a averti les dirigeants de Kinshasa qu'ils …":
    # the noun before "de" hears the words; only after a place ("vers la base de …") is it
    # a relative clause.
    governed = [child.lower_ for child in noun.children if child.dep_ == "case"]
    return (
        token.pos_ == "PRON"
        and "Rel" in token.morph.get("PronType")
        and any(child.dep_ == "case" and child.lower_ in GENITIVES for child in name.children)
        and noun.i < name.i
        and bool(governed)
        and not set(governed) & ADDRESSEE_PREPOSITIONS
    )


def _name_not_object(token: Token) -> bool:
    """ "à Jean-Jacques Bourdin", "sur BFMTV - RMC": the last word of a name that is not the
    verb's object ("a salué Jean Dupont qu'il a nommé": an object and its relative clause)."""
    if token.pos_ != "PROPN":
        return False
    while token.dep_.startswith("flat") and token.head.i < token.i:
        token = token.head
    return token.dep_ != "obj"


def _controller(context: DocContext, verb: Token) -> SpeakerMention | None:
    """ "Ce chiffre a permis à la ministre de déclarer que …", "a poussé le maire à dire que …":
    the person an infinitive's governing verb acts upon is who speaks."""
    made_to_say = _made_to_say(context, verb)
    if made_to_say is not None:
        return made_to_say
    governor = verb.head
    if (
        "Inf" not in verb.morph.get("VerbForm")
        or governor.i == verb.i
        or governor.pos_ != "VERB"
        or not governor.lower_.startswith(OBJECT_CONTROL_STEMS)
    ):
        return None
    for child in governor.children:
        if child.dep_ in CONTROLLER_DEPS and child.i < verb.i:
            mention = mention_for_subject(context, child)
            if mention is not None and (mention.is_pronoun or mention.kind == "person"):
                return mention
    return None


def _made_to_say(context: DocContext, verb: Token) -> SpeakerMention | None:
    """ "Ce revirement fait dire au journal La Tribune que …": after a causative "faire", the
    one who says is the noun after "à", not the subject that makes them say it."""
    doc = context.doc
    if verb.lower_ != "dire" or verb.i == 0 or doc[verb.i - 1].lower_ not in CAUSATIVE_FAIRE:
        return None  # "a fait annoncer au personnel que": the one told, not the one telling
    for child in verb.children:
        if child.i > verb.i and any(
            word.dep_ == "case" and word.lower_ in CAUSEE_PREPOSITIONS for word in child.children
        ):
            # The parser may hang the reported clause on the noun: the phrase ends before it.
            end = next(
                (word.i for word in doc[child.i : child.right_edge.i + 1] if word.dep_ == "mark"),
                child.right_edge.i + 1,
            )
            start = child.left_edge.i
            while start < child.i and doc[start].lower_ in CAUSEE_PREPOSITIONS:
                start += 1
            return build_mention(doc, start, end)
    return None


def _is_elided_on(context: DocContext, speaker: SpeakerMention) -> bool:
    """ "alors que l'on croyait que …": the generic "on" after an elided "l'" (not "l'ONG")."""
    span = context.doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    if span is None or span.end >= len(context.doc):
        return False
    return span[0].lower_ in ELIDED_ARTICLES and context.doc[span[0].i + 1].lower_ == "on"


def _first_person_plural(context: DocContext, verb: Token) -> bool:
    """ "rappelons", "notons": a French verb form of nous."""
    return context.lang == "fr" and verb.lower_.endswith(FIRST_PLURAL_ENDING)


def _impersonal(verb: Token) -> bool:
    """Whether the verb, or the verb it completes, has an expletive subject of être ("Il est à
    noter que"): nobody is said to speak."""
    token = verb
    while True:
        # The parser also calls "Il" in "Il estime que" expletive: only "il est" is.
        if token.lower_ in ETRE_FORMS and any(
            child.dep_ == EXPLETIVE_SUBJECT for child in token.children
        ):
            return True
        if token.dep_ not in COMPLETED_BY or token.head.i == token.i:
            return False
        token = token.head


def _negated(doc: Doc, cue: Cue) -> bool:
    """ "n'a pas confirmé la fermeture", "aucune source n'a pu confirmer cette annonce": what was
    not said is no quote."""
    if cue.lemma in LITOTES:
        return False
    start = _negation_scope(doc, cue)
    words = {doc[index].lower_ for index in range(start, min(cue.end + 1, len(doc)))}
    if not words & NEGATION_PARTICLES:
        return False
    if words & NEGATIONS:
        return True
    sentence_start = doc[cue.start].sent.start
    for token in reversed(doc[sentence_start:start]):
        if token.is_punct or token.pos_ in ("VERB", "AUX"):
            return False
        if token.lower_ in NEGATIVE_SUBJECTS:
            return True
    return False


def _negation_scope(doc: Doc, cue: Cue) -> int:
    """Where the verb group a negation may open starts: "n'a pas", "n'ont pu relever"."""
    start = verb_group_start(doc, cue)
    while start > 0 and doc[start - 1].lower_ in NEGATED_MODAL_PARTICIPLES | NEGATED_MODALS:
        start = verb_group_start(doc, Cue(doc[start - 1].lower_, "verb", start - 1, start))
    return start


def _restrictive_negation(doc: Doc, cue: Cue) -> bool:
    """ "ne rapporteront que 3 milliards", "n'ont pu relever qu'une empreinte": "only"."""
    words = {doc[index].lower_ for index in range(_negation_scope(doc, cue), cue.start)}
    return bool(words & NEGATION_PARTICLES) and not words & NEGATIONS


def _before_coordinated_verb(context: DocContext, cue: Cue, start: int, end: int) -> int:
    """ "a déclaré que A et a quitté la salle": after "et" or "mais", a verb group built like
    the reporting one (and unlike the content's) goes on with the narration."""
    span = context.doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return end
    doc = context.doc
    narration = {_auxiliary(doc[cue.start]), _auxiliary(doc[cue.start].sent.root)} - {None}
    content_auxiliaries: set[str] = set()
    content_simple_past = False
    for token in span:
        if context.inside_quote[token.i]:
            continue
        if token.pos_ == "AUX":
            content_auxiliaries.add(token.lower_)
        if token.lower_ not in COORDINATORS or token.i == span.start:
            content_simple_past |= token.pos_ == "VERB" and token.tag_ == SIMPLE_PAST_TAG
            continue
        following = token.i + 1
        while following < span.end and doc[following].pos_ == "ADV":
            following += 1
        auxiliary = doc[following].lower_ if following < span.end else None
        narrated = (
            following < span.end
            and not content_simple_past
            and _simple_past_without_subject(doc[following])
            and doc[cue.start].tag_ == SIMPLE_PAST_TAG
        )
        if (
            narrated
            or (auxiliary in narration and not content_auxiliaries & narration)
            or (
                following < span.end
                and _shares_the_auxiliary(doc[cue.start], doc[following])
                and (doc[following].head.i == cue.start or not content_auxiliaries)
            )
        ):
            comma = token.i - 1 if doc[token.i - 1].text == "," else token.i
            return doc[comma].idx
        if auxiliary in narration:
            return end
    return end


def _shares_the_auxiliary(verb: Token, following: Token) -> bool:
    """ "a annoncé la fermeture de l'usine et présenté un plan": a past participle after "et",
    with no auxiliary of its own, goes on with the reporting verb's compound tense."""
    return (
        following.pos_ == "VERB"
        and "Part" in following.morph.get("VerbForm")
        and "Past" in following.morph.get("Tense")
        and not any(child.dep_.startswith("aux") for child in following.children)
        and "Part" in verb.morph.get("VerbForm")
        and any(child.dep_.startswith("aux") for child in verb.children)
    )


def _before_speaker(
    context: DocContext, region: tuple[int, int, str], speaker: SpeakerMention
) -> tuple[int, int, str] | None:
    """The content up to the comma just before its own speaker's mention."""
    comma = context.text.rfind(",", region[0], speaker.start)
    if comma < 0 or context.text[comma + 1 : speaker.start].strip():
        return region
    return classify_region(context, region[0], comma)


def _inside_date(doc: Doc, index: int) -> bool:
    """ "annonce le 28 juillet 2016 la rupture …": the article and the year of a date."""
    token = doc[index]
    if token.pos_ == "NUM" and index > 0 and doc[index - 1].lower_ in TIME_WORDS:
        return True  # the year after the month
    return (
        token.pos_ == "DET"
        and index + 2 < len(doc)
        and doc[index + 1].pos_ == "NUM"
        and doc[index + 2].lower_ in TIME_WORDS
    )


def _main_clause_subject(context: DocContext, participle: Token) -> SpeakerMention | None:
    root = participle.sent.root
    if root.i <= participle.i:
        return None
    return subject_of(context, root)


def _before_asyndetic_clause(context: DocContext, start: int, end: int) -> int:
    """ "a annoncé que l'organisation maintient sa confiance à X, un remplacement serait …": once
    the reported clause's own verb has come, a comma, a noun phrase and a finite verb start a
    clause of the writer's (a fronted "contrairement à ce qu'a affirmé X, …" is not one), and so
    does a comma and the writer's word on the claim ("…, une information impossible à …")."""
    doc = context.doc
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return end
    claim = _before_claim_noun(context, span)
    if claim is not None:
        return claim
    main = next(
        (
            token
            for token in span
            if token.pos_ in ("VERB", "AUX") and not span.start <= token.head.i < span.end
        ),
        None,
    )
    if main is None:
        return end
    # "a expliqué que si la croissance revenait, les impôts baisseraient": the comma closes a
    # fronted subordinate clause; the content's main clause follows it.
    fronted = span[0].pos_ == "SCONJ" and span[0].head.i == main.i
    for token in doc[main.i + 1 : span.end - 1]:
        if token.text != "," or context.inside_quote[token.i]:
            continue
        if fronted:
            fronted = False
            continue
        after = _after_noun_phrase(doc, token.i + 1, span.end)
        if token.i + 1 < after < span.end and "Fin" in doc[after].morph.get("VerbForm"):
            return token.idx
    return end


def _before_claim_noun(context: DocContext, span: Span) -> int | None:
    """Where ", une information impossible à vérifier" follows a finite verb of the span."""
    doc = context.doc
    finite = False
    for token in span[:-2]:
        finite = finite or "Fin" in token.morph.get("VerbForm")
        if (
            finite
            and token.text == ","
            and not context.inside_quote[token.i]
            and doc[token.i + 1].lower_ in INDEFINITE_OR_DEMONSTRATIVE
            and doc[token.i + 2].lower_ in CLAIM_NOUNS
        ):
            return token.idx
    return None


def _before_main_clause(context: DocContext, cue: Cue, start: int, end: int) -> int:
    """ "BFMTV affirmant qu'il a été payé, il a rétabli la vérité": once the participle's report
    has its verb, a comma then a subject pronoun and a finite verb open the main clause."""
    doc = context.doc
    if not is_present_participle(doc[cue.start]):
        return end
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return end
    has_verb = False
    for token in span[:-2]:
        if context.inside_quote[token.i]:
            continue
        if token.text == "," and has_verb:
            subject, verb = doc[token.i + 1], doc[token.i + 2]
            if subject.lower_ in MAIN_CLAUSE_SUBJECTS and "Fin" in verb.morph.get("VerbForm"):
                return token.idx
        has_verb |= "Fin" in token.morph.get("VerbForm")
    return end


def _simple_past_without_subject(token: Token) -> bool:
    """ "said the bill was dead and left the room": a past verb sharing the reporter's subject."""
    return (
        token.pos_ == "VERB"
        and token.tag_ == SIMPLE_PAST_TAG
        and not any(child.dep_ in SUBJECT_DEPS for child in token.children)
    )


def _auxiliary(verb: Token) -> str | None:
    """The tense auxiliary of a verb ("a" in "a déclaré"), if it has one."""
    for child in verb.children:
        if child.dep_ in ("aux", "aux:tense") and child.i < verb.i:
            return child.lower_
    return None


def _before_trailing_apposition(context: DocContext, start: int, end: int) -> int:
    """ "s'attaquer au problème, un thème absent de la campagne": drop the trailing apposition."""
    span = context.doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return end
    commas = [token for token in span if token.text == "," and not context.inside_quote[token.i]]
    if not commas:
        return end
    last = commas[-1]
    rest = span.doc[last.i + 1 : span.end]
    if (
        len(rest)
        and rest[0].pos_ in ("DET", "NOUN")
        and not any(token.pos_ in ("VERB", "AUX") for token in rest)
    ):
        return last.idx
    return end


def coordination_start(context: DocContext, cue: Cue) -> int | None:
    """Where "et" or "mais" joins a reporting verb to the clause before ("… » et réclame « … »",
    ", mais a appelé au rejet …"): the content before ends there, and the speaker carries on."""
    doc = context.doc
    start = verb_group_start(doc, cue)
    if start == 0 or doc[start - 1].lower_ not in COORDINATORS or context.inside_quote[start - 1]:
        return None
    if cue.belief and "Inf" in doc[cue.start].morph.get("VerbForm"):
        return None  # "a affirmé ne pas être socialiste et souhaiter …": one reported infinitive
    conjunction = start - 1
    if conjunction > 0 and doc[conjunction - 1].text == ",":
        conjunction -= 1
    return doc[conjunction].idx


def contrast_start(context: DocContext, cue: Cue) -> int | None:
    """Where ", tandis que" or ", alors (même) que" opens a report of its own (", tandis que la
    commission fait mention de …"): the writer sets it against the one before, which ends at the
    comma. A contrast with no report in it may be the speaker's own and is left to them."""
    doc = context.doc
    verb = doc[cue.start]
    for mark in verb.children:
        if mark.dep_ != "mark" or mark.i > verb.i:
            continue
        # The parser marks "tandis que" by its first word, or by "que" after "alors (même)".
        head = mark.i if mark.lower_ in CONTRAST_HEADS else mark.i - 1
        if head > 0 and doc[head].lower_ == "même":
            head -= 1
        if head > 0 and doc[head].lower_ in CONTRAST_HEADS and doc[head - 1].text == ",":
            return doc[head - 1].idx
    return None


def fronted_clause_end(context: DocContext, cue: Cue) -> int | None:
    """Where the main clause opens after a report inside a subordinate clause at the head of the
    sentence ("Alors que le ministre affirmait que la réforme était juste, les syndicats …"):
    the reported content ends at the comma before it. The parser's main verb tells which
    comma; when it took the report for the main clause, the first comma after which a subject
    opens and a finite verb follows in the sentence."""
    doc = context.doc
    verb = doc[cue.start]
    sentence = verb.sent
    if not opens_subordinate_clause(doc, sentence.start):
        return None
    if any(
        token.text == "," and not context.inside_quote[token.i]
        for token in doc[sentence.start : cue.start]
    ):
        return None  # "Lorsqu'il a été interrogé, le ministre a affirmé que …": the main verb
    main = verb.head
    if verb.dep_ == "advcl" and main.i > verb.i:
        commas = [
            child.idx
            for child in main.children
            if child.text == "," and verb.i < child.i < main.i and not context.inside_quote[child.i]
        ]
        return commas[0] if commas else None
    for comma in doc[cue.end : sentence.end - 1]:
        if comma.text != "," or context.inside_quote[comma.i]:
            continue
        if doc[comma.i + 1].pos_ in MAIN_CLAUSE_OPENERS and any(
            is_finite_verb(token) for token in doc[comma.i + 1 : sentence.end]
        ):
            return comma.idx
    return None


def coordinated_report_start(context: DocContext, cue: Cue) -> int | None:
    """Where ", et" or ", mais" opens a report with its own subject (", mais le syndicat assure
    que …", ", and the mayor said …"): the content before ends at the comma. Without the comma
    the parser may have split a subject of two names ("que Paul et Marie ont déclaré")."""
    doc = context.doc
    verb = doc[cue.start]
    subject = next(
        (child for child in verb.children if child.dep_ in SUBJECT_DEPS and child.i < verb.i), None
    )
    if subject is None:
        return None
    conjunction = subject.left_edge.i - 1
    if (
        conjunction < 1
        or doc[conjunction].lower_ not in COORDINATORS
        or doc[conjunction - 1].text != ","
        or context.inside_quote[conjunction]
    ):
        return None
    return doc[conjunction - 1].idx


def _before_next_clause(context: DocContext, start: int, end: int) -> int:
    """ "a confié vouloir X, alors qu'il …", "a affirmé ne pas être convaincu et lui demande …":
    an object or infinitive has no finite verb of its own, so one joined to it starts new text."""
    span = context.doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return end
    doc = context.doc
    for token in span[1:]:
        if context.inside_quote[token.i]:
            continue
        if token.text == "," and token.i + 1 < span.end:
            following = doc[token.i + 1]
            if following.lower_ in CONJUNCTION_HEADS - {"de", "pour"} or following.pos_ == "SCONJ":
                return token.idx
            if following.lower_ in CLAUSE_OPENERS_AFTER_COMMA or _resumes_with_ce(doc, following):
                return token.idx  # "a affirmé avoir voulu frapper X, mais …", "…, ce qu'il fera"
            if _takes_up_the_report(doc, following):
                return token.idx
            if following.pos_ in ("VERB", "AUX") and "Fin" in following.morph.get("VerbForm"):
                return token.idx  # "X, qui a évoqué une candidature, faisait figure …"
        if token.lower_ in COORDINATORS:
            following = token.i + 1
            # "évoquent de nombreux blessés et la préfecture des Alpes-Maritimes demande …": a
            # subject of its own may come first.
            following = _after_noun_phrase(doc, following, span.end)
            if following < span.end and doc[following].lower_ in SUBJECT_CLITICS:
                following += 1  # "…, puis elle se réunira …"
            while following < span.end and doc[following].lower_ in VERB_GROUP_WORDS:
                following += 1
            if following < span.end and "Fin" in doc[following].morph.get("VerbForm"):
                comma = token.i - 1 if doc[token.i - 1].text == "," else token.i
                return doc[comma].idx
    return end


def _resumes_with_ce(doc: Doc, token: Token) -> bool:
    """ "…, ce qu'il fera", "…, ce qui a été critiqué", "…, ce sont 45 personnes": "ce" taking
    up what was said before."""
    return (
        token.lower_ == "ce"
        and token.i + 1 < len(doc)
        and (
            doc[token.i + 1].lower_ in COMPLEMENTISERS | {"qui", "dont"}
            or doc[token.i + 1].pos_ == "AUX"
        )
    )


def _takes_up_the_report(doc: Doc, token: Token) -> bool:
    """ "a annoncé un recours, tout comme Fabien Verdier", "a affirmé détester X, affirmation
    qu'il a réitérée": words after an object's comma comparing or naming what was reported."""
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if following is None:
        return False
    if token.lower_ == "tout" and following.lower_ == "comme":
        # Not "la rénovation de l'école, tout comme celle du gymnase": what is compared is
        # another thing announced, not another one announcing.
        compared = doc[following.i + 1] if following.i + 1 < len(doc) else None
        return compared is not None and (
            compared.pos_ == "PROPN"
            or "Yes" in compared.morph.get("Poss")
            or compared.lower_ in {"le", "la", "l'", "l’"}
        )
    noun = following if token.lower_ in INDEFINITE_OR_DEMONSTRATIVE else token
    after = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    # "…, affirmation qu'il a réitérée", "…, une information confirmée par …": a claim noun
    # with its relative clause or participle; not one more item of a list.
    return (
        noun.lower_ in CLAIM_NOUNS | VERDICT_NOUNS
        and noun.pos_ == "NOUN"
        and after is not None
        and (after.lower_ in COMPLEMENTISERS | {"qui", "dont"} or _is_adjectival_participle(after))
    )


def _after_noun_phrase(doc: Doc, start: int, limit: int) -> int:
    """The token after a plain noun phrase opening at start ("la préfecture des Alpes"), or
    start when none opens there."""
    index = start
    has_noun = False
    while index < limit:
        token = doc[index]
        if token.pos_ in ("NOUN", "PROPN"):
            has_noun = True
        elif not (
            token.pos_ in ("DET", "ADJ", "NUM")
            or token.text in ("-", "‐")
            or (token.pos_ == "ADP" and token.lower_ in GENITIVES)
        ):
            break
        index += 1
    return index if has_noun else start


def split_at_second_clause(context: DocContext, candidate: Candidate) -> list[Candidate]:
    """ "affirme que A, que « B »", "a dénoncé le « … », et que B", "dit « A » et que B": each
    "que" after a comma, or after "et" that follows a comma or a closing mark, opens a report of
    its own, with the same speaker and cue. "que A et que B" with neither is one report."""
    doc = context.doc
    span = doc.char_span(candidate.start, candidate.end, alignment_mode="contract")
    if span is None or candidate.evidence not in ("clause", "object"):
        return [candidate]
    for token in span[1:]:
        if context.inside_quote[token.i] or token.lower_ not in SECOND_CLAUSE_OPENERS:
            continue
        cut = token.i - 1
        if doc[cut].lower_ == "et":
            if doc[cut - 1].text != "," and doc[cut - 1].text not in CLOSING_MARKS:
                continue  # "raconte qu'il était médecin et qu'il devait rentrer": one report
            cut -= 1 if doc[cut - 1].text == "," else 0
        elif doc[cut].text != ",":
            continue
        first = classify_region(context, candidate.start, doc[cut].idx)
        second = classify_region(context, token.idx + len(token.text), candidate.end)
        if first is None or second is None or not is_reported_clause(context, second):
            return [candidate]
        rest = replace(candidate, start=second[0], end=second[1], kind=second[2], evidence="clause")
        return [
            replace(candidate, start=first[0], end=first[1], kind=first[2]),
            *split_at_second_clause(context, rest),
        ]
    return [candidate]
