"""Reporting reminders: each partner whose report for a period is not submitted yet is reminded before the period's
deadline, on the day, and after it (overdue) — through the outbox, to the partner's contact person.

Each reminder is a ReportingReminder row under a unique (deadline, partner, kind) constraint, written in the same
transaction as its notification: a restarted beat, an overlapping run or a redelivered task never sends one twice.
A missed run catches up within the kind's window; a deadline long past is not reminded any more.

Who is reminded follows the version of the period (projects.version_reporting): a partner not in it, or withdrawn
from that period or an earlier one, is not; a modification's open draft changes nothing. A project without versions
reminds its live partners, as before.
"""

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from interact_portal.notifications.messages import Message
from interact_portal.notifications.services import notify
from partnerships.choices import PartnerRole

from ..models import PartnerReport, ReportingDeadline, ReportingReminder, ReportingReminderKind
from ..reporting_workflow import PartnerReportStatus
from ..version_reporting import reports_in_period, version_partners
from ..versions import version_for_period
from ..workflow import Status

BEFORE_DAYS = 14  # the first reminder, this many days before the deadline
OVERDUE_DAYS = 7  # the overdue reminder, this many days after it
STOP_AFTER_DAYS = 60  # no reminder about a deadline passed longer ago than this (e.g. the first run after a deploy)


def reminder_kind(due_date: date, today: date) -> str | None:
    """The reminder due today for a deadline on `due_date`: the window today is in."""
    if today < due_date - timedelta(days=BEFORE_DAYS) or today > due_date + timedelta(days=STOP_AFTER_DAYS):
        return None
    if today < due_date:
        return ReportingReminderKind.BEFORE
    if today < due_date + timedelta(days=OVERDUE_DAYS):
        return ReportingReminderKind.DUE
    return ReportingReminderKind.OVERDUE


def submitted_report_filter(period_ref) -> Q:
    """The partner reports that count as submitted for the period (a draft never submitted does not)."""
    return Q(period=period_ref) & (~Q(status=PartnerReportStatus.DRAFT) | Q(submitted_at__isnull=False))


def reporting_reminders_send(today: date | None = None) -> int:
    """Send the reminders due today; returns how many partners were reminded."""
    today = today or timezone.localdate()
    deadlines = (
        ReportingDeadline.objects.filter(
            project__status=Status.CONTRACTED,
            due_date__gte=today - timedelta(days=STOP_AFTER_DAYS),
            due_date__lte=today + timedelta(days=BEFORE_DAYS),
        )
        .select_related("project__call")
        .order_by("due_date", "pk")
    )
    sent = 0
    for deadline in deadlines.iterator(chunk_size=200):
        kind = reminder_kind(deadline.due_date, today)
        if kind is None:
            continue
        submitted = PartnerReport.objects.filter(partner=OuterRef("pk")).filter(
            submitted_report_filter(deadline.period)
        )
        reminded = ReportingReminder.objects.filter(deadline=deadline, partner=OuterRef("pk"), kind=kind)
        partners = (
            deadline.project.partners.filter(contact_user__isnull=False, contact_user__is_active=True)
            .exclude(role=PartnerRole.ASSOCIATED)
            .exclude(Exists(submitted))
            .exclude(Exists(reminded))
            .select_related("contact_user")
            .order_by("pk")
        )
        version = version_for_period(deadline.project, deadline.period)
        if version is not None:
            partners = partners.filter(
                pk__in=[pk for pk in version_partners(version) if reports_in_period(version, pk, deadline.period)]
            )
        for partner in partners:
            sent += _remind(deadline, partner, kind)
    return sent


def _remind(deadline: ReportingDeadline, partner, kind: str) -> int:
    project = deadline.project
    names = {"acronym": project.acronym, "n": deadline.period, "day": deadline.due_date.isoformat()}
    titles = {
        ReportingReminderKind.BEFORE: gettext_noop("%(acronym)s: your report for period %(n)d is due on %(day)s"),
        ReportingReminderKind.DUE: gettext_noop(
            "%(acronym)s: your report for period %(n)d was due on %(day)s: submit it now"
        ),
        ReportingReminderKind.OVERDUE: gettext_noop(
            "%(acronym)s: your report for period %(n)d is overdue (due on %(day)s)"
        ),
    }
    try:
        with transaction.atomic():
            ReportingReminder.objects.create(deadline=deadline, partner=partner, kind=kind)
            notify(
                event=f"reporting.deadline_{kind}",
                actor=None,
                target=deadline,
                recipients=[partner.contact_user],
                title=Message(titles[kind], names),
                body=Message(
                    gettext_noop("Submit the partner report of %(partner)s for this period; it then goes to control."),
                    partner=partner.abbreviation,
                ),
                url=reverse("projects:partner_reports", args=[project.pk]),
            )
    except IntegrityError:  # another run reminded this partner first
        return 0
    return 1
