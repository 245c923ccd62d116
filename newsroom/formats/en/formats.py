"""English dates as the newsroom writes them: 6 Dec 2026 (day first, short month)."""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
YEAR_MONTH_FORMAT = "M Y"
