"""French: "10 décembre 2026, 15:25 CET", "1 234 567,89 €" (core/formatting.py). Groups are separated by a narrow
no-break space (U+202F) as in CLDR; the zone's label stays, as in English. Input formats stay Django's."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i T"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\u202f"  # narrow no-break space (CLDR)
NUMBER_GROUPING = 3
