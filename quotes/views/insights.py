"""Insights: the gender balance of the people quoted, as a page with charts and as CSV."""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.views.decorators.http import require_safe

from quotes.selectors.insights import gender_insights

CSV_COLUMNS = (
    "breakdown",
    "group",
    "key",
    "women_people",
    "men_people",
    "unknown_people",
    "women_quotes",
    "men_quotes",
    "unknown_quotes",
    "women_share_of_people",
    "women_share_of_quotes",
)


@require_safe
def insights(request: HttpRequest) -> TemplateResponse:
    """Share of women among the people quoted and their quotes, by outlet, month and topic."""
    return TemplateResponse(request, "quotes/insights.html", {"insights": gender_insights()})


def _share(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


@require_safe
def insights_csv(request: HttpRequest) -> HttpResponse:
    """The same numbers as the page, one row per group, for a spreadsheet."""
    data = gender_insights()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sources-by-gender.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    groups = [("all", [data.total]), *((section.key, section.rows) for section in data.sections())]
    for breakdown, rows in groups:
        for row in rows:
            writer.writerow(
                [
                    breakdown,
                    row.label,
                    row.key,
                    *(
                        row.count(what, g)
                        for what in ("people", "quotes")
                        for g in ("woman", "man", "unknown")
                    ),
                    _share(row.women_people_share),
                    _share(row.women_quote_share),
                ]
            )
    return response


urlpatterns = [
    path("insights/", insights, name="insights"),
    path("insights/sources-by-gender.csv", insights_csv, name="insights-csv"),
]
