"""The interface's language for each request, with the data outputs kept in English."""

from __future__ import annotations

from django.middleware.locale import LocaleMiddleware
from django.utils import translation

# The read API, the CSV and JSON Lines exports: their field names and values are data that
# scripts read, the same whatever the language of the person who downloads them.
DATA_SUFFIXES = (".csv", ".jsonl")
DATA_PREFIXES = ("/api/",)


class InterfaceLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware (the language cookie, then Accept-Language, then LANGUAGE_CODE),
    except for the data outputs, which always speak English."""

    def process_request(self, request):
        if request.path.startswith(DATA_PREFIXES) or request.path.endswith(DATA_SUFFIXES):
            translation.activate("en")
            request.LANGUAGE_CODE = "en"
            return
        super().process_request(request)
