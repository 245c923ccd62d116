"""The seed article with hand-placed quotes, plus two small articles of our own, all indexed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from quotes.models import Article, Quote, Speaker
from quotes.services.changes import quotes_changed
from tests.factories import make_article, make_quote, make_speaker

SEED_DATE = dt.datetime(2024, 11, 12, 9, 0, tzinfo=dt.UTC)
OWN_DATE = dt.datetime(2023, 3, 2, 9, 0, tzinfo=dt.UTC)

ENGLISH_BODY = (
    "“Our factories are running at full capacity,” said Jane Doe, the trade minister. "
    "She added that exports to South Korea would double."
)
FRENCH_BODY = (
    "« Le Sud a voté, mais la Corée n’a rien dit », a déclaré Paul Martin. "
    "« La défense <b>nationale</b> d’abord », a lancé Paul Martin."
)


def span(text: str, first: str, last: str) -> tuple[int, int]:
    """Offsets of the text running from `first` to the end of the next `last`."""
    start = text.index(first)
    return start, text.index(last, start) + len(last)


@dataclass
class Corpus:
    """The indexed articles and the quotes the tests look for."""

    seed: Article
    english: Article
    french: Article
    defense: Quote
    korea: Quote
    slaughter: Quote
    fried_direct: Quote
    fried_indirect: Quote
    factories: Quote
    not_a_phrase: Quote
    markup: Quote
    state_department: Speaker
    slaughter_speaker: Speaker
    fried: Speaker
    official: Speaker


def _quote(article, speaker, first, last, **fields) -> Quote:
    start, end = span(article.body, first, last)
    return make_quote(article, speaker, start=start, end=end, **fields)


@pytest.fixture
def corpus(db, seed_text) -> Corpus:
    seed = make_article(
        body=seed_text,
        title="Blinken à Bruxelles pour rassurer les alliés",
        outlet="Reuters",
        published_at=SEED_DATE,
    )
    state = make_speaker("Département d’Etat", kind="organisation")
    official = make_speaker("Porte-parole américain", kind="anonymous")
    slaughter = make_speaker("Anne-Marie Slaughter", aliases=("Slaughter",))
    fried = make_speaker("Daniel Fried")
    indirect = Quote.Kind.INDIRECT
    quotes = {
        "defense": _quote(seed, state, "le soutien à l’Ukraine", "l’agression russe"),
        "korea": _quote(seed, official, "d’autres pays", "Corée du Nord", kind=indirect),
        "slaughter": _quote(seed, slaughter, "Le travail le plus", "aux Européens"),
        "fried_indirect": _quote(
            seed, fried, "L’administration Biden n’a plus", "à l’Ukraine", kind=indirect
        ),
        "fried_direct": _quote(seed, fried, "Si les équipes", "l’ignorer"),
    }
    english = make_article(
        body=ENGLISH_BODY,
        title="Trade figures",
        language="en",
        outlet="Example Times",
        published_at=OWN_DATE,
    )
    doe = make_speaker("Jane Doe")
    quotes["factories"] = _quote(english, doe, "Our factories", "full capacity")
    french = make_article(
        body=FRENCH_BODY, title="Vote au Sud", outlet="Le Quotidien", published_at=OWN_DATE
    )
    martin = make_speaker("Paul Martin")
    quotes["not_a_phrase"] = _quote(french, martin, "Le Sud a voté", "rien dit")
    quotes["markup"] = _quote(french, martin, "La défense <b>", "d’abord")
    quotes_changed(quote_ids=Quote.objects.values_list("pk", flat=True))
    return Corpus(
        seed=seed,
        english=english,
        french=french,
        state_department=state,
        slaughter_speaker=slaughter,
        fried=fried,
        official=official,
        **quotes,
    )
