"""One way to show a time, an amount and a status to a person, for pages, emails, PDFs and reports.

- A time is shown in the reader's time zone (the portal's TIME_ZONE, or the zone of the thing itself: calls and
  events carry one), labelled with the zone's abbreviation: "10 December 2026, 15:25 CET".
- An amount is euros with thousands separators and two decimals: "€400,000.00" (Decimal, never float).
- A status is its translated label in a tag whose css class names the code: `<span class="tag tag-eligible">`.

The template filters in `core/templatetags/portal_format.py` call these functions.
"""

from datetime import date, datetime, tzinfo
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import format_html

DATETIME_FORMAT = "j F Y, H:i"
DATE_FORMAT = "j F Y"
CURRENCY = "€"
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


def format_time(moment: datetime | None, tz: str | tzinfo | None = None, *, fmt: str = DATETIME_FORMAT) -> str:
    """An aware time in the reader's zone with the zone's label: "10 December 2026, 15:25 CET"."""
    if moment is None:
        return NOTHING
    if isinstance(moment, date) and not isinstance(moment, datetime):
        return date_format(moment, DATE_FORMAT)
    there = local(moment, tz)
    return f"{date_format(there, fmt)} {zone_label(there)}"


def format_span(start: datetime, end: datetime, tz: str | tzinfo | None = None) -> str:
    """From–to in one zone, labelled once: "20 December 2026, 10:00–12:00 EET"; both dates over several days."""
    start, end = local(start, tz), local(end, tz)
    if start.date() == end.date():
        text = f"{date_format(start, DATETIME_FORMAT)}–{date_format(end, 'H:i')}"
    else:
        text = f"{date_format(start, DATETIME_FORMAT)} – {date_format(end, DATETIME_FORMAT)}"
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
    return date_format(day, DATE_FORMAT)


def to_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, float):
        value = repr(value)
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None


def format_money(value, *, decimals: int = 2) -> str:
    """Euros with thousands separators and two decimals: "€400,000.00"; nothing is "—"."""
    amount = to_decimal(value)
    if amount is None:
        return NOTHING
    text = f"{abs(amount):,.{decimals}f}"
    return f"-{CURRENCY}{text}" if amount < 0 else f"{CURRENCY}{text}"


def format_amount(value, *, decimals: int = 2) -> str:
    """The same number without the currency sign, for tables whose header names the currency."""
    amount = to_decimal(value)
    return NOTHING if amount is None else f"{amount:,.{decimals}f}"


def status_tag(code: str, label) -> str:
    """The status as people see it everywhere: its label in a tag whose class names the code."""
    return format_html('<span class="tag tag-{}">{}</span>', code, label)


def object_status_tag(obj) -> str:
    """The tag of a model instance with a `status` choice field."""
    return status_tag(obj.status, obj.get_status_display())
