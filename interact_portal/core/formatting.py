"""One way to show a time, an amount and a status to a person, for pages, emails, PDFs and reports.

- A time is shown in the reader's time zone (the portal's TIME_ZONE, or the zone of the thing itself: calls and
  events carry one), labelled with the zone's abbreviation: "10 December 2026, 15:25 CET", in German
  "10. Dezember 2026, 15:25 CET". The patterns are the active language's formats module (core/formats/<lang>/).
- An amount is euros with two decimals in the reader's locale (Decimal, never float): "€1,234,567.89" in English,
  "1.234.567,89 €" in German and Spanish, "1 234 567,89 €" in French and Polish. The separators are the formats
  module's (the same that `intcomma` and `floatformat` use); as in CLDR the euro sign follows the amount after a
  no-break space (U+00A0) except in English, and French groups with a narrow no-break space (U+202F), Polish with
  a no-break space (U+00A0). Exports (CSV, XLSX, the API) are for machines: they never pass through these.
- A status is its translated label in a tag whose css class names the code: `<span class="tag tag-eligible">`.

The template filters in `core/templatetags/portal_format.py` call these functions.
"""

from datetime import date, datetime, tzinfo
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from django.utils.formats import get_format
from django.utils.html import format_html

CURRENCY = "€"
CURRENCY_FIRST = {"en"}  # languages that write "€12.00"; the others "12,00 €"
NO_BREAK_SPACE = "\u00a0"  # between an amount and the euro sign (CLDR)
NOTHING = "—"
CSV_BOM = "\ufeff"  # first in every CSV file, so spreadsheet programs read it as UTF-8 ("Austria–Czechia")


def zone(name: str | tzinfo | None = None) -> tzinfo:
    """The zone named (a call's or an event's), else the portal's TIME_ZONE."""
    if isinstance(name, tzinfo):
        return name
    return ZoneInfo(name) if name else timezone.get_default_timezone()


def zone_label(moment: datetime) -> str:
    """The zone's abbreviation at that moment ("CET", "EEST"); zones without one get their name ("Asia/Baku")."""
    abbreviation = moment.tzname() or ""
    if abbreviation[:1].isalpha():
        return abbreviation
    return getattr(moment.tzinfo, "key", None) or f"UTC{abbreviation}"


def local(moment: datetime, tz: str | tzinfo | None = None) -> datetime:
    return timezone.localtime(moment, zone(tz))


def datetime_pattern() -> str:
    """The active language's DATETIME_FORMAT without its zone ("T"): the zone's label is added by zone_label."""
    return get_format("DATETIME_FORMAT").removesuffix(" T")


def format_time(moment: datetime | None, tz: str | tzinfo | None = None, *, fmt: str | None = None) -> str:
    """An aware time in the reader's zone with the zone's label: "10 December 2026, 15:25 CET"."""
    if moment is None:
        return NOTHING
    if isinstance(moment, date) and not isinstance(moment, datetime):
        return date_format(moment, get_format("DATE_FORMAT"))
    there = local(moment, tz)
    return f"{date_format(there, fmt or datetime_pattern())} {zone_label(there)}"


def format_span(start: datetime, end: datetime, tz: str | tzinfo | None = None) -> str:
    """From–to in one zone, labelled once: "20 December 2026, 10:00–12:00 EET"; both dates over several days."""
    start, end = local(start, tz), local(end, tz)
    pattern = datetime_pattern()
    if start.date() == end.date():
        text = f"{date_format(start, pattern)}–{date_format(end, get_format('TIME_FORMAT'))}"
    else:
        text = f"{date_format(start, pattern)} – {date_format(end, pattern)}"
    return f"{text} {zone_label(end)}"


def machine_time(moment: datetime | date | None) -> str:
    """ISO 8601 for `<time datetime>` and feeds: to the second, with its offset (HTML refuses microseconds)."""
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        return moment.replace(microsecond=0).isoformat()
    return moment.isoformat()


def format_date(day: date | datetime | None, tz: str | tzinfo | None = None) -> str:
    """A day ("10 December 2026"); an aware time is first moved to the reader's zone."""
    if day is None:
        return NOTHING
    if isinstance(day, datetime):
        day = local(day, tz)
    return date_format(day, get_format("DATE_FORMAT"))


def to_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, float):
        value = repr(value)
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None


def _localised(text: str) -> str:
    """A number written by Python's "{:,.2f}" in the active language's separators."""
    decimal_separator, thousand_separator = get_format("DECIMAL_SEPARATOR"), get_format("THOUSAND_SEPARATOR")
    if (decimal_separator, thousand_separator) == (".", ","):
        return text
    return text.translate({ord("."): decimal_separator, ord(","): thousand_separator})


def format_number(value, *, decimals: int = 2) -> str:
    """A number with the reader's separators: "1,234,567.89", "1.234.567,89", "1 234 567,89"; nothing is "—"."""
    amount = to_decimal(value)
    return NOTHING if amount is None else _localised(f"{amount:,.{decimals}f}")


def format_count(n: int) -> str:
    """A whole count with the reader's thousands separator: "12,345", "12.345", "12 345"."""
    return _localised(f"{n:,}")


def format_money(value, *, decimals: int = 2) -> str:
    """Euros in the reader's locale: "€1,234,567.89", "1.234.567,89 €", "1 234 567,89 €"; nothing is "—"."""
    amount = to_decimal(value)
    if amount is None:
        return NOTHING
    text = _localised(f"{abs(amount):,.{decimals}f}")
    sign = "-" if amount < 0 else ""
    if (translation.get_language() or "en").partition("-")[0] in CURRENCY_FIRST:
        return f"{sign}{CURRENCY}{text}"
    return f"{sign}{text}{NO_BREAK_SPACE}{CURRENCY}"


def format_amount(value, *, decimals: int = 2) -> str:
    """The same number without the currency sign, for tables whose header names the currency."""
    return format_number(value, decimals=decimals)


def status_tag(code: str, label) -> str:
    """The status as people see it everywhere: its label in a tag whose class names the code."""
    return format_html('<span class="tag tag-{}">{}</span>', code, label)


def object_status_tag(obj) -> str:
    """The tag of a model instance with a `status` choice field."""
    return status_tag(obj.status, obj.get_status_display())
