"""Deadline reminders: 7 days and 1 day before a call closes, to the collaborators of unsubmitted drafts.

A two-step call's applications are reminded of their own stage's deadline (`Call.deadline_for`): the concept note
of the call's, the full form of step 2's; approving a concept note clears its reminders so step 2 has its own.

Each reminder is a row under a unique (application, kind) constraint written in the same transaction as its
notification, so a restarted beat, an overlapping run or a redelivered task never sends one twice.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from interact_portal.accounts.models import User
from interact_portal.notifications.messages import Message, When
from interact_portal.notifications.services import notify
from programmes.choices import CallKind

from ..models import DeadlineReminder, Project, ReminderKind, Stage
from ..workflow import EDITABLE_STATUSES

WINDOWS = [(ReminderKind.DAY, timedelta(days=1)), (ReminderKind.WEEK, timedelta(days=7))]


def _due_kind(closes_at, now) -> str | None:
    """The reminder a draft is due at this moment: the closest window it is inside."""
    for kind, window in WINDOWS:
        if now < closes_at <= now + window:
            return kind
    return None


def deadline_reminders_send(now=None) -> int:
    """Send the reminders due now; returns how many applications were reminded."""
    now = now or timezone.now()
    horizon = now + WINDOWS[-1][1]
    # a two-step call's full form (step 2) closes at its own deadline; a concept note and a one-step call's
    # application at the call's
    step2 = Q(stage=Stage.FULL, call__kind=CallKind.TWO_STEP, call__step2_closes_at__isnull=False)
    due = (step2 & Q(call__step2_closes_at__gt=now, call__step2_closes_at__lte=horizon)) | (
        ~step2 & Q(call__closes_at__gt=now, call__closes_at__lte=horizon)
    )
    drafts = Project.objects.filter(due, status__in=EDITABLE_STATUSES).select_related("call").order_by("pk")
    sent = 0
    for project in drafts.iterator(chunk_size=500):
        kind = _due_kind(project.call.deadline_for(project.stage), now)
        if kind and not DeadlineReminder.objects.filter(project=project, kind=kind).exists():
            sent += _remind(project, kind)
    return sent


def _remind(project: Project, kind: str) -> int:
    try:
        with transaction.atomic():
            DeadlineReminder.objects.create(project=project, kind=kind)
            call = project.call
            when = When(call.deadline_for(project.stage), call.timezone)
            notify(
                event=f"application.deadline_{kind}",
                actor=None,
                target=project,
                recipients=User.objects.filter(collaborations__project=project),
                title=Message(
                    gettext_noop("%(acronym)s is not submitted yet: %(call)s closes on %(when)s"),
                    acronym=project.acronym,
                    call=call.reference,
                    when=Message("%(when)s (%(zone)s)", when=when, zone=call.timezone),
                ),
                body=Message(gettext_noop("Open the pre-submission check to see what is still missing, then submit.")),
                url=reverse("projects:check", args=[project.pk]),
            )
    except IntegrityError:  # another run reminded this application first
        return 0
    return 1
