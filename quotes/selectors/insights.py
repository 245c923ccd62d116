"""Reads for /insights/: how many women among the people quoted, and among their quotes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth

from quotes.models import PUBLIC_QUOTES, Quote, Speaker, Topic

TOPIC_LIMIT = 15
PEOPLE_GENDERS = (Speaker.Gender.WOMAN, Speaker.Gender.MAN, Speaker.Gender.UNKNOWN)


@dataclass
class GenderCounts:
    """People quoted and their quotes, by gender, in one group (an outlet, a month, a topic)."""

    label: str
    key: str = ""
    people: dict[str, int] = field(default_factory=dict)
    quotes: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def _share(counts: dict[str, int]) -> float | None:
        known = counts.get("woman", 0) + counts.get("man", 0)
        return counts.get("woman", 0) / known if known else None

    @property
    def women_people_share(self) -> float | None:
        """Women among the people quoted whose gender is known."""
        return self._share(self.people)

    @property
    def women_quote_share(self) -> float | None:
        """Quotes by women among the quotes of people whose gender is known."""
        return self._share(self.quotes)

    def count(self, what: str, gender: str) -> int:
        return (self.people if what == "people" else self.quotes).get(gender, 0)


@dataclass(frozen=True)
class GenderInsights:
    """The whole corpus and its breakdowns."""

    total: GenderCounts
    by_outlet: list[GenderCounts]
    by_month: list[GenderCounts]
    by_topic: list[GenderCounts]
    not_person_quotes: int

    def sections(self) -> list[tuple[str, str, list[GenderCounts]]]:
        return [
            ("outlet", "By outlet", self.by_outlet),
            ("month", "By month", self.by_month),
            ("topic", f"By topic (the {TOPIC_LIMIT} most quoted)", self.by_topic),
        ]


def _people_quotes() -> QuerySet[Quote]:
    """Public quotes of people (any gender, unknown included), not of organisations."""
    return Quote.objects.filter(PUBLIC_QUOTES, speaker__gender__in=PEOPLE_GENDERS).order_by()


def _grouped(rows: Iterable[dict], group: str) -> dict[object, GenderCounts]:
    groups: dict[object, GenderCounts] = {}
    for row in rows:
        counts = groups.setdefault(row[group], GenderCounts(label=""))
        counts.people[row["speaker__gender"]] = row["people"]
        counts.quotes[row["speaker__gender"]] = row["quote_count"]
    return groups


def _counted(quotes: QuerySet[Quote], *group: str) -> list[dict]:
    return list(
        quotes.values(*group, "speaker__gender").annotate(
            people=Count("speaker", distinct=True), quote_count=Count("pk")
        )
    )


def gender_insights() -> GenderInsights:
    """Share of women among people quoted and among their quotes: overall, by outlet, month, topic.

    Six queries, whatever the number of quotes.
    """
    quotes = _people_quotes()
    total = GenderCounts(label="All articles", key="all")
    for row in _counted(quotes):
        total.people[row["speaker__gender"]] = row["people"]
        total.quotes[row["speaker__gender"]] = row["quote_count"]

    outlets = _grouped(_counted(quotes, "article__outlet"), "article__outlet")
    by_outlet = []
    for outlet, counts in sorted(outlets.items(), key=lambda item: (item[0] or "").lower()):
        counts.label, counts.key = outlet or "(no outlet)", outlet or ""
        by_outlet.append(counts)

    months = _grouped(_counted(quotes.annotate(month=TruncMonth("published_at")), "month"), "month")
    by_month = []
    for month in sorted(months, key=lambda m: (m is None, m)):
        counts = months[month]
        counts.label = month.strftime("%b %Y") if month else "(undated)"
        counts.key = month.strftime("%Y-%m") if month else ""
        by_month.append(counts)

    top = list(
        Topic.objects.filter(quote_count__gt=0)
        .order_by("-quote_count", "label")
        .values_list("pk", "label", "slug")[:TOPIC_LIMIT]
    )
    topics = _grouped(_counted(quotes.filter(topics__in=[t[0] for t in top]), "topics"), "topics")
    by_topic = []
    for pk, label, slug in top:
        if pk in topics:
            topics[pk].label, topics[pk].key = label, slug
            by_topic.append(topics[pk])

    not_person = Quote.objects.filter(
        PUBLIC_QUOTES, speaker__gender=Speaker.Gender.NOT_PERSON
    ).count()
    return GenderInsights(total, by_outlet, by_month, by_topic, not_person)
