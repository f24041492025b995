"""iCalendar (RFC 5545) for one event and for the feed of upcoming events, in the active language: the page's it
was asked from, or the recipient's for the file attached to a seat email (its links lead to the pages in it)."""

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from .choices import EventFormat, EventStatus
from .models import Event


def calendar_for(events: Iterable[Event], name: str, *, seat: bool = False) -> bytes:
    """The calendar of these events; with `seat` (a participant's own file) it carries the online link too."""
    calendar = Calendar()
    calendar.add("prodid", "-//Interact Portal//Learning events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for event in events:
        item = VEvent()
        item.add("uid", f"event-{event.pk}@interact-portal")
        item.add("dtstamp", stamp)
        item.add("dtstart", event.starts_at)
        item.add("dtend", event.ends_at)
        item.add("summary", event.title)
        online = seat and event.online_url and event.format != EventFormat.ONSITE
        item.add("description", f"{event.description}\n\n{event.online_url}".strip() if online else event.description)
        item.add(
            "location",
            event.venue or (event.online_url if online else _("Online") if event.format == EventFormat.ONLINE else ""),
        )
        item.add("url", settings.SITE_URL + reverse("events:detail", args=[event.slug]))
        item.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
        calendar.add_component(item)
    return calendar.to_ical()
