"""Writers of the events domain. Seats are counted under a lock on the event row, never from an earlier read."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from interact_portal.audit.services import audit_record
from interact_portal.notifications.messages import Message, When
from interact_portal.notifications.services import notify

from .choices import SEAT_HOLDING, EventStatus, RegistrationStatus
from .emails import event_details, event_when
from .models import Event, Registration
from .times import event_moment
from .workflow import can_transition, refusal


class TransitionRefused(ValidationError):
    """The transition table does not allow this status change; `reason` completes "… was not published: "."""

    def __init__(self, current: str, target: str):
        self.reason = refusal(current, target)
        super().__init__(self.reason[:1].upper() + self.reason[1:])


def _when(moment, event: Event) -> str:
    return event_moment(moment, event)


def registration_problem(event: Event, now=None) -> str | None:
    """Why nobody can register for this event now, or None. Shown on the page and enforced by the service."""
    now = now or timezone.now()
    if event.status == EventStatus.CANCELLED:
        return _("This event was cancelled.")
    if event.status != EventStatus.PUBLISHED:
        return _("This event is not open for registration.")
    if event.starts_at <= now:
        return _("This event has already started.")
    if now < event.registration_opens_at:
        return _("Registration opens on %(when)s.") % {"when": _when(event.registration_opens_at, event)}
    if now >= event.registration_closes_at:
        return _("Registration closed on %(when)s.") % {"when": _when(event.registration_closes_at, event)}
    return None


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _seats_taken(event: Event) -> int:
    return event.registrations.filter(status__in=SEAT_HOLDING).count()


def _people(event: Event, *statuses: str) -> list:
    """The users whose registration for the event is in one of these statuses."""
    return [r.user for r in event.registrations.filter(status__in=statuses).select_related("user")]


def _event_url(event: Event) -> str:
    return reverse("events:detail", args=[event.slug])


@transaction.atomic
def registration_create(
    *, event: Event, user, organisation_name: str = "", country=None, body_role=None, listed_consent: bool = False
) -> Registration:
    """Confirm while seats remain, otherwise put on the waiting list. One registration per person per event."""
    event = _lock(event)
    problem = registration_problem(event)
    if problem:
        raise ValidationError(problem)
    registration = Registration.objects.filter(event=event, user=user).first()
    if registration is not None and registration.status != RegistrationStatus.CANCELLED:
        raise ValidationError(_("You are already registered for this event."))
    registration = registration or Registration(event=event, user=user)
    registration.status = (
        RegistrationStatus.CONFIRMED if _seats_taken(event) < event.capacity else RegistrationStatus.WAITLISTED
    )
    registration.organisation_name, registration.country, registration.body_role = organisation_name, country, body_role
    registration.listed_consent = listed_consent
    registration.queued_at, registration.cancelled_at = timezone.now(), None
    registration.reminded_day_at = registration.reminded_hour_at = None
    registration.save()
    if registration.status == RegistrationStatus.CONFIRMED:
        title = Message(gettext_noop("Your seat at “%(event)s” is confirmed"), event=event.title)
        body = event_details(event, seat=True)
    else:
        title = Message(
            gettext_noop("You are on the waiting list for “%(event)s” (position %(position)d)"),
            event=event.title,
            position=waitlist_position(registration),
        )
        body = Message.lines(
            event_details(event, seat=False), Message(gettext_noop("You will be told at once if a seat frees up."))
        )
    notify(
        event="event.registered",
        actor=user,
        target=registration,
        recipients=[user],
        title=title,
        body=body,
        url=_event_url(event),
    )
    return registration


def waitlist_position(registration: Registration) -> int | None:
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = Registration.objects.filter(event_id=registration.event_id, status=RegistrationStatus.WAITLISTED).filter(
        Q(queued_at__lt=registration.queued_at) | Q(queued_at=registration.queued_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def _seats_fill(event: Event) -> list[Registration]:
    """Promote the waiting list, in arrival order, into free seats. The caller holds the event lock."""
    if event.status != EventStatus.PUBLISHED or event.starts_at <= timezone.now():
        return []
    free = event.capacity - _seats_taken(event)
    if free <= 0:
        return []
    promoted = list(
        event.registrations.filter(status=RegistrationStatus.WAITLISTED)
        .select_related("user")
        .order_by("queued_at", "pk")[:free]
    )
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.save(update_fields=["status", "updated_at"])
        notify(
            event="event.promoted",
            actor=None,
            target=registration,
            recipients=[registration.user],
            title=Message(gettext_noop("A seat is free for you at “%(event)s”"), event=event.title),
            body=Message(
                "%(first)s\n\n%(details)s",
                first=Message(
                    gettext_noop(
                        "You were first on the waiting list and your seat is now confirmed. If you are no longer "
                        "interested, open the event page and choose “Not interested” so the next person gets it."
                    )
                ),
                details=event_details(event, seat=True),
            ),
            url=_event_url(event),
        )
    return promoted


@transaction.atomic
def registration_cancel(*, registration: Registration) -> Registration:
    """Cancel (or decline a promoted seat); a freed seat goes at once to the first person waiting."""
    event = _lock(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        return registration  # idempotent: a second click changes nothing
    if registration.status == RegistrationStatus.ATTENDED:
        raise ValidationError(_("Attendance was already recorded for this registration."))
    held_seat = registration.status == RegistrationStatus.CONFIRMED
    registration.status, registration.cancelled_at = RegistrationStatus.CANCELLED, timezone.now()
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    if held_seat:
        _seats_fill(event)
    return registration


@transaction.atomic
def event_seats_fill(*, event: Event) -> list[Registration]:
    """After capacity grows (or the event is published again), hand free seats to the waiting list."""
    return _seats_fill(_lock(event))


def capacity_problem(event: Event, capacity: int) -> str | None:
    taken = _seats_taken(event) if event.pk else 0
    if capacity < taken:
        return _("%(taken)d people already hold a confirmed seat: the capacity cannot be lower than that.") % {
            "taken": taken
        }
    return None


def _move(event: Event, target: str) -> bool:
    """Check the transition table; False when the event already has this status (a second click is a no-op)."""
    if event.status == target:
        return False
    if not can_transition(event.status, target):
        raise TransitionRefused(event.status, target)
    return True


def _record(event: Event, before: str, by) -> None:
    audit_record(action="event.status", actor=by, target=event, changes={"status": (before, event.status)})


@transaction.atomic
def event_publish(*, event: Event, by) -> Event:
    """Open the event to the public (and to registration in its window); free seats go to the waiting list."""
    event = _lock(event)
    if not _move(event, EventStatus.PUBLISHED):
        return event
    before, event.status, event.updated_by = event.status, EventStatus.PUBLISHED, by
    event.save(update_fields=["status", "updated_by", "updated_at"])
    _record(event, before, by)
    _seats_fill(event)
    return event


@transaction.atomic
def event_cancel(*, event: Event, by) -> Event:
    """Cancel the event and tell everyone who holds a seat or waits for one."""
    event = _lock(event)
    if not _move(event, EventStatus.CANCELLED):
        return event
    before, event.status, event.updated_by = event.status, EventStatus.CANCELLED, by
    event.save(update_fields=["status", "updated_by", "updated_at"])
    _record(event, before, by)
    registrants = _people(event, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
    notify(
        event="event.cancelled",
        actor=by,
        target=event,
        recipients=registrants,
        title=Message(gettext_noop("“%(event)s” is cancelled"), event=event.title),
        body=Message(
            gettext_noop("We are sorry: the event planned for %(when)s will not take place."), when=event_when(event)
        ),
        url=_event_url(event),
    )
    return event


def _reminder(event: Event, recipients, actor=None) -> None:
    """Sent to seat holders only (the online link is in it)."""
    body = Message.lines(
        Message(
            gettext_noop("%(title)s starts on %(when)s."),
            title=event.title,
            when=When(event.starts_at, event.timezone),
        ),
        event_details(event, seat=True),
    )
    notify(
        event="event.reminder",
        actor=actor,
        target=event,
        recipients=recipients,
        title=Message(gettext_noop("Reminder: “%(event)s”"), event=event.title),
        body=body,
        url=_event_url(event),
    )


TRANSITIONS = {EventStatus.PUBLISHED: event_publish, EventStatus.CANCELLED: event_cancel}


def event_transition(*, event: Event, target: str, by) -> Event:
    """Move the event to `target` through its service; any other target is refused with a reason."""
    service = TRANSITIONS.get(target)
    if service is None:
        raise TransitionRefused(event.status, target)
    return service(event=event, by=by)


@transaction.atomic
def event_remind_now(*, event: Event, by) -> int:
    users = _people(event, RegistrationStatus.CONFIRMED)
    _reminder(event, users, actor=by)
    return len(users)


REMINDERS = (("reminded_day_at", timedelta(days=1), timedelta(hours=1)), ("reminded_hour_at", timedelta(hours=1), None))


def reminders_send(*, now=None) -> int:
    """Send due 1-day and 1-hour reminders; each at most once per registration, however often it runs."""
    now = now or timezone.now()
    sent = 0
    for stamp, window, not_within in REMINDERS:
        with transaction.atomic():
            due = (
                Registration.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(
                    status=RegistrationStatus.CONFIRMED,
                    event__status=EventStatus.PUBLISHED,
                    event__starts_at__gt=now + (not_within or timedelta(0)),
                    event__starts_at__lte=now + window,
                    **{f"{stamp}__isnull": True},
                )
                .select_related("event", "user")
            )
            by_event: dict[int, list[Registration]] = {}
            for registration in due:
                by_event.setdefault(registration.event_id, []).append(registration)
            for registrations in by_event.values():
                _reminder(registrations[0].event, [r.user for r in registrations])
                Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(**{stamp: now})
                sent += len(registrations)
    return sent


@transaction.atomic
def materials_announce(*, event: Event) -> int:
    """Tell participants, once, about materials added after the event ended."""
    now = timezone.now()
    if event.ends_at > now:
        return 0
    fresh = list(
        event.materials.select_for_update(skip_locked=True).filter(
            announced_at__isnull=True, created_at__gte=event.ends_at
        )
    )
    if not fresh:
        return 0
    participants = _people(event, *SEAT_HOLDING)
    notify(
        event="event.materials",
        actor=None,
        target=event,
        recipients=participants,
        title=Message(gettext_noop("New material from “%(event)s”"), event=event.title),
        body="\n".join(f"• {m.title}" for m in fresh),
        url=_event_url(event),
    )
    event.materials.filter(pk__in=[m.pk for m in fresh]).update(announced_at=now)
    return len(fresh)


@transaction.atomic
def registrations_mark_attended(*, registrations, attended: bool = True) -> int:
    source, target = (
        (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED)
        if attended
        else (RegistrationStatus.ATTENDED, RegistrationStatus.CONFIRMED)
    )
    return registrations.filter(status=source).update(status=target, updated_at=timezone.now())


@transaction.atomic
def event_duplicate(*, event: Event, by) -> Event:
    """A draft copy with its timetable, speakers, topics and audiences; without registrations or materials."""
    base, n = f"{event.slug}-copy"[:190], 1
    slug = base
    while Event.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    copy = Event.objects.get(pk=event.pk)
    copy.pk = None
    copy.title, copy.slug, copy.status = f"{event.title} (copy)"[:200], slug, EventStatus.DRAFT
    copy.created_by = copy.updated_by = by
    copy.save()
    copy.topics.set(event.topics.all())
    copy.audiences.set(event.audiences.all())
    sessions = {}
    for session in event.sessions.all():
        old = session.pk
        session.pk, session.event = None, copy
        session.save()
        sessions[old] = session
    for speaker in event.speakers.prefetch_related("sessions"):
        linked = [sessions[s.pk] for s in speaker.sessions.all()]
        speaker.pk, speaker.event = None, copy
        speaker.save()
        speaker.sessions.set(linked)
    return copy
