"""Reads for /insights/: how many women among the people quoted, and among their quotes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext

from quotes.models import InsightCount, Speaker, Topic

TOPIC_LIMIT = 15


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


class InsightSection(NamedTuple):
    """One breakdown of the page: its key (also the CSV's), heading, column name and rows."""

    key: str
    title: str
    column: str
    rows: list[GenderCounts]


@dataclass(frozen=True)
class GenderInsights:
    """The whole corpus and its breakdowns."""

    total: GenderCounts
    by_outlet: list[GenderCounts]
    by_month: list[GenderCounts]
    by_topic: list[GenderCounts]
    not_person_quotes: int

    def sections(self) -> list[InsightSection]:
        return [
            InsightSection("outlet", gettext("By outlet"), gettext("Outlet"), self.by_outlet),
            InsightSection("month", gettext("By month"), gettext("Month"), self.by_month),
            InsightSection(
                "topic",
                gettext("By topic (the %(count)d most quoted)") % {"count": TOPIC_LIMIT},
                gettext("Topic"),
                self.by_topic,
            ),
        ]


def gender_insights() -> GenderInsights:
    """Share of women among people quoted and among their quotes: overall, by outlet, month, topic.

    Two queries, whatever the number of quotes: the stored sums of quotes.services.insights.
    """
    top = list(
        Topic.objects.filter(quote_count__gt=0)
        .order_by("-quote_count", "label")
        .values_list("pk", "label", "slug")[:TOPIC_LIMIT]
    )
    rows = InsightCount.objects.filter(
        Q(dimension__in=["total", "outlet", "month"])
        | Q(dimension="topic", key__in=[str(t[0]) for t in top]),
        people__gt=0,
    ).values_list("dimension", "key", "gender", "people", "quotes")
    groups: dict[str, dict[str, GenderCounts]] = {
        d: {} for d in ("total", "outlet", "month", "topic")
    }
    not_person = 0
    for dimension, key, gender, people, quotes in rows:
        if gender == Speaker.Gender.NOT_PERSON:
            not_person += quotes if dimension == "total" else 0
            continue
        counts = groups[dimension].setdefault(key, GenderCounts(label="", key=key))
        counts.people[gender] = people
        counts.quotes[gender] = quotes
    total = groups["total"].get("", GenderCounts(label=""))
    total.label, total.key = gettext("All articles"), "all"
    by_outlet = []
    for key, counts in sorted(groups["outlet"].items(), key=lambda item: item[0].lower()):
        counts.label = key or gettext("(no outlet)")
        by_outlet.append(counts)
    by_month = []
    for key, counts in sorted(groups["month"].items(), key=lambda item: (not item[0], item[0])):
        counts.label = (
            date_format(dt.datetime.strptime(key, "%Y-%m"), pgettext("chart date format", "M Y"))
            if key
            else gettext("(undated)")
        )
        by_month.append(counts)
    by_topic = []
    for pk, label, slug in top:
        if counts := groups["topic"].get(str(pk)):
            counts.label, counts.key = label, slug
            by_topic.append(counts)
    return GenderInsights(total, by_outlet, by_month, by_topic, not_person)
