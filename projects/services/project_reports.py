"""Project reports: the lead partner's report of a period, written by the project's managers. It bundles the certified
partner reports not yet claimed (one certificate row per partner report, one-to-one: nothing is claimed twice), the
progress of the work plan, and the output and result indicators reached so far; the amounts requested are
reporting_money.claim_amounts of the bundled certificates. Submitting freezes a snapshot and tells the programme's
managers and officers; a report returned for clarification is answered in its thread and submitted again."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from interact_portal.audit.services import audit_record
from interact_portal.notifications.messages import Message
from interact_portal.notifications.services import notify
from partnerships.budget import project_periods
from programmes.models import ProgrammeStaff
from programmes.staff import PERMITTED, StaffAction

from ..closure import final_period
from ..models import (
    Clarification,
    CollaboratorLevel,
    PartnerReport,
    Project,
    ProjectCollaborator,
    ProjectOutput,
    ProjectReport,
    ProjectReportCertificate,
    ProjectResult,
    ReportIndicatorValue,
)
from ..reporting_access import REPORTING_STATUSES
from ..reporting_money import claim_amounts
from ..reporting_workflow import PROJECT_EDITABLE, PartnerReportStatus, ProjectReportStatus
from ..versions import version_in_force
from .reporting import reporting_transition


def period_start(project: Project, number: int) -> date | None:
    """The first day of reporting period `number` (the project's start plus the earlier periods' months)."""
    if project.start_date is None:
        return None
    length = project.call.reporting_period_months if project.call is not None else 6
    months = project.start_date.year * 12 + project.start_date.month - 1 + (number - 1) * length
    year, month = divmod(months, 12)
    day = project.start_date.day
    while True:  # the 31st of a shorter month: its last day
        try:
            return date(year, month + 1, day)
        except ValueError:
            day -= 1


def project_managers(project):
    from interact_portal.accounts.models import User

    managers = ProjectCollaborator.objects.filter(project=project, level=CollaboratorLevel.MANAGE).values("user")
    return User.objects.filter(pk__in=managers)


def programme_staff(programme, action: str):
    from interact_portal.accounts.models import User

    staff = ProgrammeStaff.objects.filter(programme=programme, role__in=PERMITTED[action]).values("user")
    return User.objects.filter(pk__in=staff)


def manager_refusal(user, project) -> str | None:
    """The project's managers (the lead partner's side) write the project report."""
    if project.status not in REPORTING_STATUSES:
        return _("Project reports are written once the project is contracted.")
    if not ProjectCollaborator.objects.filter(project=project, user=user, level=CollaboratorLevel.MANAGE).exists():
        return _("Only the project's managers (the lead partner) can write the project report.")
    return None


def project_report_refusal(user, report: ProjectReport) -> str | None:
    """May the user edit this project report now?"""
    if refusal := manager_refusal(user, report.project):
        return refusal
    if report.status not in PROJECT_EDITABLE:
        return _("This project report is %(status)s: it can no longer be edited.") % {
            "status": ProjectReportStatus(report.status).label.lower()
        }
    return None


def claimable_reports(project: Project, period: int):
    """Certified partner reports of the period and earlier ones that no project report has bundled yet — of every
    partner, a withdrawn one included (it keeps its certificates and payments)."""
    return (
        PartnerReport.objects.filter(
            project=project, status=PartnerReportStatus.CERTIFIED, period__lte=period, in_project_report__isnull=True
        )
        .select_related("partner__organisation")
        .order_by("partner__order", "partner_id", "number")
    )


def project_indicators(project: Project) -> dict[int, dict]:
    """The indicators of the project's outputs and results, each with its target (summed over the outputs and
    results measured by it) and its code and name: {indicator id: {"indicator", "target", "kind"}}."""
    found: dict[int, dict] = {}
    outputs = ProjectOutput.objects.filter(work_package__project=project).select_related("indicator")
    results = ProjectResult.objects.filter(project=project).select_related("indicator")
    for row in [*outputs, *results]:
        entry = found.setdefault(
            row.indicator_id, {"indicator": row.indicator, "target": Decimal(0), "baseline": Decimal(0)}
        )
        entry["target"] += row.target_value
        entry["baseline"] += getattr(row, "baseline", Decimal(0))
    return dict(sorted(found.items(), key=lambda item: (item[1]["indicator"].kind, item[1]["indicator"].code)))


def previous_values(report: ProjectReport) -> dict[int, Decimal]:
    """The indicator values of the project's report before this one (by number)."""
    previous = (
        ProjectReport.objects.filter(project_id=report.project_id, number__lt=report.number).order_by("-number").first()
    )
    if previous is None:
        return {}
    return dict(previous.indicator_values.values_list("indicator_id", "cumulative"))


def _locked_project(project: Project) -> Project:
    return Project.objects.select_for_update(of=("self",)).select_related("call", "programme").get(pk=project.pk)


@transaction.atomic
def project_report_create(*, project: Project, by, period: int | None) -> ProjectReport:
    """The project report of `period` (one per period, once the period has started), bundling every claimable
    certified partner report; the indicators start from the previous report's values."""
    project = _locked_project(project)
    if refusal := manager_refusal(by, project):
        raise PermissionDenied(refusal)
    if period not in project_periods(project):
        raise ValidationError({"period": _("Choose one of the project's reporting periods.")})
    start = period_start(project, period)
    if start is None or start > timezone.localdate():
        raise ValidationError(
            {"period": _("Period %(n)d has not started yet: it can be reported on once it starts.") % {"n": period}}
        )
    if existing := ProjectReport.objects.filter(project=project, period=period).first():
        raise ValidationError(
            {
                "period": _("Period %(n)d already has its project report (number %(number)d).")
                % {"n": period, "number": existing.number}
            }
        )
    number = ProjectReport.objects.filter(project=project).count() + 1
    report = ProjectReport.objects.create(
        project=project,
        period=period,
        number=number,
        created_by=by,
        application_version=version_in_force(project, on=timezone.localdate()),
        is_final=period == final_period(project),  # the last period's report is the final one (projects.closure)
    )
    ProjectReportCertificate.objects.bulk_create(
        ProjectReportCertificate(project_report=report, partner_report=partner_report)
        for partner_report in claimable_reports(project, period)
    )
    before = previous_values(report)
    ReportIndicatorValue.objects.bulk_create(
        ReportIndicatorValue(project_report=report, indicator_id=pk, cumulative=before.get(pk, Decimal(0)))
        for pk in project_indicators(project)
    )
    audit_record(action="project_report.create", actor=by, target=report, changes={"period": (None, period)})
    return report


def _locked_report(report: ProjectReport) -> ProjectReport:
    return (
        ProjectReport.objects.select_for_update(of=("self",))
        .select_related("project__call", "project__programme")
        .get(pk=report.pk)
    )


@transaction.atomic
def project_report_save(
    *,
    report: ProjectReport,
    by,
    progress_summary: str,
    highlights: str,
    partner_report_ids: list[int],
    indicator_values: dict[int, tuple[str, str]],
) -> ProjectReport:
    """Save the text, the bundled certified partner reports (those of the period and earlier, not claimed in
    another project report) and the indicators reached so far (`indicator id → (typed value, comment)`)."""
    _locked_project(report.project)  # two reports of the project never claim the same partner report at once
    report = _locked_report(report)
    if refusal := project_report_refusal(by, report):
        raise PermissionDenied(refusal)
    errors: dict[str, str] = {}
    allowed = set(claimable_reports(report.project, report.period).values_list("pk", flat=True))
    allowed |= set(report.certificates.values_list("partner_report_id", flat=True))
    chosen = {int(pk) for pk in partner_report_ids}
    if chosen - allowed:
        errors["certificates"] = _(
            "Only certified partner reports of this period or earlier that no other project report claims can be "
            "included."
        )
    values = {}
    known = set(report.indicator_values.values_list("indicator_id", flat=True))
    for indicator_id, (typed, comment) in indicator_values.items():
        if indicator_id not in known:
            continue
        try:
            value = Decimal(str(typed).strip().replace(",", ".") or "0")
        except InvalidOperation:
            errors[f"indicator_{indicator_id}"] = _("Enter a number.")
            continue
        if not value.is_finite() or value < 0 or value >= Decimal("1e12") or value != round(value, 2):
            errors[f"indicator_{indicator_id}"] = _("Enter a number of at least 0 with at most two decimals.")
            continue
        values[indicator_id] = (value, comment.strip())
    if errors:
        raise ValidationError(errors)
    report.progress_summary, report.highlights = progress_summary.strip(), highlights.strip()
    report.version += 1
    report.save(update_fields=["progress_summary", "highlights", "version"])
    report.certificates.exclude(partner_report_id__in=chosen).delete()
    have = set(report.certificates.values_list("partner_report_id", flat=True))
    ProjectReportCertificate.objects.bulk_create(
        ProjectReportCertificate(project_report=report, partner_report_id=pk) for pk in sorted(chosen - have)
    )
    rows = list(report.indicator_values.filter(indicator_id__in=values))
    for row in rows:
        row.cumulative, row.comment = values[row.indicator_id]
    ReportIndicatorValue.objects.bulk_update(rows, ["cumulative", "comment"])
    audit_record(action="project_report.save", actor=by, target=report)
    return report


def certificates_of(report: ProjectReport):
    return report.certificates.select_related("partner_report__partner__organisation").order_by(
        "partner_report__partner__order", "partner_report__partner_id", "partner_report__number"
    )


def report_money(report: ProjectReport, *, stage: str = "certified", certificates=None):
    """The amounts of the report's certificates (reporting_money.claim_amounts; two queries)."""
    certificates = list(certificates_of(report)) if certificates is None else certificates
    pairs = [(c.partner_report_id, c.partner_report.partner_id) for c in certificates]
    return claim_amounts(pairs, report.project.call, stage=stage)


def submission_problems(report: ProjectReport) -> dict[str, str]:
    problems = {}
    if not report.progress_summary.strip():
        problems["progress_summary"] = _("Describe the progress of the work plan in the period.")
    if (
        report.status == ProjectReportStatus.RETURNED
        and not report.clarifications.filter(from_programme=False, at__gte=_last_return(report)).exists()
    ):
        problems["answer"] = _("Answer the joint secretariat's question before submitting again.")
    return problems


def _last_return(report: ProjectReport):
    step = report.steps.filter(to_status=ProjectReportStatus.RETURNED).order_by("-at", "-pk").first()
    return step.at if step else report.created_at


def snapshot_of(report: ProjectReport) -> dict:
    certificates = list(certificates_of(report))
    money = report_money(report, certificates=certificates)
    return {
        "period": report.period,
        "number": report.number,
        "progress_summary": report.progress_summary,
        "highlights": report.highlights,
        "certificates": [
            {
                "partner_report": c.partner_report_id,
                "partner": c.partner_report.partner_id,
                "number": c.partner_report.number,
                "certified": str(money.by_report[c.partner_report_id].total_certified),
            }
            for c in certificates
        ],
        "by_partner": {str(pk): str(amount) for pk, amount in money.by_partner.items()},
        "by_partner_fund": {f"{pk}:{fund}": str(amount) for (pk, fund), amount in money.by_partner_fund.items()},
        "total": str(money.total),
        "indicators": {
            str(pk): {"cumulative": str(value), "comment": comment}
            for pk, value, comment in report.indicator_values.values_list("indicator_id", "cumulative", "comment")
        },
    }


@transaction.atomic
def project_report_submit(*, report: ProjectReport, by) -> ProjectReport:
    """Submit (or, returned for clarification, submit again): idempotent — a second click changes nothing."""
    report = _locked_report(report)
    if report.status not in PROJECT_EDITABLE:
        if report.status == ProjectReportStatus.SUBMITTED:
            return report
        raise ValidationError(
            _("This project report is %(status)s: it cannot be submitted.")
            % {"status": ProjectReportStatus(report.status).label.lower()}
        )
    if refusal := manager_refusal(by, report.project):
        raise PermissionDenied(refusal)
    if problems := submission_problems(report):
        raise ValidationError(problems)
    again = report.status == ProjectReportStatus.RETURNED
    report = reporting_transition(
        report,
        to=ProjectReportStatus.SUBMITTED,
        by=by,
        fields={"submitted_at": timezone.now(), "submitted_by": by, "snapshot": snapshot_of(report)},
    )
    project = report.project
    notify(
        event="project_report.submitted",
        actor=by,
        target=report,
        recipients=programme_staff(project.programme, StaffAction.VERIFY),
        title=Message(
            gettext_noop("Project report %(number)d of %(project)s submitted again")
            if again
            else gettext_noop("Project report %(number)d of %(project)s submitted"),
            number=report.number,
            project=project.acronym,
        ),
        url=reverse("staff:verification", args=[project.programme.slug, report.pk]),
    )
    return report


@transaction.atomic
def clarification_answer(*, report: ProjectReport, by, text: str) -> Clarification:
    """The lead partner answers the joint secretariat's question (the report is back with them)."""
    report = _locked_report(report)
    if refusal := manager_refusal(by, report.project):
        raise PermissionDenied(refusal)
    if report.status != ProjectReportStatus.RETURNED:
        raise ValidationError(_("Questions are answered while the report is returned for clarification."))
    if not text.strip():
        raise ValidationError({"text": _("Write your answer.")})
    message = Clarification.objects.create(project_report=report, author=by, from_programme=False, text=text.strip())
    audit_record(action="project_report.answer", actor=by, target=report, note=text.strip())
    return message
