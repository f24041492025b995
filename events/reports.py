"""The attendance report of an event, for the people who manage events (the registration view permission) and may
see its participants (events.permissions: superusers, staff of the organising programme)."""

from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from interact_portal.reports.registry import ReportKind, Scope, Sheet, register

from .choices import RegistrationStatus
from .exports import PARTICIPANT_NAME
from .models import Event, Registration
from .permissions import may_see_participants, participants_visible_events

PERMISSION = "events.view_registration"


def scope(user, parameters: dict) -> Scope:
    if not user.has_perm(PERMISSION):
        raise Http404
    value = str(parameters.get("event", ""))
    event = get_object_or_404(participants_visible_events(user), pk=int(value) if value.isdigit() else 0)
    return Scope(title=_("Attendance of %(title)s") % {"title": event.title}, parameters={"event": event.pk})


def sheets(parameters: dict) -> list[Sheet]:
    registrations = (
        Registration.objects.filter(event_id=parameters["event"])
        .exclude(status=RegistrationStatus.CANCELLED)
        .order_by("queued_at", "pk")
    )
    columns = [
        (_("Name"), PARTICIPANT_NAME),
        (_("Email"), "user__email"),
        (_("Organisation"), "organisation_name"),
        (_("Country"), "country__name"),
        (_("Programme body role"), "body_role__name"),
        (_("Status"), "status"),
        (_("Registered"), F("queued_at")),
    ]
    return [Sheet(_("Attendance"), columns, registrations)]


def may_download(user, report) -> bool:
    event = Event.objects.filter(pk=report.parameters.get("event")).first()
    return user.has_perm(PERMISSION) and event is not None and may_see_participants(user, event)


register(
    ReportKind(
        key="attendance",
        label=gettext_lazy("Event attendance"),
        formats=("xlsx", "csv"),
        scope=scope,
        sheets=sheets,
        may_download=may_download,
    )
)
