"""URL routes of the quotes app, one list per area of the product."""

from __future__ import annotations

from quotes import feeds
from quotes.views import articles, batches, browse, editing, exports, insights, search

urlpatterns = [
    *browse.urlpatterns,
    *articles.urlpatterns,
    *batches.urlpatterns,
    *editing.urlpatterns,
    *search.urlpatterns,
    *insights.urlpatterns,
    *exports.urlpatterns,
    *feeds.urlpatterns,
]
