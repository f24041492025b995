"""An event's life: its statuses and the one table of allowed transitions (services.event_publish/event_cancel)."""

from django.utils.translation import gettext_lazy as _

from .choices import EventStatus

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    EventStatus.DRAFT: frozenset({EventStatus.PUBLISHED, EventStatus.CANCELLED}),
    EventStatus.PUBLISHED: frozenset({EventStatus.CANCELLED}),
    # registrants were told it will not take place: a new event (the admin's "duplicate") is the way back
    EventStatus.CANCELLED: frozenset(),
}

# Why a transition is refused, by (current, target); the default reason names both statuses.
REFUSALS = {
    (EventStatus.CANCELLED, EventStatus.PUBLISHED): _("a cancelled event cannot be published again."),
    (EventStatus.PUBLISHED, EventStatus.DRAFT): _("a published event cannot go back to draft; cancel it instead."),
}


def can_transition(current: str, target: str) -> bool:
    return target in ALLOWED_TRANSITIONS.get(current, frozenset())


def refusal(current: str, target: str) -> str:
    """The reason, for people, why an event cannot go from `current` to `target`."""
    if (current, target) in REFUSALS:
        return str(REFUSALS[(current, target)])
    labels = dict(EventStatus.choices)
    if target not in labels:
        return str(_("an event cannot have the status “%(target)s”.") % {"target": target})
    return str(
        _("an event cannot go from %(current)s to %(target)s.")
        % {"current": labels.get(current, current), "target": labels[target]}
    )
