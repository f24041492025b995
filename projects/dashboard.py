"""The figures of a programme's staff dashboard, each in one grouped query, shaped as bar charts."""

from datetime import timedelta

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext as _

from interact_portal.accounts.models import User
from interact_portal.core.charts import bar_chart
from interact_portal.core.collation import by_name
from interact_portal.core.formatting import format_money
from partnerships.choices import PartnerRole
from partnerships.models import ProjectPartner
from programmes.choices import StaffRole

from .models import ControllerAssignment, PartnerReport, Payment, ProjectReport, ReportingDeadline, Submission
from .permissions import staff_visible, staff_visible_filter
from .reporting_workflow import PartnerReportStatus, PaymentStatus, ProjectReportStatus
from .reports.columns import EU_CONTRIBUTION
from .services.reporting_reminders import submitted_report_filter
from .workflow import Status

WEEKS = 12


def programme_dashboard(programme) -> dict:
    """The figures of one programme, whose staff the caller checked (staff_visible(None, …): drafts not counted)."""
    calls = list(programme.calls.open_now().order_by("closes_at"))
    by_status: dict[int, dict[str, int]] = {call.pk: {} for call in calls}
    for row in (
        staff_visible(None, programme=programme)
        .filter(call__in=calls)
        .values("call_id", "status")
        .annotate(n=Count("pk"))
    ):
        by_status[row["call_id"]][row["status"]] = row["n"]
    requested = dict(
        ProjectPartner.objects.filter(staff_visible_filter(None, "project__"), project__call__in=calls)
        .values("project__call_id")
        .annotate(total=Sum(EU_CONTRIBUTION))
        .values_list("project__call_id", "total")
    )
    open_calls = [
        {
            "call": call,
            "chart": bar_chart(
                _("Applications to %(reference)s by status") % {"reference": call.reference},
                [(str(label), n, str(n)) for value, label in Status.choices if (n := by_status[call.pk].get(value))],
            ),
            "requested": requested.get(call.pk) or 0,
        }
        for call in calls
    ]
    return {
        "open_calls": open_calls,
        "funding": bar_chart(
            _("Requested EU funding against the call budget"),
            [
                row
                for item in open_calls
                for row in (
                    (
                        _("%(ref)s budget") % {"ref": item["call"].reference},
                        float(item["call"].budget),
                        _euro(item["call"].budget),
                    ),
                    (
                        _("%(ref)s requested") % {"ref": item["call"].reference},
                        float(item["requested"]),
                        _euro(item["requested"]),
                    ),
                )
            ],
        ),
        "submissions": _submissions_chart(programme),
        "countries": _countries_chart(programme),
        "deadlines": programme.calls.published().filter(closes_at__gt=timezone.now()).order_by("closes_at")[:5],
        **reporting_dashboard(programme),
    }


def _euro(value) -> str:
    return format_money(value)


def _submissions_chart(programme):
    since = timezone.now() - timedelta(weeks=WEEKS)
    weeks = (
        Submission.objects.filter(project__programme=programme, submitted_at__gte=since)
        .annotate(week=TruncWeek("submitted_at"))
        .values("week")
        .annotate(n=Count("pk"))
        .order_by("week")
    )
    rows = [(_("Week of %(day)s") % {"day": row["week"].date().isoformat()}, row["n"], str(row["n"])) for row in weeks]
    return bar_chart(_("Submissions per week, last %(n)d weeks") % {"n": WEEKS}, rows)


def _countries_chart(programme):
    rows = (
        ProjectPartner.objects.filter(staff_visible_filter(None, "project__"), project__programme=programme)
        .values("organisation__country__name")
        .annotate(n=Count("project", distinct=True))
        .order_by("-n", "organisation__country__name")
    )
    return bar_chart(
        _("Submitted applications by partner country"),
        [(row["organisation__country__name"], row["n"], str(row["n"])) for row in rows],
    )


# --- after the contract: reports due and overdue, and each controller's backlog (a fixed number of queries)
DUE_WITHIN_DAYS = 30
LISTED = 20


def _missing_reports():
    """Per deadline (as a subquery): how many partners (not associated) have not submitted their report for its
    period yet."""
    submitted = PartnerReport.objects.filter(partner=OuterRef("pk")).filter(
        submitted_report_filter(OuterRef(OuterRef("period")))
    )
    missing = (
        ProjectPartner.objects.filter(project=OuterRef("project"))
        .exclude(role=PartnerRole.ASSOCIATED)
        .exclude(Exists(submitted))
        .order_by()
        .values("project")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(missing, output_field=IntegerField()), 0)


def reporting_dashboard(programme) -> dict:
    today = timezone.localdate()
    deadlines = (
        ReportingDeadline.objects.filter(project__programme=programme, project__status=Status.CONTRACTED)
        .annotate(missing=_missing_reports())
        .filter(missing__gt=0)
        .select_related("project")
    )
    due = deadlines.filter(due_date__gte=today, due_date__lte=today + timedelta(days=DUE_WITHIN_DAYS))
    overdue = deadlines.filter(due_date__lt=today)
    counts = deadlines.aggregate(
        due=Count("pk", filter=Q(due_date__gte=today, due_date__lte=today + timedelta(days=DUE_WITHIN_DAYS))),
        due_reports=Sum(
            "missing", filter=Q(due_date__gte=today, due_date__lte=today + timedelta(days=DUE_WITHIN_DAYS))
        ),
        overdue=Count("pk", filter=Q(due_date__lt=today)),
        overdue_reports=Sum("missing", filter=Q(due_date__lt=today)),
    )
    return {
        "reports_due": list(due.order_by("due_date", "project__acronym")[:LISTED]),
        "reports_overdue": list(overdue.order_by("due_date", "project__acronym")[:LISTED]),
        "reporting_counts": {key: value or 0 for key, value in counts.items()},
        "control_backlog": control_backlog(programme),
        "waiting": waiting_work(programme),
        "due_within_days": DUE_WITHIN_DAYS,
    }


def control_backlog(programme) -> list:
    """Each controller of the programme with the partner reports waiting for them (submitted) and in control: the
    reports of the partners assigned to them (a partner's own assignment wins over its country's)."""
    own_any = ControllerAssignment.objects.filter(partner=OuterRef("partner"))
    own = ControllerAssignment.objects.filter(partner=OuterRef("partner"), controller=OuterRef(OuterRef("pk")))
    by_country = ControllerAssignment.objects.filter(
        partner__isnull=True,
        programme=programme,
        country=OuterRef("partner__organisation__country"),
        controller=OuterRef(OuterRef("pk")),
    )
    assigned = PartnerReport.objects.filter(project__programme=programme).filter(
        Exists(own) | (~Exists(own_any) & Exists(by_country))
    )

    def count(*statuses):
        rows = (
            assigned.filter(status__in=statuses)
            .order_by()
            .values("project__programme")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(rows, output_field=IntegerField()), 0)

    return list(
        User.objects.filter(programme_roles__programme=programme, programme_roles__role=StaffRole.CONTROLLER)
        .annotate(
            waiting=count(PartnerReportStatus.SUBMITTED),
            in_control=count(PartnerReportStatus.IN_CONTROL, PartnerReportStatus.AWAITING_CONFIRMATION),
        )
        .order_by(by_name("last_name"), by_name("first_name"), "pk")
    )


def waiting_work(programme) -> dict:
    """What waits for the joint secretariat and the finance officers, counted in one query: project reports to
    take into verification and in verification, payments to authorise and to confirm."""

    def count(queryset, path: str, *statuses):
        rows = (
            queryset.filter(**{path: OuterRef("pk")}, status__in=statuses)
            .order_by()
            .values(path)
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(rows, output_field=IntegerField()), 0)

    reports, payments = ProjectReport.objects.all(), Payment.objects.all()
    return (
        type(programme)
        .objects.filter(pk=programme.pk)
        .values(
            to_verify=count(reports, "project__programme", ProjectReportStatus.SUBMITTED),
            in_verification=count(reports, "project__programme", ProjectReportStatus.IN_VERIFICATION),
            to_authorise=count(payments, "claim__project__programme", PaymentStatus.PENDING),
            to_confirm=count(payments, "claim__project__programme", PaymentStatus.AUTHORISED),
        )
        .get()
    )
