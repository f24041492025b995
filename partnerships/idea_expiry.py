"""Project ideas end by themselves: the beat task (below, beside its services) marks open ideas whose end date has
passed as expired, and reminds each owner ONCE, REMIND_DAYS before the end, that their idea is about to leave the
partner search.

The reminder is claimed with a conditional UPDATE (reminded_at still empty) in the transaction that writes the
notification, so an overlapping run, a restarted beat or a redelivered task never sends a second one.
"""

from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from interact_portal.notifications.messages import Day, Message
from interact_portal.notifications.services import notify

from .idea_models import IdeaStatus, ProjectIdea
from .idea_services import idea_transition

REMIND_DAYS = 3


def ideas_expire(today=None) -> int:
    """Open ideas whose end date has passed become expired; returns how many."""
    today = today or timezone.localdate()
    expired = 0
    for pk in ProjectIdea.objects.filter(status=IdeaStatus.OPEN, expires_on__lt=today).values_list("pk", flat=True):
        with transaction.atomic():
            idea = ProjectIdea.objects.select_for_update().filter(pk=pk, status=IdeaStatus.OPEN).first()
            if idea is not None:  # another run expired (or its owner closed) it meanwhile
                idea_transition(idea=idea, to=IdeaStatus.EXPIRED)
                expired += 1
    return expired


def idea_reminders_send(today=None) -> int:
    """Remind the owners of open ideas ending within REMIND_DAYS, once per idea; returns how many were reminded."""
    today = today or timezone.localdate()
    due = ProjectIdea.objects.filter(
        status=IdeaStatus.OPEN,
        reminded_at__isnull=True,
        expires_on__gte=today,
        expires_on__lte=today + timedelta(days=REMIND_DAYS),
    )
    sent = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            claimed = ProjectIdea.objects.filter(pk=pk, reminded_at__isnull=True, status=IdeaStatus.OPEN).update(
                reminded_at=timezone.now()
            )
            if not claimed:  # another run reminded this owner first
                continue
            idea = ProjectIdea.objects.select_related("owner").get(pk=pk)
            notify(
                event="idea.ending",
                actor=None,
                target=idea,
                recipients=[idea.owner],
                title=Message(
                    gettext_noop("Your project idea “%(title)s” leaves the partner search on %(day)s"),
                    title=idea.title,
                    day=Day(idea.expires_on),
                ),
                body=Message(gettext_noop("Edit the idea to give it a later date, or turn it into an application.")),
                url=reverse("ideas:edit", args=[idea.pk]),
            )
            sent += 1
    return sent


@shared_task(time_limit=300, soft_time_limit=270)
def ideas_expiry_run() -> dict:
    """The beat task: expire what has ended, then remind what is about to end."""
    return {"expired": ideas_expire(), "reminded": idea_reminders_send()}
