"""An event's times as people read them: on the event's own clock, labelled with its time zone (core.formatting)."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from interact_portal.core.formatting import format_span, format_time


def on_event_clock(moment: datetime, event) -> datetime:
    return timezone.localtime(moment, ZoneInfo(event.timezone))


def event_moment(moment: datetime, event) -> str:
    """“20 December 2026, 10:00 EET”: on the event's clock, with its zone's label."""
    return format_time(moment, event.timezone)


def event_span(event, starts_at: datetime | None = None, ends_at: datetime | None = None) -> str:
    """“20 December 2026, 10:00–12:00 EET”; both dates when it runs over several days."""
    return format_span(starts_at or event.starts_at, ends_at or event.ends_at, event.timezone)
