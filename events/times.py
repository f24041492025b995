"""An event's times as people read them: on the event's own clock, labelled with its time zone."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import formats, timezone


def on_event_clock(moment: datetime, event) -> datetime:
    return timezone.localtime(moment, ZoneInfo(event.timezone))


def event_moment(moment: datetime, event) -> str:
    """“20 December 2026, 10:00” in the event's zone (the zone is labelled by the caller or by event_span)."""
    return formats.date_format(on_event_clock(moment, event), "j F Y, H:i")


def event_span(event, starts_at: datetime | None = None, ends_at: datetime | None = None) -> str:
    """“20 December 2026, 10:00–12:00 (Europe/Helsinki)”; both dates when it runs over several days."""
    start = on_event_clock(starts_at or event.starts_at, event)
    end = on_event_clock(ends_at or event.ends_at, event)
    if start.date() == end.date():
        text = f"{formats.date_format(start, 'j F Y, H:i')}–{formats.date_format(end, 'H:i')}"
    else:
        text = f"{formats.date_format(start, 'j F Y, H:i')} – {formats.date_format(end, 'j F Y, H:i')}"
    return f"{text} ({event.timezone})"
