"""Views, grouped by area: browsing, editing, search."""
