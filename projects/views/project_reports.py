"""The lead partner's project reports (the project's managers write them; every collaborator reads them) and the
payments the partners receive (read-only). The services decide; refusals are shown next to their field."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerships.budget import project_periods

from ..forms_project_reports import ClarificationForm, ProjectReportForm, ProjectReportNewForm
from ..models import ReportIndicatorValue
from ..permissions import applications_for, require
from ..reporting_access import payments_for, project_reports_for
from ..services.payments import outstanding_by_project
from ..services.project_reports import (
    certificates_of,
    claimable_reports,
    manager_refusal,
    period_start,
    previous_values,
    project_indicators,
    project_report_create,
    project_report_refusal,
    project_report_save,
    project_report_submit,
    report_money,
)
from ..services.project_reports import clarification_answer as answer_service
from ..version_reporting import newer_version
from .common import add_service_error


def _project_or_404(request, pk: int):
    return get_object_or_404(applications_for(request.user).select_related("call", "programme"), pk=pk)


def _report_or_404(request, project, report_pk: int):
    reports = project_reports_for(request.user).filter(project=project).select_related("project__call")
    return get_object_or_404(reports, pk=report_pk)


def _periods(project) -> list[tuple[int, str]]:
    taken = set(project.project_reports.values_list("period", flat=True))
    return [
        (n, _("Period %(n)d (from %(start)s)") % {"n": n, "start": period_start(project, n).isoformat()})
        for n in project_periods(project)
        if n not in taken and period_start(project, n) is not None
    ]


@login_required
def project_report_list(request, pk: int):
    """The project's reports; the managers start the report of a period that has started (POST)."""
    project = _project_or_404(request, pk)
    refusal = manager_refusal(request.user, project)
    form = ProjectReportNewForm(request.POST if request.method == "POST" else None, periods=_periods(project))
    if request.method == "POST":
        require(refusal)
        if form.is_valid():
            try:
                report = project_report_create(project=project, by=request.user, period=form.cleaned_data["period"])
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Project report %(number)d started.") % {"number": report.number})
                return redirect("projects:project_report", pk=project.pk, report_pk=report.pk)
    reports = project_reports_for(request.user).filter(project=project).order_by("number")
    context = {"project": project, "reports": reports, "form": form, "refusal": refusal}
    return render(request, "projects/project_reports/list.html", context, status=400 if form.errors else 200)


def _edit_form(report, data=None) -> ProjectReportForm:
    certificates = list(certificates_of(report))
    choices = [(c.partner_report_id, c.partner_report) for c in certificates]
    choices += [(r.pk, r) for r in claimable_reports(report.project, report.period)]
    values = {v.indicator_id: v for v in report.indicator_values.all()}
    indicators = [
        {**entry, "value": values[pk].cumulative, "comment": values[pk].comment}
        for pk, entry in project_indicators(report.project).items()
        if pk in values
    ]
    initial = {
        "progress_summary": report.progress_summary,
        "highlights": report.highlights,
        "certificates": [c.partner_report_id for c in certificates],
    }
    return ProjectReportForm(data, initial=initial, certificates=choices, indicators=indicators)


def _detail(request, project, report, *, form=None, answer=None, status: int = 200):
    refusal = project_report_refusal(request.user, report)
    certificates = list(certificates_of(report))
    money = report_money(report, certificates=certificates)
    before = previous_values(report)
    targets = project_indicators(project)
    indicator_rows = [
        {"value": v, "target": targets.get(v.indicator_id, {}).get("target"), "before": before.get(v.indicator_id)}
        for v in ReportIndicatorValue.objects.filter(project_report=report).select_related("indicator")
    ]
    partners = {c.partner_report.partner_id: c.partner_report.partner for c in certificates}
    context = {
        "project": project,
        "report": report,
        "certificates": [{"certificate": c, "amount": money.by_report[c.partner_report_id]} for c in certificates],
        "money": money,
        "by_partner": [
            {
                "partner": partners[pk],
                "amount": amount,
                "funds": [(f, a) for (p, f), a in money.by_partner_fund.items() if p == pk],
            }
            for pk, amount in money.by_partner.items()
        ],
        "indicator_rows": indicator_rows,
        "thread": report.clarifications.select_related("author"),
        "refusal": refusal,
        "manager_refusal": manager_refusal(request.user, project),
        "form": form if form is not None else (_edit_form(report) if refusal is None else None),
        "answer_form": answer or ClarificationForm(),
        "newer_version": newer_version(report, timezone.localdate()),
    }
    return render(request, "projects/project_reports/detail.html", context, status=status)


@login_required
def project_report_detail(request, pk: int, report_pk: int):
    """The report; its managers edit it while it is a draft or returned (POST saves)."""
    project = _project_or_404(request, pk)
    report = _report_or_404(request, project, report_pk)
    if request.method != "POST":
        return _detail(request, project, report)
    require(project_report_refusal(request.user, report))
    form = _edit_form(report, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            project_report_save(
                report=report,
                by=request.user,
                progress_summary=data["progress_summary"],
                highlights=data["highlights"],
                partner_report_ids=data["certificates"],
                indicator_values=form.indicator_values(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Project report saved."))
            return redirect("projects:project_report", pk=project.pk, report_pk=report.pk)
    return _detail(request, project, report, form=form, status=400)


@require_POST
@login_required
def project_report_submit_view(request, pk: int, report_pk: int):
    project = _project_or_404(request, pk)
    report = _report_or_404(request, project, report_pk)
    require(manager_refusal(request.user, project))
    try:
        project_report_submit(report=report, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Project report submitted to the joint secretariat."))
    return redirect("projects:project_report", pk=project.pk, report_pk=report.pk)


@require_POST
@login_required
def project_report_answer(request, pk: int, report_pk: int):
    """The lead partner answers the joint secretariat's question in the thread."""
    project = _project_or_404(request, pk)
    report = _report_or_404(request, project, report_pk)
    require(manager_refusal(request.user, project))
    form = ClarificationForm(request.POST)
    if form.is_valid():
        try:
            answer_service(report=report, by=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Answer sent. Submit the report again when it is ready."))
            return redirect("projects:project_report", pk=project.pk, report_pk=report.pk)
    return _detail(request, project, report, answer=form, status=400)


@login_required
def project_payments(request, pk: int):
    """What the partners are paid for the project's claims (read-only)."""
    project = _project_or_404(request, pk)
    payments = (
        payments_for(request.user)
        .filter(claim__project=project)
        .select_related("partner__organisation", "claim__project_report")
        .order_by("claim__project_report__number", "partner__order", "partner_id", "fund")
    )
    totals = outstanding_by_project(payments)
    context = {"project": project, "payments": payments, "totals": totals[0] if totals else None}
    return render(request, "projects/project_reports/payments.html", context)
