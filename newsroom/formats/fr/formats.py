"""French dates as a French newsroom writes them: 6 décembre 2026, 6 décembre 2026 à 14:05."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y à H:i"
YEAR_MONTH_FORMAT = "F Y"
