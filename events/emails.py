"""What a seat email says (date, time with its zone, place, the online link for seat holders) and the calendar
file attached to it (notifications.attachments)."""

from django.utils.translation import gettext as _

from interact_portal.notifications.attachments import email_attachments

from .choices import SEAT_HOLDING, EventFormat
from .ical import calendar_for
from .models import Event, Registration
from .times import event_span

SEAT_EMAILS = ("event.registered", "event.promoted", "event.reminder")


def event_details(event: Event, *, seat: bool) -> str:
    """When and where; the online link only for someone who holds a seat. Shown in the portal and in the email
    (which, for a seat, also carries the .ics file: seat_calendar)."""
    lines = [_("When: %(when)s") % {"when": event_span(event)}]
    if event.format in (EventFormat.ONSITE, EventFormat.HYBRID) and event.venue:
        lines.append(_("Venue: %(venue)s") % {"venue": event.venue})
    if seat and event.format in (EventFormat.ONLINE, EventFormat.HYBRID) and event.online_url:
        lines.append(_("Join online: %(url)s") % {"url": event.online_url})
    return "\n".join(lines)


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
