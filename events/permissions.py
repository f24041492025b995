"""Who may see an event's participants: its registrations, with their personal data, belong to the people who run
the event — superusers, and staff of the programme whose office organises it (programmes.staff). An event without
an organising office is nobody's programme: only superusers see its registrants.

One policy, every door: the registrations admin, the participants export and the attendance report ask it.
"""

from django.db.models import Q, QuerySet

from programmes.staff import staff_programmes

from .models import Event, Registration

ORGANISING_PROGRAMME = "organising_office__programme"


def _events_rule(user, prefix: str = "") -> Q | None:
    """A filter on a lookup to events (prefix) for the events whose participants the user may see; None: all."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    if user.is_superuser:
        return None
    return Q(**{f"{prefix}{ORGANISING_PROGRAMME}__in": staff_programmes(user).values("pk")})


def participants_visible_events(user, queryset: QuerySet[Event] | None = None) -> QuerySet[Event]:
    """The events whose participants the user may see."""
    queryset = Event.objects.all() if queryset is None else queryset
    rule = _events_rule(user)
    return queryset if rule is None else queryset.filter(rule)


def registrations_visible_to(user, queryset: QuerySet[Registration] | None = None) -> QuerySet[Registration]:
    """The registrations the user may see (of the given ones, or of all)."""
    queryset = Registration.objects.all() if queryset is None else queryset
    rule = _events_rule(user, "event__")
    return queryset if rule is None else queryset.filter(rule)


def may_see_participants(user, event: Event) -> bool:
    return participants_visible_events(user, Event.objects.filter(pk=event.pk)).exists()
