"""Ready-to-paste citations of a quote in French and English: who, what, where, when, a link."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone

from quotes.models import Article, Quote

MONTHS = {
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ),
}  # fmt: skip
NBSP = "\u00a0"
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Style:
    """How one language writes a citation."""

    label: str
    language_name: str
    open_mark: str
    close_mark: str
    colon: str
    unknown_speaker: str
    reported_in: str
    indirect: str


STYLES = {
    "en": Style(
        label="In English",
        language_name="English",
        open_mark="“",
        close_mark="”",
        colon=":",
        unknown_speaker="Unknown speaker",
        reported_in="Reported in",
        indirect=" (reported speech)",
    ),
    "fr": Style(
        label="En français",
        language_name="French",
        open_mark=f"«{NBSP}",
        close_mark=f"{NBSP}»",
        colon=f"{NBSP}:",
        unknown_speaker="Source inconnue",
        reported_in="Propos rapportés dans",
        indirect=" (discours indirect)",
    ),
}


@dataclass(frozen=True)
class Citation:
    """One citation of a quote, in one language."""

    language: str
    label: str
    language_name: str
    text: str


def citation_date(day: dt.date, language: str) -> str:
    """12 November 2024, 12 novembre 2024 (1er novembre in French)."""
    number = "1er" if language == "fr" and day.day == 1 else str(day.day)
    return f"{number} {MONTHS[language][day.month - 1]} {day.year}"


def cite(
    *,
    language: str,
    speaker: str,
    words: str,
    indirect: bool,
    title: str,
    outlet: str,
    day: dt.date | None,
    url: str,
) -> str:
    """Speaker: “words” Reported in “Title”, Outlet, date. URL (each part left out if unknown)."""
    style = STYLES[language]
    words = _SPACES.sub(" ", words).strip()
    title = _SPACES.sub(" ", title).strip()
    where = [f"{style.reported_in} {style.open_mark}{title}{style.close_mark}"]
    where += [part for part in (outlet.strip(), day and citation_date(day, language)) if part]
    return (
        f"{speaker or style.unknown_speaker}{style.colon} "
        f"{style.open_mark}{words}{style.close_mark}{style.indirect if indirect else ''} "
        f"{', '.join(where)}. {url}"
    )


def quote_citations(quote: Quote, article: Article, url: str) -> list[Citation]:
    """The quote's citation in its own language first, then in the other one."""
    moment = quote.published_at or article.published_at
    languages = sorted(STYLES, key=lambda language: language != article.language)
    return [
        Citation(
            language=language,
            label=STYLES[language].label,
            language_name=STYLES[language].language_name,
            text=cite(
                language=language,
                speaker=quote.speaker.name if quote.speaker else "",
                words=quote.text,
                indirect=quote.kind == Quote.Kind.INDIRECT,
                title=article.title,
                outlet=article.outlet,
                day=timezone.localtime(moment).date() if moment else None,
                url=url,
            ),
        )
        for language in languages
    ]
