"""Reads, one module per area: querysets, counts and pages for the views, the API and the feeds."""
