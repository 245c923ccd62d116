"""A speaker's gender from the words around them: titles, roles, agreement, pronouns, first names.

Pure Python (no spaCy, no Django): one article's text, the speaker's names and the mentions the
engine resolved to them go in, clues come out; `decide` weighs the clues of all their articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .lexicon import DATA, word_set
from .names import fold

WOMAN = "woman"
MAN = "man"
UNKNOWN = "unknown"
NOT_PERSON = "not_person"

# A courtesy title is near-certain, a role or an agreement written about the person nearly so,
# a resolved pronoun can be the resolver's mistake, a first name is a guess.
WEIGHTS = {
    "title": 3.0,
    "role": 2.0,
    "agreement": 2.0,
    "description": 2.0,
    "pronoun": 1.5,
    "first_name": 1.0,
}
# The side with the most weight wins when it leads by at least this much (one first name does).
MARGIN = 1.0

_TITLE_WORDS = {
    WOMAN: r"Mmes?\.?|Madame|Mlle\.?|Mademoiselle|Mrs\.?|Ms\.?|Miss|Dame|Lady",
    MAN: r"M\.|MM\.|Monsieur|Mr\.?|Sir|Lord",
}
_PRONOUNS = {
    "elle": WOMAN, "-elle": WOMAN, "-t-elle": WOMAN, "she": WOMAN, "her": WOMAN,
    "cette dernière": WOMAN, "celle-ci": WOMAN,
    "il": MAN, "-il": MAN, "-t-il": MAN, "he": MAN, "him": MAN,
    "ce dernier": MAN, "celui-ci": MAN,
}  # fmt: skip
# Role nouns and words of agreement that say who a person is, whatever the determiner.
_FEMININE = frozenset(
    """actrice adjointe agricultrice ambassadrice ancienne animatrice avocate candidate chanteuse
    cheffe chercheuse conseillère créatrice danseuse déléguée députée dirigeante directrice
    écrivaine élue employée enseignante entraîneuse épouse étudiante experte fille femme fondatrice
    habitante infirmière joueuse lauréate mère militante nièce opposante patronne policière
    présentatrice présidente procureure productrice professeure rectrice reine réalisatrice
    sélectionneuse sénatrice sœur soeur tante grand-mère veuve vice-présidente préfète
    née âgée nommée désignée accusée condamnée mariée interrogée interviewée citée
    woman mother wife daughter sister actress chairwoman congresswoman spokeswoman businesswoman
    queen princess duchess girl grandmother widow aunt niece madame miss haute-commissaire
    collaboratrice comédienne romancière correspondante administratrice rédactrice sportive
    championne sprinteuse footballeuse youtubeuse blogueuse compagne ex-compagne physicienne
    astrophysicienne historienne chirurgienne musicienne informaticienne mathématicienne
    avocate-conseil cofondatrice co-fondatrice secrétaire-générale""".split()  # noqa: SIM905
)
_MASCULINE = frozenset(
    """acteur adjoint agriculteur ambassadeur ancien animateur avocat candidat chanteur chercheur
    conseiller créateur danseur délégué député dirigeant directeur élu employé enseignant
    entraîneur époux étudiant expert fils homme fondateur habitant infirmier joueur lauréat mari
    militant neveu opposant oncle patron père policier présentateur président producteur recteur
    roi réalisateur sélectionneur sénateur frère grand-père veuf vice-président préfet
    né âgé nommé désigné accusé condamné marié interrogé interviewé cité
    man father husband brother actor chairman congressman spokesman businessman king prince
    duke boy grandfather widower uncle nephew monsieur haut-commissaire collaborateur comédien
    romancier correspondant administrateur rédacteur sportif champion sprinteur footballeur
    youtubeur blogueur compagnon ex-compagnon physicien astrophysicien historien chirurgien
    musicien informaticien mathématicien cofondateur co-fondateur député-maire
    secrétaire-général archevêque évêque imam pape cardinal""".split()  # noqa: SIM905
)
# Nouns of either gender: the determiner in front of them tells ("la ministre", "le ministre").
_EPICENE = frozenset(
    """ministre porte-parole secrétaire juge maire journaliste responsable membre chef diplomate
    photographe architecte artiste capitaine commissaire élève interprète psychologue
    scientifique sociologue économiste spécialiste philosophe politologue analyste juriste
    militaire pilote athlète activiste cycliste avocat-conseil première-ministre collègue
    camarade fonctionnaire dentiste libraire professeur auteur écrivain procureur médecin
    gouverneur ingénieur psychanalyste""".split()  # noqa: SIM905
)
_FEMININE_DETERMINERS = frozenset({"la", "une", "cette", "sa", "ma", "notre", "votre", "leur"})
_MASCULINE_DETERMINERS = frozenset({"le", "un", "ce", "cet", "son", "du", "au", "mon"})
_DETERMINERS = (
    _FEMININE_DETERMINERS | _MASCULINE_DETERMINERS | {"les", "l", "ses", "des", "the", "a"}
)
# Before a vowel, "son" and "sa" are both "son" ("son adjointe"): it tells nothing there.
_VOWEL_START = re.compile(r"^[aeiouyàâäéèêëîïôöûüh]", re.IGNORECASE)
# Words that end the phrase describing a name: a verb, a relative, a coordination.
_PHRASE_BREAKS = frozenset(
    """et ou mais avec contre a ont avait avaient est sont était étaient sera fut que qu qui dont
    lequel laquelle selon d'après and or but with has have had is are was were will that who
    which said says told dit déclaré affirmé""".split()  # noqa: SIM905
)
# After these the phrase names something else: "la veuve de l'ancien président" is a woman.
_PREPOSITIONS = frozenset(
    """de des du d à au aux par pour chez sur sous contre dans en vers of by for to from at on
    in with""".split()  # noqa: SIM905
)
# Words that may stand between a role and its name: "la ministre française de la Santé, X".
_ROLE_GAP_WORDS = 2
_ADVERBS = frozenset(
    """aussi également déjà très bien toujours ensuite ainsi alors encore pourtant désormais
    finalement aujourd'hui hier récemment notamment plutôt assez si tout""".split()  # noqa: SIM905
)
_PREDICATE = re.compile(
    r"\s+(?:n['’])?(?:a\s+été|avait\s+été|aurait\s+été|est|était|sera|serait|fut|"
    r"s['’]est|s['’]était|se\s+dit|se\s+disait|se\s+déclare)(?:\s+pas)?\s+([\w'’-]+)(?:\s+([\w'’-]+))?"
)
# Endings of a predicate (participle or adjective) agreeing with its subject, longest first.
_FEMININE_ENDINGS = ("ée", "ées", "ue", "ie", "ise", "aite", "ite", "nte", "euse", "ive", "rice")
_MASCULINE_ENDINGS = ("é", "u", "i", "is", "ait", "it", "nt", "eux", "if", "eur")
_EPICENE_PREDICATES = frozenset({"ici", "parmi", "ministre", "membre", "candidat", "candidate"})
_SENTENCE_BREAK = re.compile(r"[.!?;:«»“”\"()\[\]\n]")
_WORD = re.compile(r"[\w'’.-]+")
_WINDOW_WORDS = 8
_AFTER_WORDS = 6
_CLUE_TEXT_MAX = 80


@dataclass(frozen=True)
class GenderClue:
    """One piece of evidence: the gender it points to, its kind and the words as written."""

    gender: str  # woman or man
    kind: str  # title, role, agreement, description, pronoun, first_name
    text: str
    start: int | None = None  # offset in the article; None for the speaker's own name

    @property
    def weight(self) -> float:
        return WEIGHTS[self.kind]


def _first_names() -> dict[str, str]:
    """First name -> gender, from this module's list and the engine's agreement lists."""
    genders: dict[str, str] = {}
    either: set[str] = set()
    section = None
    for line in (DATA / "first_names_gender.txt").read_text(encoding="utf-8").splitlines():
        words = line.split("#", 1)[0].split()
        if words and words[0].endswith(":"):
            section, words = words[0][:-1], words[1:]
        for word in words:
            if section == "either":
                either.add(word)
            elif section in (WOMAN, MAN):
                genders[word] = section
    for name in word_set("first_names_female"):
        genders.setdefault(name, WOMAN)
    for name in word_set("first_names_male"):
        genders.setdefault(name, MAN)
    return {name: gender for name, gender in genders.items() if name not in either}


FIRST_NAMES = _first_names()
# "Helene", "Jerome": a name written without its accents is the same name.
FOLDED_FIRST_NAMES = {fold(name): gender for name, gender in FIRST_NAMES.items()}


def first_name_gender(name: str) -> str | None:
    """The gender a full name's first name usually marks ("Anne-Marie Slaughter" -> woman)."""
    words = name.split()
    if len(words) < 2:
        return None
    first = words[0].lower()
    return next(
        (
            found
            for key in (first, first.split("-")[0])
            if (found := FIRST_NAMES.get(key) or FOLDED_FIRST_NAMES.get(fold(key)))
        ),
        None,
    )


def _word_gender(words: Sequence[str], index: int) -> str | None:
    """The gender word index marks, reading its determiner for nouns of either gender."""
    word = words[index].lower().replace("’", "'")
    if word in ("l'une", "l'un"):
        return WOMAN if word == "l'une" else MAN
    word = word.split("'")[-1] if "'" in word[:3] else word
    if word in _FEMININE:
        return WOMAN
    if word in _MASCULINE:
        return MAN
    if word in _EPICENE and index > 0:
        determiner = words[index - 1].lower()
        if determiner in ("sa", "son") and _VOWEL_START.match(word):
            return None
        if determiner in _FEMININE_DETERMINERS:
            return WOMAN
        if determiner in _MASCULINE_DETERMINERS:
            return MAN
        if determiner == "de" and index > 1 and words[index - 2].lower() == "la":
            return WOMAN
    return None


def role_gender(text: str) -> str | None:
    """The gender of a description or mention ("la directrice du groupe" -> woman), if any."""
    words = _WORD.findall(text)
    for index in range(len(words)):
        gender = _word_gender(words, index)
        if gender is not None:
            return gender
        if words[index].lower() in _PHRASE_BREAKS | _PREPOSITIONS:
            break
    return None


def _clip(text: str, *, keep_start: bool = False) -> str:
    """At most _CLUE_TEXT_MAX characters: the end nearest the name, or a phrase's start."""
    text = " ".join(text.split())
    if len(text) <= _CLUE_TEXT_MAX:
        return text
    if keep_start:
        return text[: _CLUE_TEXT_MAX - 1] + "…"
    return "…" + text[-_CLUE_TEXT_MAX + 1 :]


def _role_before(text: str, start: int, name: str) -> GenderClue | None:
    """A role written just before the name: "la ministre de la Santé, Agnès Buzyn".

    Before a comma the whole phrase is the name's, so its head (the first role) counts:
    "la veuve de l'ancien président, Souha Arafat"; without one, the nearest role does:
    "la fille du président Jean Dupont" is about him.
    """
    begin = max(text.rfind("\n", 0, start) + 1, start - 200)
    breaks = list(_SENTENCE_BREAK.finditer(text, begin, start))
    if breaks:
        begin = breaks[-1].end()
    stop = len(text[begin:start].rstrip()) + begin
    apposition = text[begin:stop].endswith(",")
    if apposition:
        stop -= 1
    comma = text.rfind(",", begin, stop)
    if comma >= 0:
        begin = comma + 1
    matches = list(_WORD.finditer(text, begin, stop))[-_WINDOW_WORDS:]
    words = [m.group() for m in matches]
    if words and not apposition and _bare(words[-1]).lower() in _PREPOSITIONS:
        return None  # "le conseiller de Fillon": the role is someone else's
    found = None
    gap = 0
    for index in range(len(words) - 1, -1, -1):
        if words[index].lower() in _PHRASE_BREAKS:
            break
        gender = _word_gender(words, index)
        if gender is not None:
            clue_start = matches[max(index - 1, 0)].start()
            found = GenderClue(gender, "role", _clip(text[clue_start:start] + name), clue_start)
            if not apposition:
                break
            continue
        word = _bare(words[index])
        if word[:1].islower() and word not in _PREPOSITIONS and word not in _DETERMINERS:
            gap += 1
            if gap > _ROLE_GAP_WORDS:
                break
    return found


def _bare(word: str) -> str:
    """The word without an elided article: "l'Autorité" -> "Autorité"."""
    word = word.replace("’", "'")
    return word.split("'", 1)[1] if "'" in word[:3] and len(word) > 2 else word


def _role_after(text: str, end: int, name: str, start: int) -> GenderClue | None:
    """A role in apposition after the name: "Agnès Buzyn, ministre de la Santé, ..."."""
    after = text[end : end + 200]
    match = re.match(r"\s*(?:\([^()]{0,40}\)\s*)?,\s*", after)
    if match is None:
        return None
    rest = after[match.end() :]
    cut = _SENTENCE_BREAK.search(rest)
    if cut:
        rest = rest[: cut.start()]
    words = _WORD.findall(rest.replace(",", " , "))[:_AFTER_WORDS]
    for index, word in enumerate(words):
        if word.lower() in _PHRASE_BREAKS:
            return None
        gender = _word_gender(words, index)
        if gender is not None:
            shown = " ".join(words[: index + 1])
            return GenderClue(gender, "role", _clip(f"{name}, {shown}"), start)
    return None


def _predicate_gender(word: str) -> str | None:
    word = word.lower()
    if word in _EPICENE_PREDICATES or word in _ADVERBS or len(word) < 3:
        return None
    if word in _FEMININE:
        return WOMAN
    if word in _MASCULINE:
        return MAN
    if word.endswith(_FEMININE_ENDINGS):
        return WOMAN
    if word.endswith(_MASCULINE_ENDINGS):
        return MAN
    return None


def _agreement_after(text: str, end: int, name: str, start: int) -> GenderClue | None:
    """A participle or adjective agreeing with the name as subject: "Marie Curie est née"."""
    match = _PREDICATE.match(text, end)
    if match is None:
        return None
    group = 2 if match.group(1).lower() in _ADVERBS and match.group(2) else 1
    gender = _predicate_gender(match.group(group))
    if gender is None:
        return None
    return GenderClue(gender, "agreement", _clip(text[start : match.end(group)]), start)


def _name_forms(names: Sequence[str], other_names: Sequence[str]) -> list[str]:
    """The full names, and their surnames when no other speaker of the article shares them."""
    others = {" ".join(name.split()).lower() for name in other_names}
    forms = {" ".join(name.split()) for name in names[:1] if name.strip()}
    for name in names[1:]:
        name = " ".join(name.split())
        if name and not any(re.search(rf"\b{re.escape(name.lower())}\b", o) for o in others):
            forms.add(name)  # a form another speaker's name holds is theirs too ("Fillon")
    for name in list(forms):
        words = name.split()
        if len(words) >= 2 and words[0][:1].isupper():
            surname = " ".join(words[1:])
            if surname[:1].isupper() and not any(
                re.search(rf"\b{re.escape(surname.lower())}\b", other) for other in others
            ):
                forms.add(surname)
    return sorted(forms, key=len, reverse=True)


_NAME_BEFORE = re.compile(r"([.!?\n]\s*)?\b([A-ZÀ-Ý][\w'’-]*)\s+$")


def _inside_longer_name(text: str, start: int) -> bool:
    """Whether a capitalised word (not a title, not a sentence's first) comes right before."""
    found = _NAME_BEFORE.search(text, max(0, start - 40), start)
    if found is None or found.group(1) is not None or found.start() == 0:
        return False
    return re.fullmatch("|".join(_TITLE_WORDS.values()), found.group(2)) is None


# A courtesy title and the spaces after it; a name form must start where the match ends.
_TITLE = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(f"(?P<{gender}>{words})" for gender, words in _TITLE_WORDS.items())
    + r")\s*"
)
_WORD_BOUNDARY = re.compile(r"\b")


def _titled(titles: Sequence[re.Match[str]], text: str, form: str) -> Iterable[re.Match[str]]:
    """The titles of the text (found once for all forms) that this name form follows."""
    for title in titles:
        end = title.end() + len(form)
        if text.startswith(form, title.end()) and _WORD_BOUNDARY.match(text, end):
            yield title


def gender_clues(
    text: str,
    *,
    names: Sequence[str],
    mentions: Sequence[tuple[int | None, int | None, str]] = (),
    description: str = "",
    other_names: Sequence[str] = (),
) -> list[GenderClue]:
    """The clues one article gives about one speaker, each kind and wording once.

    names: how the article names the speaker (the first is the speaker's name); mentions: the
    (start, end, text) of the speaker mentions the engine resolved to them, pronouns included;
    other_names: the other speakers of the article, whose surnames must not be taken for theirs.
    """
    clues: list[GenderClue] = []
    named: list[tuple[int, int]] = []
    titles = list(_TITLE.finditer(text))
    for form in _name_forms(names, other_names):
        if not form[:1].isupper():
            gender = role_gender(form)
            if gender is not None:
                clues.append(GenderClue(gender, "role", _clip(form, keep_start=True)))
            continue
        for match in _titled(titles, text, form):
            gender = WOMAN if match.group(WOMAN) else MAN
            wording = text[match.start() : match.end() + len(form)]
            clues.append(GenderClue(gender, "title", _clip(wording), match.start()))
        for match in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
            if any(begin <= match.start() < end for begin, end in named):
                continue  # the surname inside a full name already read
            if _inside_longer_name(text, match.start()):
                continue  # "Yasser Arafat" is not Souha Arafat
            named.append(match.span())
            for clue in (
                _role_before(text, match.start(), form),
                _role_after(text, match.end(), form, match.start()),
                _agreement_after(text, match.end(), form, match.start()),
            ):
                if clue is not None:
                    clues.append(clue)
    for start, _end, mention in mentions:
        lowered = " ".join(mention.lower().split())
        if lowered in _PRONOUNS:
            clues.append(GenderClue(_PRONOUNS[lowered], "pronoun", mention, start))
        elif (gender := role_gender(mention)) is not None:
            clues.append(GenderClue(gender, "role", _clip(mention, keep_start=True), start))
    if description and (gender := role_gender(description)) is not None:
        clues.append(GenderClue(gender, "description", _clip(description, keep_start=True)))
    for name in names:
        words = name.split()
        while words and (words[0][:1].islower() or words[0].lower() in _DETERMINERS):
            words = words[1:]  # "la comédienne Josiane Balasko"
        if (gender := first_name_gender(" ".join(words))) is not None:
            clues.append(GenderClue(gender, "first_name", words[0]))
            break
    return _distinct(clues)


def _distinct(clues: Iterable[GenderClue]) -> list[GenderClue]:
    seen: set[tuple[str, str, str]] = set()
    kept = []
    for clue in clues:
        key = (clue.gender, clue.kind, clue.text.lower())
        if key not in seen:
            seen.add(key)
            kept.append(clue)
    return kept


def score(clues: Iterable[GenderClue]) -> float:
    """Weight for woman minus weight for man; a first name counts once however often seen."""
    total = 0.0
    for clue in _distinct(clues):
        weight = clue.weight if clue.kind != "first_name" else 0.0
        total += weight if clue.gender == WOMAN else -weight
    names = {clue.gender for clue in clues if clue.kind == "first_name"}
    if len(names) == 1:
        total += WEIGHTS["first_name"] if WOMAN in names else -WEIGHTS["first_name"]
    return total


_GROUP_START = re.compile(
    r"^(?:les|des|ces|leurs|plusieurs|certains|certaines|quelques|nombre|de\s+nombreux|"
    r"de\s+nombreuses|d['’]autres|the|some|several|many|other)\s",
    re.IGNORECASE,
)


def is_group(name: str) -> bool:
    """Whether a speaker's name is several people ("Des scientifiques russes", "les syndicats")."""
    return _GROUP_START.match(name.strip()) is not None


def decide(clues: Iterable[GenderClue], *, kind: str, name: str = "") -> str:
    """woman, man, unknown or not_person, from a speaker's kind and the clues of its articles.

    Organisations are not people, unless a courtesy title or a first name shows the engine
    took a person for one ("M. Pepy"); their pronouns and roles tell nothing, since French
    gives bodies a gender ("le ministère ... il"). "Other" speakers (documents, bodies) are not
    people either unless a clue shows one. Anonymous sources and people without enough clues
    are unknown. A group of people ("les manifestants") is not one person either.
    """
    clues = list(clues)
    if is_group(name):
        return NOT_PERSON
    if kind == "organisation":
        personal = [c for c in clues if c.kind in ("title", "first_name")]
        if not personal:
            return NOT_PERSON
        clues = personal
    balance = score(clues)
    if balance >= MARGIN:
        return WOMAN
    if balance <= -MARGIN:
        return MAN
    return NOT_PERSON if kind == "other" else UNKNOWN
