"""Polish: "10 grudnia 2026, 15:25 CET" (the month in the genitive, "E"), "1 234 567,89 €" (core/formatting.py).
Groups are separated by a no-break space (U+00A0) as in CLDR; the zone's label stays, as in English. Input formats
stay Django's."""

DATE_FORMAT = "j E Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y, H:i T"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\u00a0"  # no-break space (CLDR)
NUMBER_GROUPING = 3
