"""Reporting cues: verb lexicons (inflected without a lemmatizer) and source prepositions."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Token

from .lexicon import NAME_WORDS, REPORTED_WORDS
from .marks import CLOSING_MARKS, OPENING_MARKS
from .names import (
    COMPOUND_RELATIVES,
    ORGANISATION_HEADS,
    PERSON_HEADS,
    SPEAKER_HEADS,
    singular_in,
)

ELISION_APOSTROPHES = ("'", "’")
REFLEXIVE_CLITICS = frozenset(
    {"se", "s'", "s’", "me", "m'", "m’", "te", "t'", "t’", "nous", "vous"}
)
UNAMBIGUOUS_REFLEXIVES = REFLEXIVE_CLITICS - {"nous", "vous"}
THIRD_PERSON_REFLEXIVES = frozenset({"se", "s'", "s’"})
CLAUSE_CONJUNCTIONS = frozenset({"car", "mais", "et", "donc", "or"})
PURPOSE_CLITICS = frozenset(
    {"ne", "n'", "n’", "pas", "le", "la", "les", "l'", "l’", "se", "s'", "s’", "y", "en", "leur",
     "lui"}
)  # fmt: skip
# Locutions whose verb needs a clitic before it ("y voir une « … »"); like "se", not inflected.
CLITIC_PREFIXES = ("y ",)
# Forms of avoir before a past participle, whatever the tagger made of them.
AVOIR_FORMS = frozenset({"a", "ont", "avait", "avaient", "aura", "auront", "aurait", "auraient"})
INCISE_PRONOUNS = frozenset(
    {"-il", "-elle", "-ils", "-elles", "-on", "-t-il", "-t-elle", "-t-ils", "-t-elles", "-t-on"}
)
# "esquivé", "esquivée": a first-group past participle, longest ending first.
PAST_PARTICIPLE_ENDINGS = ("ées", "és", "ée", "é")
# What may end the sentence before a quote that opens the next one.
SENTENCE_ENDS = frozenset({".", "!", "?", ":", "…"})
# "selon toute vraisemblance", "selon les cas", "selon que …": "selon" naming no source.
SELON_IDIOMS = frozenset(
    {("toute", "vraisemblance"), ("toute", "probabilité"), ("toutes", "probabilités"),
     ("toute", "apparence"), ("les", "cas"), ("le", "cas"), ("que",), ("qu'",), ("qu’",)}
)  # fmt: skip
# "(lire …)": an infinitive or an imperative opening brackets points the reader elsewhere
# ("(affirme le maire)" is an incise).
OPENING_BRACKETS = frozenset({"(", "["})
# "varier selon", "dépendent selon", "diffèrent selon": verbs whose "selon" gives a criterion.
VARIATION_STEMS = (
    "vari", "différ", "diffèr", "dépend", "fluctu", "modul", "évolu", "chang", "oscill"
)  # fmt: skip
COORDINATORS_OF_CRITERIA = frozenset({"et", "ou"})
# How far after such a "selon" a source may be named; the nouns naming one.
MAX_CRITERION_TOKENS = 6
SOURCE_HEADS = SPEAKER_HEADS | PERSON_HEADS | ORGANISATION_HEADS | {"étude", "rapport", "enquête"}
# "conférence de presse que": a word after these complements a noun; "de dire que" is an
# infinitive, a verb whatever its tag.
NOUN_COMPLEMENT_PREPOSITIONS = frozenset({"de", "d'", "d’"})
THAT_IS = "est-à-"
# The flags a line of verbs_fr.txt / verbs_en.txt may carry (explained at the top of each file).
LEXICON_FLAGS = frozenset(
    {"obj", "inf", "adj", "belief", "ir", "head", "thing", "charge", "agent", "quote"}
)
INFINITIVE_ENDINGS = ("er", "ir", "re")


@dataclass(frozen=True)
class LexiconEntry:
    """One reporting verb or locution of the lexicon."""

    lemma: str
    tail: tuple[str, ...]
    takes_object: bool
    belief: bool
    takes_infinitive: bool
    takes_adjective: bool
    names_things: bool = False
    needs_charge: bool = False
    needs_agent: bool = False
    quotes_only: bool = False


@dataclass(frozen=True)
class Lexicon:
    """Inflected form -> entries whose head verb has that form."""

    forms: dict[str, tuple[LexiconEntry, ...]]


@dataclass(frozen=True)
class Cue:
    """A reporting cue found in a document (token offsets, end exclusive)."""

    lemma: str
    kind: str  # "verb" or "source" (selon, d'après, according to) or "pour"
    start: int
    end: int
    takes_object: bool = False
    belief: bool = False
    takes_infinitive: bool = False
    takes_adjective: bool = False
    names_things: bool = False
    needs_charge: bool = False
    needs_agent: bool = False
    quotes_only: bool = False


def _french_er_forms(lemma: str) -> set[str]:
    stem = lemma[:-2]
    soft_stem = stem
    if stem.endswith("c"):
        soft_stem = stem[:-1] + "ç"
    elif stem.endswith("g"):
        soft_stem = stem + "e"
    mute_stem = stem
    if stem.endswith("y"):
        mute_stem = stem[:-1] + "i"
    elif stem.endswith(("el", "et")) and lemma in {"appeler", "rappeler", "interpeller"}:
        mute_stem = stem + stem[-1]
    else:
        # précéder -> précède, lever -> lève: the last é/e before a final consonant group opens.
        for index in range(len(stem) - 1, 0, -1):
            if stem[index] in "aiouy":
                break
            if stem[index] in "ée":
                consonants = stem[index + 1 :]
                single = len(consonants) == 1
                muta_cum_liquida = (
                    len(consonants) == 2 and consonants[1] in "rl" and consonants[0] not in "rl"
                )
                if single or muta_cum_liquida:
                    mute_stem = stem[:index] + "è" + consonants
                break
    forms = {lemma, stem + "é", stem + "ée", stem + "és", stem + "ées", stem + "ons", stem + "ez"}
    forms |= {mute_stem + "e", mute_stem + "es", mute_stem + "ent"}
    forms |= {soft_stem + "ant", soft_stem + "ait", soft_stem + "aient", soft_stem + "a"}
    forms |= {soft_stem + "ais", soft_stem + "âmes", stem + "èrent"}
    for future_stem in {lemma, mute_stem + "er"}:
        forms |= {future_stem + ending for ending in ("a", "ont", "ait", "aient", "ai", "as")}
    return forms


def _french_ir_forms(lemma: str) -> set[str]:
    stem = lemma[:-2]
    endings = ("ir", "it", "is", "issent", "issait", "issaient", "irent", "ira", "iront", "irait")
    more = ("iraient", "issant", "i", "ie", "ies", "isse")
    return {stem + ending for ending in endings + more}


def _english_forms(lemma: str) -> set[str]:
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
    return forms


def _parse_line(line: str) -> tuple[str, set[str], list[str], str | None]:
    line = line.split("#", 1)[0].strip()
    model = None
    if "~" in line:
        line, model = (part.strip() for part in line.split("~", 1))
    explicit: list[str] = []
    if "=" in line:
        line, forms_text = line.split("=", 1)
        explicit = forms_text.split()
    words = line.split()
    flags = {word for word in words if word in LEXICON_FLAGS}
    lemma = " ".join(word for word in words if word not in flags)
    return lemma, flags, explicit, model


def _is_reflexive(entry: LexiconEntry) -> bool:
    return entry.lemma.startswith(("se ", "s'", "s’"))


def _has_required_clitic(doc: Doc, index: int, entry: LexiconEntry) -> bool:
    """ "y voir": a locution whose clitic must stand shortly before ("Mediapart y voit …")."""
    clitic = entry.lemma.split(" ", 1)[0]
    return any(doc[position].lower_ == clitic for position in range(max(0, index - 3), index))


def _has_reflexive_clitic(
    doc: Doc, index: int, clitics: frozenset[str] = REFLEXIVE_CLITICS
) -> bool:
    """ "s'est exclamé", "se plaint", "se sont dits": a reflexive pronoun shortly before."""
    return any(doc[position].lower_ in clitics for position in range(max(0, index - 3), index))


def _bound_reflexive(doc: Doc, index: int) -> bool:
    """ "la crise se poursuit", "s'est poursuivie": a third-person reflexive pronoun right
    before the verb or its auxiliary makes another verb than the reporting one, unless the
    verb opens an incise."""
    previous = index - 1
    if previous > 0 and doc[previous].pos_ == "AUX":
        previous -= 1
    if previous < 0 or doc[previous].lower_ not in THIRD_PERSON_REFLEXIVES:
        return False
    # "« … », s'est confiée la victime", "», se justifie le directeur": an incise reports.
    before = doc[previous - 1] if previous > 0 else None
    return before is None or not (before.text == "," or before.text in CLOSING_MARKS)


def _strip_reflexive(lemma: str) -> str:
    for prefix in ("se ", "s'", "s’", *CLITIC_PREFIXES):
        if lemma.startswith(prefix):
            return lemma[len(prefix) :]
    return lemma


@functools.cache
def load_lexicon(lang: str) -> Lexicon:
    """Load and inflect the reporting-verb lexicon of a language."""
    path = Path(__file__).parent / "data" / f"verbs_{lang}.txt"
    head_forms: dict[str, set[str]] = {}
    entries: list[tuple[str, set[str], list[str], str | None]] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        lemma, flags, explicit, model = _parse_line(raw)
        if lemma:
            entries.append((lemma, flags, explicit, model))
    # First pass: the forms of every single-word verb (models before the verbs that use them).
    for lemma, flags, explicit, model in entries:
        words = _strip_reflexive(lemma).split()
        if len(words) != 1:
            continue
        verb = words[0]
        if explicit:
            forms = {verb, *explicit}
        elif model is not None and model in head_forms:
            prefix = verb[: len(verb) - len(model)]
            forms = {prefix + form for form in head_forms[model]}
        elif lang == "fr" and "ir" in flags:
            forms = _french_ir_forms(verb)
        elif lang == "fr" and verb.endswith("er"):
            forms = _french_er_forms(verb)
        elif lang == "fr":
            forms = {verb}
        else:
            forms = _english_forms(verb)
        head_forms.setdefault(verb, set()).update(forms)
    by_form: dict[str, list[LexiconEntry]] = {}
    seen: set[str] = set()
    for lemma, flags, _explicit, _model in entries:
        if "head" in flags or lemma in seen:
            continue
        seen.add(lemma)
        words = _strip_reflexive(lemma).split()
        head, tail = words[0], tuple(words[1:])
        forms = head_forms.get(head)
        if forms is None:
            forms = _french_er_forms(head) if lang == "fr" else _english_forms(head)
        entry = LexiconEntry(
            lemma,
            tail,
            "obj" in flags,
            "belief" in flags,
            bool({"obj", "inf"} & flags),
            "adj" in flags,
            "thing" in flags,
            "charge" in flags,
            "agent" in flags,
            "quote" in flags,
        )
        for form in forms:
            by_form.setdefault(form, []).append(entry)
    # Longer locutions first so "faire savoir" wins over nothing and "point out" over "point".
    return Lexicon(
        {
            form: tuple(sorted(found, key=lambda entry: (-len(entry.tail), _is_reflexive(entry))))
            for form, found in by_form.items()
        }
    )


def _tail_matches(doc: Doc, index: int, tail: tuple[str, ...]) -> int | None:
    """Token index after the locution tail starting at index, allowing one adverb before it."""
    position = index
    for word_index, word in enumerate(tail):
        if position >= len(doc):
            return None
        token = doc[position]
        if word_index == 0 and token.pos_ == "ADV" and token.lower_ != word:
            position += 1
            if position >= len(doc):
                return None
            token = doc[position]
        text = token.lower_
        if text.endswith(ELISION_APOSTROPHES) and text[:-1] + "e" == word:
            position += 1  # "faire état d'une menace": "d'" is the elided "de"
            continue
        if word == "de" and text in ("du", "des"):
            position += 1  # "parle des arrestations": "des" is "de" and an article
            continue
        if text == word or (text.endswith(ELISION_APOSTROPHES) and word.startswith(text[:-1])):
            if text != word and text.endswith(ELISION_APOSTROPHES):
                # "l'alarme" is tokenised "l'" + "alarme": the word continues on the next token.
                rest = word[len(text) - 1 :].lstrip("'’")
                position += 1
                if position >= len(doc) or doc[position].lower_ != rest:
                    return None
            position += 1
            continue
        return None
    return position


def find_cues(doc: Doc, lang: str, inside_quote: list[bool]) -> list[Cue]:
    """Reporting cues outside quoted passages, in document order."""
    lexicon = load_lexicon(lang)
    text = doc.text  # a Doc joins its tokens at each reading
    cues: list[Cue] = []
    index = 0
    length = len(doc)
    while index < length:
        if inside_quote[index]:
            index += 1
            continue
        token = doc[index]
        source = _source_preposition(doc, index, lang)
        if source is not None:
            cues.append(source)
            index = source.end
            continue
        entries = lexicon.forms.get(token.lower_)
        if not entries and lang == "fr" and _inverted_after_quote(doc, index):
            # "« … », a esquivé le capitaine": after a quote, any verb inverted with its subject
            # attributes it, whether or not the lexicon knows it.
            cues.append(Cue(_infinitive(token), "verb", index, index + 1, quotes_only=True))
            index += 1
            continue
        if entries and _determined(doc, index):
            entries = ()  # "l'accusé", "le prévenu": a participle used as a noun
        if (
            entries
            and index > 0
            and doc[index - 1].text in OPENING_BRACKETS
            and ("Inf" in token.morph.get("VerbForm") or "Imp" in token.morph.get("Mood"))
        ):
            entries = ()  # "(lire notre article …)", "(voir ci-dessous)": a pointer to read
        if entries and text[max(0, token.idx - len(THAT_IS)) : token.idx].lower() == THAT_IS:
            entries = ()  # "c'est-à-dire que": "that is", nobody says anything
        if entries:
            verb_like = _looks_like_verb(doc, token, lang)
            reflexive = _has_reflexive_clitic(doc, index)
            if _has_reflexive_clitic(doc, index, UNAMBIGUOUS_REFLEXIVES):
                # "s'est déclarée favorable": "se déclarer" before "déclarer" ("nous avons
                # déclaré" keeps "déclarer": nous and vous are subjects too).
                entries = sorted(entries, key=lambda entry: not _is_reflexive(entry))
            bound = _bound_reflexive(doc, index)
            for entry in entries:
                if _is_reflexive(entry) and not reflexive:
                    continue
                if bound and not _is_reflexive(entry):
                    continue  # "la crise se poursuit", "s'aggrave": no one reports anything
                if entry.lemma.startswith(CLITIC_PREFIXES) and not _has_required_clitic(
                    doc, index, entry
                ):
                    continue
                # "B. Obama, …, fait savoir que": a whole locution outweighs a NOUN tag.
                if not verb_like and (not entry.tail or _after_determiner(doc, index)):
                    continue
                end = _tail_matches(doc, index + 1, entry.tail) if entry.tail else index + 1
                if end is None:
                    continue
                cues.append(
                    Cue(
                        entry.lemma,
                        "verb",
                        index,
                        end,
                        entry.takes_object,
                        entry.belief,
                        entry.takes_infinitive,
                        entry.takes_adjective,
                        entry.names_things,
                        entry.needs_charge,
                        entry.needs_agent,
                        entry.quotes_only,
                    )
                )
                index = end - 1
                break
        index += 1
    return cues


def _determined(doc: Doc, index: int) -> bool:
    """Whether the token is the head of the determiner just before it ("l'accusé")."""
    previous = doc[index - 1] if index > 0 else None
    # "a malgré tout affirmé": a pronoun the parser made a determiner does not make a noun.
    return (
        previous is not None
        and previous.dep_ == "det"
        and previous.pos_ == "DET"
        and previous.head.i == index
    )


def _after_determiner(doc: Doc, index: int) -> bool:
    """Whether any determiner stands right before the token ("le fait", not "B. Obama … fait")."""
    return index > 0 and doc[index - 1].pos_ == "DET"


def _looks_like_verb(doc: Doc, token: Token, lang: str) -> bool:
    """Trust the tagger for verbs; in an incise ("…, juge Daniel Fried") trust the position."""
    if token.pos_ in ("VERB", "AUX"):
        return True
    if token.pos_ == "ADV" and token.dep_ == "advmod":
        return False  # "ne contrôlent maintenant que …": "maintenant" the adverb, not maintenir
    if token.dep_ == "ROOT" and any(child.dep_ == "nsubj" for child in token.children):
        return True  # "L'armée annonce, via un communiqué, …": a root with a subject is a verb
    previous = doc[token.i - 1] if token.i > 0 else None
    before_adverbs = token.i - 1
    while before_adverbs > 0 and doc[before_adverbs].pos_ == "ADV":
        before_adverbs -= 1  # "a toutefois nuancé": the tagger's adjective after "a" + adverb
    if before_adverbs >= 0 and doc[before_adverbs].pos_ == "AUX":
        return True
    if lang == "fr" and previous is not None and previous.lower_ in AVOIR_FORMS:
        return True  # "Manuel Valls a twitté :", the tagger's "a" a verb and "twitté" a name
    if previous is not None and previous.lower_ in INCISE_PRONOUNS:
        return True  # "a-t-il martelé": the tagger's adjective after the inverted pronoun
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if following is not None and following.lower_ in INCISE_PRONOUNS | {"-t"}:
        return True
    if following is not None and following.lower_ in ("que", "qu'", "qu’"):
        # "…, juge que": the tagger took the verb for a noun; but "lors d'une conférence de
        # presse que …" is a noun, whose "que" belongs to the verb before it.
        return not _complements_a_noun(previous, token)
    # "…, juge Daniel Fried", "Eric Drouet critique Emmanuel Macron :", "le ministre twitte la
    # présence de …": a lower-case reporting form between a name, a noun or a comma and the
    # object's name or article is the verb the tagger missed.
    return bool(
        previous is not None
        and (previous.text in {",", "»", "”", '"', "’"} or previous.pos_ in ("NOUN", "PROPN"))
        and following is not None
        and following.pos_ in ("PROPN", "DET")
        and token.is_lower
    )


def _complements_a_noun(previous: Token | None, token: Token) -> bool:
    """ "conférence de presse", "agence de presse": a noun after "de" that no tag calls a verb
    (an infinitive, "de dire que", is one)."""
    return (
        previous is not None
        and previous.lower_ in NOUN_COMPLEMENT_PREPOSITIONS
        and "Inf" not in token.morph.get("VerbForm")
        and not token.lower_.endswith(INFINITIVE_ENDINGS)
    )


def _source_preposition(doc: Doc, index: int, lang: str) -> Cue | None:
    token = doc[index]
    lower = token.lower_
    if lang == "fr":
        if lower == "selon":
            if _opens_idiom(doc, index + 1, SELON_IDIOMS) or _names_a_name(doc, index + 1):
                return None  # "selon toute vraisemblance", "selon les cas": no one's words
            if _after_variation(doc, index) and not _names_a_source(doc, index + 1):
                return None  # "Les tarifs varieront selon l'âge": a criterion, no source
            return Cue("selon", "source", index, index + 1)
        if lower in ("d'", "d’") and index + 1 < len(doc) and doc[index + 1].lower_ == "après":
            return Cue("d'après", "source", index, index + 2)
        if lower == "d'après" or lower == "d’après":
            return Cue("d'après", "source", index, index + 1)
        if (
            lower == "pour"
            and index + 3 < len(doc)
            and _starts_clause(doc, index)  # not "se retrouveront pour reprendre les termes"
            and doc[index + 1].lower_ == "reprendre"
            and doc[index + 3].lower_ in REPORTED_WORDS
            and (doc[index].is_sent_start or _quote_follows(doc, index + 4))
        ):
            # "… les mots de X, « … »"; not an aside in mid-clause ("des travailleurs pauvres,
            # pour reprendre les mots d'un géographe, qui vivent …").
            return Cue("pour reprendre", "source", index, index + 2)
        if lower == "de":
            end = _tail_matches(doc, index + 1, ("l'avis", "de"))
            if end is not None:
                return Cue("de l'avis de", "source", index, end)
            if (
                index + 2 < len(doc)
                and doc[index + 1].lower_ in ("source", "sources")
                and doc[index + 2].pos_ == "ADJ"
                and _starts_clause(doc, index)
            ):
                # "De source policière, …", "…, de source diplomatique.": an anonymous source.
                return Cue("de source", "source", index, index + 1)
        if lower in ("à", "a") and _starts_clause(doc, index):
            end = _tail_matches(doc, index + 1, ("en", "croire"))
            if end is not None:
                return Cue("à en croire", "source", index, end)  # "À en croire la presse, …"
        if lower == "aux" and _starts_clause(doc, index):
            end = _tail_matches(doc, index + 1, ("yeux", "de"))
            if end is not None:
                return Cue("aux yeux de", "pour", index, end)  # a point of view, like "pour"
        if (
            lower == "aux"
            and index + 2 < len(doc)
            and doc[index + 1].lower_ == "dires"
            and doc[index + 2].lower_ in ("de", "d'", "d’", "du", "des")
        ):
            return Cue("aux dires de", "source", index, index + 3)
        # ".Pour" happens when a space is missing after a sentence: the token starts a clause.
        if (
            lower in ("pour", ".pour")
            and (lower != "pour" or _starts_clause(doc, index) or _opens_relative(doc, index + 1))
            and not _opens_purpose(doc, index + 1)
            and not (index + 1 < len(doc) and doc[index + 1].lower_ in COMPOUND_RELATIVES)
        ):
            return Cue("pour", "pour", index, index + 1)
        return None
    if lower == "according" and index + 1 < len(doc) and doc[index + 1].lower_ == "to":
        return Cue("according to", "source", index, index + 2)
    return None


def _inverted_after_quote(doc: Doc, index: int) -> bool:
    """ "», a esquivé le capitaine", "» sourit-elle", "», s'amuse Paul": a verb, alone or after
    "a" (and "-t-il"), right after a closing mark and its comma, before its subject."""
    token = doc[index]
    if token.pos_ != "VERB" or "Inf" in token.morph.get("VerbForm"):
        return False
    start = index
    while start > 0 and (
        doc[start - 1].lower_ in AVOIR_FORMS or doc[start - 1].lower_ in REFLEXIVE_CLITICS
    ):
        start -= 1
    following = index + 1
    if following < len(doc) and doc[following].lower_ == "-t":
        following += 1
    if following >= len(doc):
        return False
    comma = start > 0 and doc[start - 1].text == ","
    before = start - 1 - comma
    if before < 0 or doc[before].text not in CLOSING_MARKS:
        return False
    if doc[following].lower_ in INCISE_PRONOUNS:
        # "peut-on lire": a modal's infinitive is the verb that reports.
        after = following + 1
        return after >= len(doc) or "Inf" not in doc[after].morph.get("VerbForm")
    if not _opens_its_sentence(doc, before):
        return False  # "Le chanteur, que ses fans appellent « … », interprétera son tube"
    # "», a esquivé le capitaine"; not "« hostile » envers les sociétés".
    return (
        (comma or start < index)
        and doc[following].pos_ in ("DET", "PROPN")
        and doc[following].is_alpha
    )


def _infinitive(token: Token) -> str:
    """The infinitive of a verb the lexicon lacks, where its form tells it ("esquivé",
    "esquive" -> "esquiver"); else the form itself."""
    form = token.lower_
    for ending in PAST_PARTICIPLE_ENDINGS:
        if form.endswith(ending):
            return form[: -len(ending)] + "er"
    return form + "r" if form.endswith("e") else form


def _opens_its_sentence(doc: Doc, closing: int) -> bool:
    """Whether the quote closed at token closing opens its sentence or paragraph."""
    opening = closing - 1
    while opening >= 0 and doc[opening].text not in OPENING_MARKS:
        opening -= 1
    if opening < 0:
        return False
    previous = doc[opening - 1] if opening > 0 else None
    return (
        previous is None
        or previous.is_space
        or previous.text in SENTENCE_ENDS
        or previous.text in CLOSING_MARKS
    )


def _names_a_name(doc: Doc, index: int) -> bool:
    """ "(Daech selon son acronyme arabe)": what a name stands for, no one's words."""
    return any(token.lower_ in NAME_WORDS for token in doc[index : index + 2])


def _after_variation(doc: Doc, index: int) -> bool:
    """Whether "selon" follows a verb of varying ("varieront selon l'âge et selon la saison",
    "diffèrent fortement selon les régions"), past adverbs and an earlier criterion."""
    position = index - 1
    while position >= 0 and (
        doc[position].pos_ == "ADV" or doc[position].lower_ in COORDINATORS_OF_CRITERIA
    ):
        position -= 1
    if position >= 0 and doc[position].pos_ == "NOUN" and position > 0:
        # "varieront selon l'âge et selon …": the criterion before the coordinator.
        while position >= 0 and doc[position].lower_ != "selon" and not doc[position].is_punct:
            position -= 1
        if position >= 0 and doc[position].lower_ == "selon":
            return _after_variation(doc, position)
        return False
    return position >= 0 and doc[position].lower_.startswith(VARIATION_STEMS)


def _names_a_source(doc: Doc, index: int) -> bool:
    """Whether the phrase from index names someone ("selon le ministère", "selon une étude du
    Crédoc", "selon son entraîneur"): a name, a person, a body or a document."""
    for token in doc[index : index + MAX_CRITERION_TOKENS]:
        if token.is_punct or token.pos_ in ("VERB", "AUX"):
            return False
        if token.ent_type_ or singular_in(token.lower_, SOURCE_HEADS):
            return True
    return False


def _opens_idiom(doc: Doc, index: int, idioms: frozenset[tuple[str, ...]]) -> bool:
    """Whether the words from index on begin with one of the idioms (lower-case word tuples)."""
    return any(
        tuple(token.lower_ for token in doc[index : index + len(idiom)]) == idiom
        for idiom in idioms
    )


def _starts_clause(doc: Doc, index: int) -> bool:
    """True when the token opens a sentence or follows a comma, a quote or a conjunction
    ("car pour lui, …")."""
    if index == 0 or doc[index].is_sent_start:
        return True
    previous = doc[index - 1]
    if previous.text in {"»", "”"}:
        # "« Fini. » Pour X, …" opens a clause; "n'était pas « confortable » pour le ministère"
        # goes on with the sentence the quote sits in.
        return index > 1 and doc[index - 2].text.endswith((".", "!", "?", "…"))
    return (
        previous.text in {",", ".", ";", ":"}
        or previous.text.endswith(".")
        or previous.lower_ in CLAUSE_CONJUNCTIONS
    )


def _quote_follows(doc: Doc, index: int) -> bool:
    """Whether quote marks open after index before the sentence ends."""
    for token in doc[index:]:
        if token.text in OPENING_MARKS:
            return True
        if token.text in SENTENCE_ENDS:
            return False
    return False


def _opens_relative(doc: Doc, index: int) -> bool:
    """ "le Medef, pour qui …": "pour qui" opens the view of the noun before it."""
    return 2 <= index < len(doc) and doc[index].lower_ == "qui" and doc[index - 2].pos_ != "ADP"


def _opens_purpose(doc: Doc, index: int) -> bool:
    """ ", pour reprendre ce qu'a dit …", "pour ne pas …": "pour" + infinitive is a purpose."""
    while index < len(doc) and doc[index].lower_ in PURPOSE_CLITICS:
        index += 1
    return index < len(doc) and "Inf" in doc[index].morph.get("VerbForm")
