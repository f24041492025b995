"""What a seat email says (date, time with its zone, place, the online link for seat holders) and the calendar
file attached to it (notifications.attachments)."""

from django.utils.translation import gettext_noop

from interact_portal.notifications.attachments import email_attachments
from interact_portal.notifications.messages import Message, Span

from .choices import SEAT_HOLDING, EventFormat
from .ical import calendar_for
from .models import Event, Registration

SEAT_EMAILS = ("event.registered", "event.promoted", "event.reminder")


def event_details(event: Event, *, seat: bool) -> Message:
    """When and where; the online link only for someone who holds a seat. Shown in the portal and in the email
    (which, for a seat, also carries the .ics file: seat_calendar), in the reader's language."""
    lines = [Message(gettext_noop("When: %(when)s"), when=event_when(event))]
    if event.format in (EventFormat.ONSITE, EventFormat.HYBRID) and event.venue:
        lines.append(Message(gettext_noop("Venue: %(venue)s"), venue=event.venue))
    if seat and event.format in (EventFormat.ONLINE, EventFormat.HYBRID) and event.online_url:
        lines.append(Message(gettext_noop("Join online: %(url)s"), url=event.online_url))
    return Message.lines(*lines)


def event_when(event: Event) -> Span:
    """The event's span (event_span) as a message parameter, written out in the reader's language."""
    return Span(event.starts_at, event.ends_at, event.timezone)


@email_attachments(*SEAT_EMAILS)
def seat_calendar(notification) -> list[tuple[str, bytes, str]]:
    """The event's .ics for a seat holder: a confirmation, a promotion from the waiting list, a reminder."""
    target = notification.target
    if isinstance(target, Registration):
        if target.status not in SEAT_HOLDING:
            return []
        target = target.event
    if not isinstance(target, Event):
        return []
    return [(f"{target.slug}.ics", calendar_for([target], target.title, seat=True), "text/calendar")]
