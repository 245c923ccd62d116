"""Terms in marks: a few quoted words that are part of the writer's own noun phrase, or a name."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .context import DocContext
from .lexicon import GENITIVES, NAME_WORDS, word_set
from .marks import QuotedSpan
from .names import NAME_PARTICLES

# "the “Buffett rule”", "a separate “liquidating trust”", "“quack” medical cures": the writer
# names or distances a term; nobody is quoted. Longer passages are speech even after "a".
MAX_TERM_WORDS = 5
MAX_USED_TERM_WORDS = 3
NAMING_NOUNS = word_set("naming_nouns")
# Naming nouns that are also where words are posted: "sur son compte Twitter « … »".
POSTING_PLACES = frozenset({"site", "page", "compte", "groupe"})
# "qu'il avait appelés « Liberté »": a name in marks has few words, all capitalised.
MAX_NAME_WORDS = 3
# "le surnom de : « la bête »": a name after "nom" or "surnom" may be a lowercase phrase.
MAX_NICKNAME_WORDS = 4
# "le « oui » au référendum": the answers a vote offers.
BALLOT_OPTIONS = frozenset({"oui", "non", "yes", "no"})
BALLOTS = frozenset({"référendum", "scrutin", "vote", "plébiscite"})
QUOTE_END_PUNCTUATION = frozenset("!?.…")
# Punctuation before the marks that may hand over to words said: a colon, a dash, a sentence's
# end ("« Liberté », « Égalité »": a comma lists names).
HANDOVER_PUNCTUATION = frozenset({":", "—", "–", ".", "!", "?", "…", ";"})
# "(SGPCT)" right after the closing mark.
ACRONYM_AFTER = re.compile(r"\s*\(([A-ZÉÈ]{2,8})\)")
NOMINALS = frozenset({"NOUN", "PROPN"})
NOUN_PHRASE_OPENERS = frozenset({"det", "poss", "amod", "nummod", "compound"})
NOUN_MODIFIERS = frozenset({"amod", "compound", "nmod", "nummod"})
# "named their robot “Robogee”", "un navire baptisé « Espoir »": the name something is given.
# Verb forms by their stems: the models run without a lemmatizer.
NAMING_VERB_STEMS = (
    "name",
    "dub",
    "nickname",
    "christen",
    "rename",
    "baptis",
    "rebaptis",
    "surnomm",
)
# "une vidéo intitulée « … »", "rebaptisé la « … »", "aussi appelée « Doris »": a participle of
# a naming verb, with no auxiliary (not "a appelé « à la grève »"), titles the marks after it
# however long they are. By stems, for the same reason.
TITLING_PARTICIPLE_STEMS = (*NAMING_VERB_STEMS, "intitul", "titr", "dénomm", "appel", "called")
TITLING_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées", "ed")
# "élu « Sportif du siècle »", "sacrée « Meilleure joueuse »": a title given, capitalised,
# after an auxiliary too (not "nommée « dans l'urgence »", "Les élus « ne lâcheront rien »").
ELECTED_AS = frozenset(
    stem + ending
    for stem in ("élu", "sacré", "proclamé", "désigné", "nommé")
    for ending in ("", "e", "s", "es")
)


def is_titled(doc: Doc, text: str, quote: QuotedSpan) -> bool:
    """Whether the marks follow a naming participle (or it and an article), or hold a name: a
    title, no quote. text: the doc's text, read once by the caller."""
    opening = doc.char_span(quote.open_start, quote.start, alignment_mode="expand")
    if opening is None or opening.start == 0:
        return False
    if (
        _follows_a_name_word(doc, text, quote, opening.start)
        or _names_after_naming_noun(doc, text, quote, opening.start)
        or _spelt_out_acronym(text, quote)
        or _is_a_name(doc, text, quote, opening.start)
        or _names_a_ballot_option(doc, text, quote, opening.start)
    ):
        return True
    previous = doc[opening.start - 1]
    if previous.pos_ == "DET" and previous.i > 0:
        previous = doc[previous.i - 1]
    word = previous.lower_
    if (
        word in ELECTED_AS
        and previous.pos_ != "NOUN"
        and text[quote.start : quote.start + 1].isupper()
    ):
        return True  # "a été élu « Sportif du siècle »": the honour he was given
    return (
        word.startswith(TITLING_PARTICIPLE_STEMS)
        and word.endswith(TITLING_PARTICIPLE_ENDINGS)
        and not (previous.i > 0 and doc[previous.i - 1].pos_ == "AUX")
    )


def _names_a_ballot_option(doc: Doc, text: str, quote: QuotedSpan, opening: int) -> bool:
    """ "soutient le « oui » au référendum", "a dit « oui » au référendum": the answer a vote
    gives, named; "a répondu « non »", "a dit « non » au projet", "un « non » catégorique"
    stay quotes."""
    if text[quote.start : quote.end].strip(" .!").lower() not in BALLOT_OPTIONS:
        return False
    after = text[quote.close_end : quote.close_end + 30].lower().split()
    before = doc[opening - 1]
    return ("Def" in before.morph.get("Definite") and before.pos_ == "DET") or bool(
        len(after) >= 2 and after[0] == "au" and after[1] in BALLOTS
    )


def _follows_a_name_word(doc: Doc, text: str, quote: QuotedSpan, opening: int) -> bool:
    """ "le doux surnom de : « la bête »", "sous le nom de « petit loup »": after "nom" or
    "surnom" and its determiner, with "de" or a colon, a few words in marks are a name,
    whatever their case."""
    index = opening - 1
    if doc[index].text == ":" and index > 0:
        index -= 1
    if doc[index].lower_ in GENITIVES and index > 0:
        index -= 1
    if doc[index].lower_ not in NAME_WORDS or index == 0:
        return False
    # Not "au nom de « l'intérêt général »", "en son nom : « … »": set phrases, no name.
    determiner = index - 1
    while determiner > 0 and doc[determiner].pos_ == "ADJ":
        determiner -= 1  # "le doux surnom de"
    if doc[determiner].pos_ != "DET" or (determiner > 0 and doc[determiner - 1].lower_ == "en"):
        return False
    # Not "un faux nom : « Appelez-moi Paul. »": a sentence in marks is said.
    words = text[quote.start : quote.end].split()
    return len(words) <= MAX_NICKNAME_WORDS and text[quote.end - 1] not in QUOTE_END_PUNCTUATION


def _names_after_naming_noun(doc: Doc, text: str, quote: QuotedSpan, opening: int) -> bool:
    """ "le site internet « Union Gilets Jaunes 84 »", "la pétition « Pour une baisse … »": a
    capitalised quote right after a noun that names things (or it and one more noun). French:
    English puts its naming noun last ("his Facebook page")."""
    if doc.lang_ != "fr" or not text[quote.start : quote.start + 1].isupper():
        return False
    previous = doc[opening - 1]
    if previous.lower_ not in NAMING_NOUNS and previous.i > 0 and previous.pos_ in NOMINALS:
        previous = doc[previous.i - 1]  # "site internet", "groupe Facebook"
        if previous.lower_ in GENITIVES and previous.i > 0:
            previous = doc[previous.i - 1]  # "le groupe d'opposition « Agir pour Balma »"
    if previous.lower_ not in NAMING_NOUNS:
        return False
    # "a écrit sur son compte Twitter « Nous ne lâcherons rien »": after a possessive a page or
    # an account is where the words were posted, not what they name ("sa campagne « … »" is).
    return (
        previous.lower_ not in POSTING_PLACES
        or previous.i == 0
        or "Yes" not in doc[previous.i - 1].morph.get("Poss")
    )


def _is_a_name(doc: Doc, text: str, quote: QuotedSpan, opening: int) -> bool:
    """ "qu'il avait appelés « Liberté »", "justifie l'abrogation de l'« Obamacare »": a few
    capitalised words in marks inside a sentence, with no verb and no end punctuation, are a
    name or a title, nobody's words (a quote opening a sentence or after a colon may be one word
    said: "« Honte ! »")."""
    words = text[quote.start : quote.end].split()
    if not words or len(words) > MAX_NAME_WORDS or text[quote.end - 1] in QUOTE_END_PUNCTUATION:
        return False
    if doc[opening - 1].text in HANDOVER_PUNCTUATION or doc[opening].is_sent_start:
        return False
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    return (
        span is not None
        and all(word[0].isupper() or word.lower() in NAME_PARTICLES for word in words)
        and not any(token.pos_ in ("VERB", "AUX") for token in span)
    )


def _spelt_out_acronym(text: str, quote: QuotedSpan) -> bool:
    """ "la « structure de gestion policière contre le terrorisme » (SGPCT)": an acronym in
    brackets right after the marks spells the quote out as a name."""
    match = ACRONYM_AFTER.match(text, quote.close_end)
    return match is not None and match.group(1)[0] == text[quote.start].upper()


def is_term_in_noun_phrase(context: DocContext, quote: QuotedSpan) -> bool:
    """Whether a short quote is a word group of a noun phrase opened or closed outside its marks."""
    head = _term_head(context, quote)
    return head is not None and (
        _modifies_a_noun_after(head, quote) or _determined_before(head, quote)
    )


def is_used_unquoted(context: DocContext, quote: QuotedSpan) -> bool:
    """ "les « gilets jaunes »" in an article that writes "gilets jaunes" elsewhere without
    marks: a few words the writer uses as their own term, not words someone is quoted saying."""
    words = context.text[quote.start : quote.end]
    if len(words.split()) > MAX_USED_TERM_WORDS:
        return False
    pattern = re.compile(rf"(?<!\w){re.escape(words)}(?!\w)", re.IGNORECASE)
    return any(context.quote_at(found.start()) is None for found in pattern.finditer(context.text))


def is_a_given_name(context: DocContext, quote: QuotedSpan) -> bool:
    """Whether a short quote is the name a verb before it gives ("dubbed “the Beast”")."""
    head = _term_head(context, quote)
    if head is None:
        return False
    verb = head.head
    return (
        verb.pos_ in ("VERB", "AUX")
        and verb.lower_.startswith(NAMING_VERB_STEMS)
        and verb.idx < quote.open_start
    )


def _term_head(context: DocContext, quote: QuotedSpan) -> Token | None:
    """The one word of a short quote that hangs on a word outside it, if there is one."""
    if len(context.text[quote.start : quote.end].split()) > MAX_TERM_WORDS:
        return None
    span = context.doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is None:
        return None
    words = [token for token in span if not token.is_punct]
    heads = [token for token in words if not quote.start <= token.head.idx < quote.end]
    return heads[0] if len(heads) == 1 else None


def _modifies_a_noun_after(head: Token, quote: QuotedSpan) -> bool:
    """ "“quack” medical cures", "the “sex tape” reference": the quote modifies a later noun."""
    return (
        head.dep_ in NOUN_MODIFIERS
        and head.head.pos_ in NOMINALS
        and head.head.idx >= quote.close_end
    )


def _determined_before(head: Token, quote: QuotedSpan) -> bool:
    """ "a “philanthropub”", "its “national enterprise reporter”": the noun phrase opens outside."""
    return (
        head.pos_ in NOMINALS
        and not _names_an_object(head)
        and any(
            child.dep_ in NOUN_PHRASE_OPENERS and child.idx + len(child) <= quote.open_start
            for child in head.children
        )
    )


def _names_an_object(head: Token) -> bool:
    """ "called the ruling a “huge win”", "branded Korea an “outlaw nation”": a quoted verdict."""
    if head.dep_ == "oprd":
        return True
    return head.dep_ == "dobj" and any(
        child.dep_ == "dobj" and child.i < head.i for child in head.head.children
    )
