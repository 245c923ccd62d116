"""Speaker resolution within an article: pronouns, short names, titles, nominal mentions."""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from .antecedents import Antecedent, Reachable, choose
from .context import Candidate, is_finite_verb, is_passive
from .gender import role_gender
from .marks import DOUBLE_MARKS
from .names import (
    HONORIFICS,
    ORGANISATION_HEADS,
    PERSON_HEADS,
    PERSON_LABELS,
    PLURAL_PRONOUNS,
    SPEAKER_HEADS,
    bare_pronoun,
    is_proper_name,
    last_named,
    normalise_name,
    singular_in,
    without_titles,
)
from .speakers import (
    FEMININE_WORDS,
    FIRST_NAME_GENDERS,
    SpeakerMention,
    build_mention,
    implicit_speaker,
    name_gender,
    noun_phrase,
)

# "L'entraineur parisien, X": how far before the comma the role noun may stand.
ROLE_REACH = 3
# "a affirmé l'un d'eux", "l'une d'entre elles": one of the group last mentioned.
ONE_OF = frozenset({"l'un", "l’un", "l'une", "l’une"})
PLURAL_ENDINGS = ("s", "x")

ORGANISATION_PRONOUNS = frozenset({"elle", "-elle"})
ORGANISATION_GENDERS = {"le": "m", "du": "m", "au": "m", "la": "f", "cette": "f", "ce": "m"}
PRESIDENT_WORDS = frozenset({"président", "présidente", "president"})
# "Le chef de l'État (en déplacement à Égletons) a dit …" is the president the article named; not
# "le chef d'état-major", "le conseiller du chef de l'État" nor "le chef de l'État russe".
HEAD_OF_STATE = re.compile(
    r"(?:le|la|the) (?:\w+ )?(?:chef d(?:e l)?['’]état|head of state)"
    r"(?: (?:en|à|au|lors|dans|pendant|de passage|in|at|on)\b.*)?"
)
MIN_MENTIONS_FOR_PROTAGONIST = 3
SENTENCES_LOOKED_BACK = 8
AGENT_DEPS = frozenset({"obl:agent", "nmod"})
PASSIVE_AGENT = "obl:agent"
# The links inside a noun phrase ("le ministre de la justice du pays").
NOUN_PHRASE_DEPS = frozenset({"nmod", "appos", "flat:name"})
NAMED_LABELS = PERSON_LABELS | {"ORG"}
RELAYING_PRONOUNS = frozenset({"il", "elle", "he", "she"})
SINGULAR_THIRD_PERSON = frozenset({"il", "elle"})
# "« … »\n\nDevant sa maison, Josiane Arnaud …": the sentence after a quote, a paragraph break
# (a sentence of its own for the parser) between them.
NEXT_SENTENCES = 2
# "… Maëlle Kerouac … », explique la demi-centre de 34 ans": how many sentences back a role
# with no name looks for its holder.
ROLE_HOLDER_SENTENCES = 2
# "« … », a ajouté la jeune femme": verbs that go on with what the last speaker said, and how
# many sentences after that speaker a mention going on may stand.
CONTINUATION_VERBS = frozenset(
    {"ajouter", "poursuivre", "continuer", "conclure", "enchaîner", "renchérir", "compléter"}
)
CONTINUATION_SENTENCES = 2
# "a ajouté la jeune femme": nouns for a person that name no role.
PLAIN_PERSONS = frozenset({"homme", "femme", "fille", "garçon", "personne"})
FUNCTION_WORDS = frozenset({"le", "la", "les", "de", "du", "des", "d'", "d’", "et", "à", "au"})
# "Météo-France a placé … L'organisme a indiqué": nouns that take up the body named before,
# and how many sentences back it may stand.
BODY_NOUNS = frozenset(
    {"organisme", "syndicat", "club", "société", "groupe", "entreprise", "association",
     "parti", "collectif", "fédération", "agence", "institut", "fondation", "ong", "firme",
     "constructeur", "compagnie", "opérateur", "laboratoire", "industriel"}
)  # fmt: skip
BODY_SENTENCES = 2
FIRST_PERSON_SINGULAR = re.compile(r"(?<!\w)(?:(?:je|moi|me|mon|ma|mes)(?!\w)|[jm]['’])", re.I)
SAME_SOURCE = re.compile(r"(?:la|de|cette) même source|les mêmes sources|the same source")
APPOSED_NAME = re.compile(r"\s*,\s*[A-ZÀ-Ý]")


@dataclass(frozen=True)
class ResolvedSpeaker:
    """The speaker a candidate is attributed to after resolution."""

    name: str | None
    kind: str
    description: str
    via_pronoun: bool


class ArticleNames:
    """Full names of the article's people, keyed by surname, title and frequency."""

    def __init__(self, doc: Doc) -> None:
        self.full_by_surname: dict[str, str] = {}
        self.titles: dict[str, list[tuple[int, str]]] = {}
        self.counts: Counter[str] = Counter()
        people = [entity for entity in doc.ents if entity.label_ in ("PER", "PERSON")]
        for entity in people:
            name = without_titles(normalise_name(entity.text))
            words = name.split()
            if len(words) >= 2 and words[0].lower() not in HONORIFICS:
                self.full_by_surname.setdefault(words[-1].lower(), name)
        for entity in people:
            full = self.canonical(normalise_name(entity.text))
            self.counts[full] += 1
            for title in self._titles_around(doc, entity.start, entity.end):
                self.titles.setdefault(title, []).append((entity.start_char, full))

    @staticmethod
    def _titles_around(doc: Doc, start: int, end: int) -> list[str]:
        titles = []
        for index in range(max(0, start - 4), start):
            if doc[index].lower_ in PERSON_HEADS:
                titles.append(doc[index].lower_)
        # "le ministre de l'Agriculture, Didier Guillaume": the role the name is apposed to.
        head = doc[start:end].root.head
        if (
            start > 0
            and doc[start - 1].text == ","
            and head.i < start - 1
            and head.lower_ in PERSON_HEADS
            and head.lower_ not in titles
        ):
            titles.append(head.lower_)
        if end + 1 < len(doc) and doc[end].text == ",":
            # "Jean Dupont, le maire de …", not "Jean Dupont, et le préfet".
            index = end + 1
            while index < min(len(doc), end + 3) and doc[index].pos_ == "DET":
                index += 1
            if index < len(doc) and doc[index].lower_ in PERSON_HEADS:
                titles.append(doc[index].lower_)
        return titles

    def canonical(self, name: str) -> str:
        """ "Fried", "M. Fried", "D. Fried" -> "Daniel Fried" when the article names him in full."""
        words = without_titles(name).split()
        if not words:
            return name
        if len(words) == 1 or (len(words) == 2 and words[0].endswith(".") and len(words[0]) <= 3):
            full = self.full_by_surname.get(words[-1].lower())
            if full is not None:
                return full
        return " ".join(words)

    def by_title(self, title: str, before: int) -> str | None:
        """The latest person introduced with this title before an offset."""
        found = [name for position, name in self.titles.get(title, ()) if position < before]
        return found[-1] if found else None

    def protagonist(self) -> str | None:
        """The person the article mentions most, if clearly recurrent."""
        if not self.counts:
            return None
        name, count = self.counts.most_common(1)[0]
        return name if count >= MIN_MENTIONS_FOR_PROTAGONIST else None


def resolve_speakers(doc: Doc, candidates: list[Candidate]) -> list[ResolvedSpeaker]:
    """Resolve each candidate's speaker mention to a name, in document order."""
    names = ArticleNames(doc)
    sentence_starts = [sentence.start_char for sentence in doc.sents]
    content_spans = sorted((candidate.start, candidate.end) for candidate in candidates)
    antecedents = _entity_antecedents(doc, names, sentence_starts, content_spans)
    antecedents += _group_antecedents(doc, names, sentence_starts, content_spans)
    antecedents.sort(key=lambda antecedent: antecedent.position)
    relayed = _pronoun_subject_sentences(doc, sentence_starts, content_spans)
    resolved: list[ResolvedSpeaker] = []
    speaker_antecedents: list[Antecedent] = []
    # Inherited candidates share the mention object of the candidate they continue.
    by_mention: dict[int, ResolvedSpeaker] = {}
    for candidate in candidates:
        mention = candidate.speaker
        if mention is None and candidate.cue is not None and candidate.cue.kind == "verb":
            # "…, ajoutant qu'…", "prétendant y être allé": a reporting verb whose subject the
            # parse does not give is said by someone named before, chosen as for a pronoun.
            mention = implicit_speaker(doc[candidate.cue.start].idx)
        if mention is None:
            resolved.append(ResolvedSpeaker(None, "other", "", False))
            continue
        if id(mention) in by_mention:
            resolved.append(by_mention[id(mention)])
            continue
        resolved.append(
            _resolve_one(
                doc,
                mention,
                candidate,
                names,
                antecedents,
                speaker_antecedents,
                sentence_starts,
                relayed,
                content_spans,
            )
        )
        by_mention[id(mention)] = resolved[-1]
    return resolved


def _resolve_one(
    doc: Doc,
    mention: SpeakerMention,
    candidate: Candidate,
    names: ArticleNames,
    antecedents: list[Antecedent],
    speaker_antecedents: list[Antecedent],
    sentence_starts: list[int],
    relayed: frozenset[int],
    content_spans: list[tuple[int, int]],
) -> ResolvedSpeaker:
    """Resolve one mention; named and nominal speakers become antecedents for later pronouns."""
    if mention.is_pronoun:
        found = _last_mentioned(
            doc,
            mention,
            candidate,
            names,
            antecedents + speaker_antecedents,
            sentence_starts,
            content_spans,
        )
        if found is None and not _is_one_of(mention):
            # "l'un d'eux" with no group named just before stays unresolved: the subject the
            # pronoun rules would pick is seldom one of them.
            found = _pick_antecedent(
                mention, candidate, antecedents + speaker_antecedents, sentence_starts, relayed
            )
        if found is None and bare_pronoun(mention.text) in SINGULAR_THIRD_PERSON:
            # "« … », a-t-il communiqué" after "le ministère des affaires étrangères": no name
            # agrees with the pronoun; as for a quote no cue attributes, the one named before
            # who may speak is still likelier than no one.
            found = _pick_antecedent(
                implicit_speaker(mention.start),
                candidate,
                antecedents + speaker_antecedents,
                sentence_starts,
                relayed,
            )
        if found is None and mention.implicit:
            found = _named_right_after(candidate, antecedents, sentence_starts)
        if found is None:
            return ResolvedSpeaker(None, "other", "", True)
        # "explique-t-il. […] indique-t-il": a resolved pronoun carries its referent forward.
        speaker_antecedents.append(
            Antecedent(
                mention.start,
                bisect.bisect_right(sentence_starts, mention.start) - 1,
                found.name,
                found.kind,
                found.gender,
                True,
                found.description,
                speaks=True,
            )
        )
        return ResolvedSpeaker(found.name, found.kind, found.description, True)
    if SAME_SOURCE.fullmatch(mention.text.lower()) and speaker_antecedents:
        # "…, a-t-on appris auprès de la préfecture. …, a précisé la même source."
        earlier = speaker_antecedents[-1]
        return ResolvedSpeaker(earlier.name, earlier.kind, earlier.description, True)
    ordinal = _one_of_two(mention, candidate, antecedents, sentence_starts)
    if ordinal is not None:
        speaker_antecedents.append(replace(ordinal, position=mention.start, speaks=True))
        return ResolvedSpeaker(ordinal.name, ordinal.kind, ordinal.description, True)
    name = names.canonical(mention.name)
    kind = mention.kind
    if name != mention.name and not mention.has_named_entity:
        kind = "person"  # "Montebourg" tagged as a place, named in full elsewhere
    if not mention.has_named_entity and mention.kind == "person":
        name = _resolve_nominal(mention, names) or name
    if not mention.has_named_entity and name == mention.name:
        # "« … », a souri Léna Faivre. « … », a poursuivi la jeune femme": who goes on with the
        # last quote is the one who said it; "L'organisme a indiqué": the body named before.
        name, kind = (
            _continued_by_role(mention, candidate, speaker_antecedents, sentence_starts)
            or _body_named_before(doc, mention, antecedents + speaker_antecedents, sentence_starts)
            or (name, kind)
        )
    if mention.kind == "other" and not mention.has_named_entity:
        # "« Mon corps me dit stop », explique la demi-centre de 34 ans": a role the lexicon
        # does not know, proved a person by the quote's "je".
        holder = _role_holder(
            doc, mention, candidate, antecedents + speaker_antecedents, sentence_starts
        )
        if holder is not None:
            name, kind = holder, "person"
    speaker_antecedents.append(
        Antecedent(
            mention.start,
            bisect.bisect_right(sentence_starts, mention.start) - 1,
            name,
            kind,
            mention.gender,
            True,
            mention.description,
            speaks=True,
        )
    )
    return ResolvedSpeaker(name, kind, mention.description, False)


def _resolve_nominal(mention: SpeakerMention, names: ArticleNames) -> str | None:
    words = mention.text.lower().split()
    if not words or words[0] not in {"le", "la", "l'", "l’", "the"}:
        return None
    if HEAD_OF_STATE.fullmatch(mention.text.lower()):
        words = [words[0], "président"]
    for word in words[1:]:
        if word in PERSON_HEADS:
            titled = names.by_title(word, mention.start)
            if titled is not None:
                return titled
            if word in PRESIDENT_WORDS:
                return names.protagonist()
            return None
    return None


def _role_holder(
    doc: Doc,
    mention: SpeakerMention,
    candidate: Candidate,
    antecedents: list[Antecedent],
    sentence_starts: list[int],
) -> str | None:
    """The person a definite role names, when the lexicon knows neither the role nor a body of
    that name and the quote's "je" shows a person speaks: the person named last before it by a
    proper name, as an active subject or a speaker, within ROLE_HOLDER_SENTENCES, of its
    gender. Roles the lexicon knows (l'avocat, le procureur, le secrétaire général) are often
    someone else than the one just named: they stay roles."""
    words = mention.text.lower().split()
    if (
        not _opens_definite(words)
        or candidate.kind != "direct"
        or not FIRST_PERSON_SINGULAR.search(doc.text, candidate.start, candidate.end)
        or APPOSED_NAME.match(doc.text, mention.end)  # "L'entraineur, Staffan Olsson,"
    ):
        return None
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or any(singular_in(token.lower_, SPEAKER_HEADS) for token in span):
        return None
    gender = FIRST_NAME_GENDERS.get(role_gender(mention.text)) or ORGANISATION_GENDERS.get(words[0])
    sentence = bisect.bisect_right(sentence_starts, mention.start) - 1
    holders = [
        antecedent
        for antecedent in antecedents
        if antecedent.kind == "person"
        and not antecedent.plural
        and antecedent.position < mention.start
        and sentence - antecedent.sentence <= ROLE_HOLDER_SENTENCES
        and (antecedent.speaks or (antecedent.is_subject and not _passive_subject(doc, antecedent)))
        and is_proper_name(antecedent.name)
        and (gender is None or antecedent.gender is None or antecedent.gender == gender)
    ]
    if not holders:
        return None
    return max(holders, key=lambda antecedent: antecedent.position).name


ARTICLE_PREPOSITIONS = frozenset({"au", "aux", "du", "des"})
# "Marc Leroy est devenu le plus jeune maire": a role after these is said of its subject.
BECOME = frozenset({"devenu", "devenue", "devient", "deviendra", "redevenu", "reste", "restera"})
# "Le premier a juré que …, la seconde a affirmé …": which of the two named, and its gender.
ORDINAL_MENTIONS = {
    ("le", "premier"): ("m", 0),
    ("la", "première"): ("f", 0),
    ("le", "second"): ("m", 1),
    ("la", "seconde"): ("f", 1),
    ("le", "deuxième"): ("m", 1),
    ("la", "deuxième"): ("f", 1),
}
ORDINAL_REACH = 2  # "Le premier a juré …. La seconde a affirmé …": two sentences back
# Heads of bodies that are places too: "qui représente le pays" mentions no one who speaks.
PLACE_HEADS = frozenset({"pays", "ville", "région", "département", "commune", "state"})


def _is_one_of(mention: SpeakerMention) -> bool:
    """ "l'un d'eux", "l'une d'entre elles": one of the group last mentioned."""
    words = mention.text.lower().split()
    return bool(words) and words[0] in ONE_OF


def _looks_plural(name: str) -> bool:
    """ "deux responsables syndicaux": a group by its last word, where no tag says its number."""
    words = name.split()
    return len(words) > 1 and words[-1].endswith(PLURAL_ENDINGS)


def _last_mentioned(
    doc: Doc,
    mention: SpeakerMention,
    candidate: Candidate,
    names: ArticleNames,
    antecedents: list[Antecedent],
    sentence_starts: list[int],
    content_spans: list[tuple[int, int]],
) -> Antecedent | None:
    """ "Ce dernier", "celle-ci": the last person mentioned before it, named or by a definite
    role ("a été reçu par l'adjoint aux mobilités. Celui-ci a promis …"), of its gender and
    number, in its own sentence (not in a fronted phrase: "Entendu par le juge, ce dernier a
    affirmé") or else the one before, outside quotes and reported words; in that sentence a
    person before a body ("a signé au Los Angeles FC. Ce dernier"), a name whose gender is
    known first."""
    words = mention.text.lower().split()
    if not _is_one_of(mention) and not any(
        word.endswith("-ci") or word.startswith("derni") for word in words
    ):
        return None
    sentence = bisect.bisect_right(sentence_starts, mention.start) - 1
    reach = sentence_starts[max(0, sentence - 1)]
    own = sentence_starts[sentence]
    limit = mention.start
    before = doc.char_span(own, mention.start, alignment_mode="expand")
    if (
        before is not None
        and len(before)
        and before[-1].text == ","
        and not any(is_finite_verb(token) for token in before)
    ):
        limit = own  # "Entendu par le juge, ce dernier …": the fronted phrase is about him
    plural = last_named(mention.text) in PLURAL_PRONOUNS
    one_of = _is_one_of(mention)
    found = [
        antecedent
        for antecedent in antecedents
        if reach <= antecedent.position < limit
        and not _inside(content_spans, antecedent.position)
        and (antecedent.plural == plural or (one_of and _looks_plural(antecedent.name)))
        # "ont déclaré deux responsables … a précisé l'un d'eux": a group need not be named
        and (
            (antecedent.kind in ("person", "organisation") and is_proper_name(antecedent.name))
            or (one_of and antecedent.kind in ("person", "anonymous"))
        )
        and (mention.gender is None or antecedent.gender in (None, mention.gender))
        and not _describes_another(doc, antecedent.position)
    ]
    span = doc.char_span(reach, limit, alignment_mode="expand") if reach < limit else None
    for token in span if span is not None else []:
        role = _definite_role(token, mention, plural)
        if role is not None and not _inside(content_spans, token.idx):
            found.append(
                Antecedent(
                    token.idx,
                    bisect.bisect_right(sentence_starts, token.idx) - 1,
                    _resolve_nominal(role, names) or role.name,
                    role.kind,
                    _grammatical_gender(token),
                    token.dep_.startswith("nsubj"),
                    "",
                    plural=plural,
                )
            )
    return max(
        found,
        key=lambda antecedent: (
            antecedent.sentence,
            antecedent.kind == "person",
            antecedent.kind == "person" and antecedent.gender is not None,
            antecedent.position,
        ),
        default=None,
    )


def _one_of_two(
    mention: SpeakerMention,
    candidate: Candidate,
    antecedents: list[Antecedent],
    sentence_starts: list[int],
) -> Antecedent | None:
    """ "deux témoins : le gérant, Marc Delorme, et une serveuse, Inès Bouaziz. Le premier a
    juré que …": "le premier" and "le second" are the first and the second of the two people
    named in the last sentence that names people, within ORDINAL_REACH sentences before them,
    when it names exactly two; of their gender."""
    order = ORDINAL_MENTIONS.get(tuple(mention.text.lower().split()))
    if order is None:
        return None
    gender, rank = order
    sentence = bisect.bisect_right(sentence_starts, mention.start) - 1
    people = [
        antecedent
        for antecedent in antecedents
        if antecedent.kind == "person"
        and not antecedent.plural
        and sentence - ORDINAL_REACH <= antecedent.sentence
        and antecedent.position < mention.start
        and not (candidate.start <= antecedent.position < candidate.end)
        and is_proper_name(antecedent.name)
    ]
    if not people:
        return None
    last = max(antecedent.sentence for antecedent in people)
    named: dict[str, Antecedent] = {}
    for antecedent in sorted(people, key=lambda antecedent: antecedent.position):
        if antecedent.sentence == last:
            named.setdefault(antecedent.name, antecedent)
    if len(named) != 2:
        return None  # "… devant Vingegaard et Evenepoel": three named, no pair
    chosen = list(named.values())[rank]
    if chosen.gender is not None and chosen.gender != gender:
        return None
    return chosen


def _describes_another(doc: Doc, position: int) -> bool:
    """ "Frédéric Lefebvre, député LR", "du Marché commun (COMESA)": a name in brackets or in
    a person's role describes someone else, who is the one mentioned (not "le site internet
    de Christophe Chalençon": there the name is)."""
    span = doc.char_span(position, position + 1, alignment_mode="expand")
    if span is None:
        return False
    token = span[0]
    if token.i > 0 and doc[token.i - 1].text == "(":
        return True
    if token.ent_type_ in PERSON_LABELS:
        return False  # "L'attaquant Olivier Giroud": the person the role is
    comma = token.i > 0 and doc[token.i - 1].text == ","
    head = token.head
    # Not "la ministre de l'Intérieur, Lucía Romero": a name after a comma is the person.
    return (
        (token.dep_ in ("nmod", "amod", "flat:name") or (token.dep_ == "appos" and not comma))
        and head.i < token.i
        and head.pos_ == "NOUN"
        and singular_in(head.lower_, PERSON_HEADS)
    )


def _definite_role(token: Token, mention: SpeakerMention, plural: bool) -> SpeakerMention | None:
    """The mention a role or body noun heads ("l'adjoint aux mobilités", "le club"), when no
    name stands for it and it agrees with the demonstrative."""
    if (
        token.pos_ != "NOUN"
        or not (singular_in(token.lower_, SPEAKER_HEADS) or token.lower_ in BODY_NOUNS)
        or token.lower_ in PLACE_HEADS
    ):
        return None  # not "qui représente le pays": a place is no one mentioned
    if not any(
        child.dep_ == "det" or (child.dep_ == "case" and child.lower_ in ARTICLE_PREPOSITIONS)
        for child in token.children
    ):
        return None  # "par des policiers", "au promoteur": an article; not "par téléphone"
    # "le délégué syndical, Samir Haddad", "Samir Haddad, le délégué": the name stands for it;
    # "Le président du club": the club only says whose president.
    if token.dep_ in ("appos", "flat:name") or any(
        child.dep_ in ("appos", "flat:name") and child.ent_type_ for child in token.children
    ):
        return None
    if _describes_another(token.doc, token.idx):
        return None
    if any(child.dep_ == "cop" for child in token.children) or token.head.lower_ in BECOME:
        return None  # "Jean Dupont est le père de la victime": a predicate, no one new
    if token.dep_ == "nmod" and token.lower_ in PLAIN_PERSONS:
        return None  # "militant des droits de l'homme": a plain noun in a complement
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if following is not None and following.ent_type_ in PERSON_LABELS:
        return None  # "La chanteuse Aya Nakamura": the name is mentioned
    doc = token.doc
    start, end = noun_phrase(token)
    # "la ministre de l'Intérieur, Lucía Romero,": the name after the comma is mentioned last.
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].ent_type_ in PERSON_LABELS:
        return None
    if ("Plur" in token.morph.get("Number")) != plural:
        return None
    gender = _grammatical_gender(token)
    if mention.gender is not None and gender is not None and gender != mention.gender:
        return None
    role = build_mention(doc, start, end)
    return role if role is not None and not role.is_pronoun else None


def _continued_by_role(
    mention: SpeakerMention,
    candidate: Candidate,
    speaker_antecedents: list[Antecedent],
    sentence_starts: list[int],
) -> tuple[str, str] | None:
    """The person who said the last quote, when a definite mention with no name goes on with
    a verb of continuation within CONTINUATION_SENTENCES of it, names a plain person ("a
    ajouté la jeune femme") or the last speaker's own role ("Paul Roux, le maire … a ajouté le
    maire"), and its gender agrees. Any other role may be someone else ("a ajouté le
    procureur", "a poursuivi le technicien madrilène")."""
    words = mention.text.lower().split()
    cue = candidate.cue
    if (
        not speaker_antecedents
        or cue is None
        or cue.lemma not in CONTINUATION_VERBS
        or not _opens_definite(words)
    ):
        return None
    last = speaker_antecedents[-1]
    nouns = {word[2:] if word.startswith(("l'", "l’")) else word for word in words} - FUNCTION_WORDS
    described = set(last.description.lower().split()) - FUNCTION_WORDS
    if not nouns & (PLAIN_PERSONS | described):
        return None
    gender = mention.gender or FIRST_NAME_GENDERS.get(role_gender(mention.text))
    sentence = bisect.bisect_right(sentence_starts, mention.start) - 1
    if (
        last.kind != "person"
        or last.plural
        or not is_proper_name(last.name)
        or sentence - last.sentence > CONTINUATION_SENTENCES
        or (gender is not None and last.gender is not None and gender != last.gender)
    ):
        return None
    return last.name, last.kind


def _body_named_before(
    doc: Doc,
    mention: SpeakerMention,
    antecedents: list[Antecedent],
    sentence_starts: list[int],
) -> tuple[str, str] | None:
    """ "Météo-France a placé sept départements en vigilance. L'organisme a indiqué que …": a
    definite noun for a body, alone, is the organisation named last before it as a subject or
    a speaker, in its sentence or the BODY_SENTENCES before it."""
    words = mention.text.lower().split()
    if len(words) == 2 and words[0] in {"le", "la"}:
        head = words[1]
    elif len(words) == 1 and words[0].startswith(("l'", "l’")):
        head = words[0][2:]
    else:
        return None
    if head not in BODY_NOUNS:
        return None
    sentence = bisect.bisect_right(sentence_starts, mention.start) - 1
    bodies = [
        antecedent
        for antecedent in antecedents
        if antecedent.position < mention.start and sentence - antecedent.sentence <= BODY_SENTENCES
    ]
    if len({antecedent.name for antecedent in bodies if antecedent.kind == "organisation"}) > 1:
        return None  # "La Ligue a sanctionné le Stade rennais. Selon le club": which one?
    reach = doc.char_span(
        sentence_starts[max(0, sentence - BODY_SENTENCES)], mention.start, alignment_mode="expand"
    )
    if reach is not None and any(
        token.lower_ == head and token.ent_type_ != "ORG" and not doc[token.i + 1].ent_type_
        for token in reach
    ):
        return None  # "a suspendu le club de Bastia. Le club a annoncé": that club
    last = max(bodies, key=lambda antecedent: antecedent.position, default=None)
    if (
        last is None
        or last.kind != "organisation"
        or not (last.is_subject or last.speaks)
        or not is_proper_name(last.name)
    ):
        return None
    between = doc.char_span(last.position, mention.start, alignment_mode="expand")
    if between is not None and any(
        entity.start_char > last.position + len(last.name) for entity in between.ents
    ):
        return None  # "La Ligue a sanctionné le Stade rennais. Selon le club": that one
    return last.name, last.kind


def _grammatical_gender(token: Token) -> str | None:
    """ "m" or "f" as the tagger read the word ("adjointe": f), or None."""
    return {"Masc": "m", "Fem": "f"}.get(next(iter(token.morph.get("Gender")), ""))


def _opens_definite(words: list[str]) -> bool:
    """Whether lower-cased words open with a definite article ("le maire", "l'élue")."""
    return bool(words) and (words[0] in {"le", "la"} or words[0].startswith(("l'", "l’")))


def _passive_subject(doc: Doc, antecedent: Antecedent) -> bool:
    """ "Paul Martin a été interpellé": who undergoes the verb, not who speaks after it."""
    span = doc.char_span(antecedent.position, antecedent.position + 1, alignment_mode="expand")
    return span is not None and any(token.dep_ == "nsubj:pass" for token in span.root.subtree)


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    index = bisect.bisect_right(spans, (position, float("inf"))) - 1
    while index >= 0:
        start, end = spans[index]
        if start <= position < end:
            return True
        if end <= position and index < len(spans) - 1:
            return False
        index -= 1
    return False


def _entity_antecedents(
    doc: Doc, names: ArticleNames, sentence_starts: list[int], content_spans: list[tuple[int, int]]
) -> list[Antecedent]:
    found = []
    for entity in doc.ents:
        if entity.label_ not in ("PER", "PERSON", "ORG"):
            continue
        if _inside(content_spans, entity.start_char) or _in_marks(doc, entity):
            continue
        is_person = entity.label_ in ("PER", "PERSON") or _after_person_role(doc, entity.start)
        name = (
            names.canonical(normalise_name(entity.text))
            if is_person
            else normalise_name(entity.text)
        )
        before = doc[max(0, entity.start - 3) : entity.start].text.lower().split()
        gender = "f" if any(word in FEMININE_WORDS for word in before) else None
        if is_person:
            gender = gender or name_gender(name)
        elif entity.start > 0:
            # "le Medef … il", "la SNCF … elle": the article gives an organisation its gender.
            gender = ORGANISATION_GENDERS.get(doc[entity.start - 1].lower_)
        # "elle est saluée par Donald Trump": the agent of a passive verb acts as its subject.
        # "le député Sébastien Nadot a été exclu": a name in apposition to the subject is it.
        is_subject = any(
            token.dep_.startswith("nsubj")
            or _agent_of_passive_verb(token)
            or _in_apposition_to_subject(token)
            for token in entity
        )
        found.append(
            Antecedent(
                entity.start_char,
                bisect.bisect_right(sentence_starts, entity.start_char) - 1,
                name,
                "person" if is_person else "organisation",
                gender,
                is_subject,
                "",
            )
        )
    return found


def _in_marks(doc: Doc, entity: Span) -> bool:
    """ "est devenu « Nelson Mandela »": a name alone in quote marks is a nickname or a word
    someone used, not a person the article goes on to speak of."""
    return (
        entity.start > 0
        and entity.end < len(doc)
        and doc[entity.start - 1].text in DOUBLE_MARKS
        and doc[entity.end].text in DOUBLE_MARKS
    )


def _in_apposition_to_subject(token: Token) -> bool:
    """ "Le ministre de la justice du pays, Bekir Bozdag, a affirmé": a name in apposition
    inside the subject's noun phrase, wherever the parser hung it (here on "pays"), is the
    subject."""
    if token.dep_ != "appos":
        return False
    head = token.head
    while not head.dep_.startswith("nsubj"):
        if head.dep_ not in NOUN_PHRASE_DEPS or head.head == head:
            return False
        head = head.head
    return True


def _agent_of_passive_verb(token: Token) -> bool:
    """ "elle est saluée par Donald Trump": the agent of a passive verb acts as its subject; not
    the agent of a bare participle ("les buts encaissés par Thierry Omeyer")."""
    return token.dep_ == PASSIVE_AGENT and is_passive(token.head)


def _after_person_role(doc: Doc, start: int) -> bool:
    """ "L'entraineur parisien, Staffan Olsson,": a name in apposition to a person's role is a
    person, whatever type the NER gave it."""
    if start < 2 or doc[start - 1].text != ",":
        return False
    return any(
        token.lower_ in PERSON_HEADS and token.pos_ == "NOUN"
        for token in doc[max(0, start - 1 - ROLE_REACH) : start - 1]
    )


def _pronoun_subject_sentences(
    doc: Doc, sentence_starts: list[int], content_spans: list[tuple[int, int]]
) -> frozenset[int]:
    """Sentences whose main verb has a personal pronoun as subject ("Il rejoint ainsi Paavo
    Nurmi"): they carry an earlier referent on, so the names in them are not who "il" is."""
    found = set()
    for token in doc:
        if (
            token.dep_ in ("nsubj", "nsubj:pass")
            and token.lower_ in RELAYING_PRONOUNS
            and token.head.dep_ == "ROOT"
            and not _inside(content_spans, token.idx)
        ):
            found.add(bisect.bisect_right(sentence_starts, token.idx) - 1)
    return frozenset(found)


def _group_antecedents(
    doc: Doc,
    names: ArticleNames,
    sentence_starts: list[int],
    content_spans: list[tuple[int, int]],
) -> list[Antecedent]:
    """Group, institution and titled subjects: "Les enquêteurs … Ils", "Le gouvernement …
    Il", "Le candidat de droite a renouvelé … a-t-il déclaré"."""
    found = []
    for token in doc:
        # "Le Premier ministre portugais" tagged MISC is still a titled subject; a name is not.
        if (
            token.pos_ != "NOUN"
            or token.ent_type_ in NAMED_LABELS
            or _inside(content_spans, token.idx)
        ):
            continue
        plural = "Plur" in token.morph.get("Number")
        singular = token.lower_[:-1] if plural and token.lower_[-1:] in ("s", "x") else token.lower_
        is_subject = token.dep_.startswith("nsubj") or _agent_of_passive_verb(token)
        # "revendiquée par les islamistes … ont-ils écrit", "la colère des féministes … Pour
        # eux": people who act or feel without being the subject; not "écrit aux maires".
        agent = plural and singular in PERSON_HEADS and token.dep_ in AGENT_DEPS
        if not (is_subject or agent):
            continue
        gender = None
        titled = None
        if plural and singular in PERSON_HEADS:
            kind = "person"
        elif is_subject and not plural and token.lower_ in PERSON_HEADS:
            if any(other.ent_type_ in PERSON_LABELS for other in token.subtree):
                continue  # "le ministre, Christophe Castaner,": the name is the antecedent
            kind = "person"
            gender = ORGANISATION_GENDERS.get(doc[token.left_edge.i].lower_)
            titled = names.by_title(token.lower_, token.idx)
        elif singular in ORGANISATION_HEADS:
            kind = "organisation"
            # "Le gouvernement … Il assure": a French institution is he or she by its noun.
            gender = ORGANISATION_GENDERS.get(doc[token.left_edge.i].lower_)
            if not plural and gender is None:
                continue
        else:
            continue
        start, end = noun_phrase(token)
        if start >= 2 and doc[start - 1].text == "," and doc[start - 2].ent_type_ in PERSON_LABELS:
            continue  # "Thierry et Véronique Roy, parents d'un jihadiste": the names come first
        name = titled or normalise_name(doc[start:end].text)
        found.append(
            Antecedent(
                token.idx,
                bisect.bisect_right(sentence_starts, token.idx) - 1,
                name,
                kind,
                gender,
                is_subject,
                "",
                plural=plural,
            )
        )
    return found


def _compatible(mention: SpeakerMention, antecedent: Antecedent, *, same_sentence: bool) -> bool:
    if mention.implicit:
        return not antecedent.plural  # a quote alone goes on with one person or body
    pronoun = last_named(mention.text) or mention.text.lower()
    bare = bare_pronoun(pronoun)
    if antecedent.plural:
        return bare in {"ils", "elles", "they", "eux"}
    if antecedent.kind == "anonymous" or antecedent.kind == "other":
        return antecedent.kind == "anonymous" and pronoun not in PLURAL_PRONOUNS
    if pronoun in PLURAL_PRONOUNS:
        return True
    if antecedent.kind == "organisation":
        # "la police … elle", "le gouvernement … il": French institutions take their noun's
        # gender; English ones are "it".
        if antecedent.gender is not None and bare in {"il", "elle"}:
            return mention.gender == antecedent.gender
        # "Monsanto ne reconnaît aucune valeur à ce tribunal, qu'il qualifie de …": a company
        # no article gives a gender to is il or elle for the writer, in its own sentence.
        if same_sentence and antecedent.gender is None and antecedent.is_subject:
            return bare in {"il", "elle"} or pronoun in ORGANISATION_PRONOUNS
        return pronoun in ORGANISATION_PRONOUNS
    if mention.gender is not None and antecedent.gender is not None:
        return mention.gender == antecedent.gender
    return True


def _pick_antecedent(
    mention: SpeakerMention,
    candidate: Candidate,
    antecedents: list[Antecedent],
    sentence_starts: list[int],
    relayed: frozenset[int],
) -> Antecedent | None:
    """The antecedent the ranker prefers among the compatible ones before the pronoun, in its
    sentence and the SENTENCES_LOOKED_BACK before it."""
    sentence = bisect.bisect_right(sentence_starts, mention.start) - 1
    # The sentences of the quote itself ("« … Il est trop tard. », a-t-il affirmé") are no
    # distance from the one who speaks it.
    quoted = frozenset(
        index
        for index in range(
            bisect.bisect_left(sentence_starts, candidate.start),
            bisect.bisect_left(sentence_starts, candidate.end),
        )
        if index != sentence
    )
    targets = (target for target in range(sentence, -1, -1) if target not in quoted)
    looked_back = {
        target: looked
        for looked, target in enumerate(itertools.islice(targets, SENTENCES_LOOKED_BACK + 1))
    }
    reachable = [
        Reachable(antecedent, looked_back[antecedent.sentence], antecedent.sentence in relayed)
        for antecedent in antecedents
        if antecedent.sentence in looked_back
        and antecedent.position < mention.start
        and not (candidate.start <= antecedent.position < candidate.end)
        and _compatible(mention, antecedent, same_sentence=looked_back[antecedent.sentence] == 0)
    ]
    return choose(
        mention, _constrained(mention, _merged(reachable)), (candidate.start, candidate.end)
    )


def _named_right_after(
    candidate: Candidate, antecedents: list[Antecedent], sentence_starts: list[int]
) -> Antecedent | None:
    """ "« On a tout perdu en une nuit. » Devant sa maison, Josiane Arnaud, 71 ans, …": a quote
    no cue attributes, with no one named before it, is said by the person named in the
    sentence right after it (the opening of a portrait or a report)."""
    last = bisect.bisect_right(sentence_starts, max(candidate.start, candidate.end - 1)) - 1
    return next(
        (
            antecedent
            for antecedent in antecedents
            if antecedent.position >= candidate.end
            and antecedent.sentence <= last + NEXT_SENTENCES
            and antecedent.kind == "person"
        ),
        None,
    )


def _merged(reachable: list[Reachable]) -> list[Reachable]:
    """One entry per mention: a named speaker is an antecedent both as a name and as the one
    who spoke, at one position; counted twice, it would push the mentions before it a rank
    back and count as named twice."""
    by_position: dict[int, Reachable] = {}
    for entry in reachable:
        other = by_position.get(entry.antecedent.position)
        if other is None:
            by_position[entry.antecedent.position] = entry
            continue
        speaker, name = (entry, other) if entry.antecedent.speaks else (other, entry)
        merged = replace(
            speaker.antecedent,
            is_subject=speaker.antecedent.is_subject or name.antecedent.is_subject,
        )
        by_position[entry.antecedent.position] = replace(speaker, antecedent=merged)
    return list(by_position.values())


def _constrained(mention: SpeakerMention, reachable: list[Reachable]) -> list[Reachable]:
    """What syntax settles before the ranker weighs the rest: a subject of the pronoun's own
    sentence is who it is ("Monsanto ne reconnaît pas ces conclusions, qu'il qualifie de
    « … »"), and a name in the objects or adjuncts of its own sentence or of a sentence that
    carries a pronoun subject on is not ("Interrogé sur les buts encaissés par Thierry Omeyer,
    il explique", "Il rejoint ainsi Paavo Nurmi"). "Ce dernier" is the last one named, subject
    or not: the ranker alone chooses it."""
    if last_named(mention.text) is not None:
        return reachable
    own_subjects = [
        entry for entry in reachable if entry.looked == 0 and entry.antecedent.is_subject
    ]
    if own_subjects:
        return own_subjects
    return [
        entry
        for entry in reachable
        if entry.antecedent.is_subject
        or entry.antecedent.speaks
        or not (entry.looked == 0 or entry.relaying)
    ]
