"""Verification of project reports by the joint secretariat: the list of reports to verify, a report with its
certificates, its lines (a sample may be deducted from), the clarification thread and the steps. Staff who may see
the money see the pages; only managers and officers act (a 403 with the reason for the others)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programmes.staff import StaffAction, staff_refusal

from ...forms_project_reports import CertificateVerifyForm, FinaliseForm, LineVerifyForm, QuestionForm
from ...models import ExpenditureLine, ProjectReportCertificate
from ...permissions import require
from ...reporting_access import project_reports_for
from ...reporting_workflow import ProjectReportStatus
from ...services.project_reports import certificates_of, report_money
from ...services.verification import (
    certificate_verify,
    line_certified,
    line_verify,
    report_return,
    verification_finalise,
    verification_start,
)
from ..common import add_service_error
from .common import programme_or_404, staff_context, staff_only


def _report_or_404(request, programme, pk: int):
    reports = project_reports_for(request.user).filter(project__programme=programme)
    return get_object_or_404(reports.select_related("project__call", "project__programme"), pk=pk)


@staff_only
def verification_list(request, slug: str):
    programme = programme_or_404(request, slug, StaffAction.SEE_MONEY)
    reports = (
        project_reports_for(request.user)
        .filter(project__programme=programme)
        .exclude(status=ProjectReportStatus.DRAFT)
        .select_related("project")
        .order_by("status", "submitted_at", "pk")
    )
    context = {**staff_context(request, programme, "verification"), "reports": reports}
    return render(request, "projects/staff/verification_list.html", context)


def _detail(request, programme, report, *, forms=None, status: int = 200):
    forms = forms or {}
    certificates = list(certificates_of(report))
    money = report_money(report, stage="verified", certificates=certificates)
    lines = ExpenditureLine.objects.filter(report_id__in=[c.partner_report_id for c in certificates]).order_by(
        "report_id", "number"
    )
    by_report: dict[int, list] = {}
    for line in lines:
        key = ("line", line.pk)
        line.certified_amount = line_certified(line)
        line.form = forms.get(key) or LineVerifyForm(
            initial={"deducted": line.verification_deducted, "note": line.verification_note}, prefix=f"line{line.pk}"
        )
        by_report.setdefault(line.report_id, []).append(line)
    rows = []
    for certificate in certificates:
        form = forms.get(("certificate", certificate.pk)) or CertificateVerifyForm(
            initial={"verified": certificate.verified, "note": certificate.note}, prefix=f"cert{certificate.pk}"
        )
        rows.append(
            {
                "certificate": certificate,
                "amount": money.by_report[certificate.partner_report_id],
                "lines": by_report.get(certificate.partner_report_id, []),
                "form": form,
            }
        )
    refusal = staff_refusal(request.user, programme, StaffAction.VERIFY)
    context = {
        **staff_context(request, programme, "verification"),
        "report": report,
        "project": report.project,
        "rows": rows,
        "money": money,
        "thread": report.clarifications.select_related("author"),
        "steps": report.steps.select_related("by"),
        "refusal": refusal,
        "question_form": forms.get("question") or QuestionForm(),
        "finalise_form": forms.get("finalise") or FinaliseForm(),
        "claim": getattr(report, "claim", None) if report.status == ProjectReportStatus.VERIFIED else None,
    }
    return render(request, "projects/staff/verification.html", context, status=status)


@staff_only
def verification_detail(request, slug: str, pk: int):
    programme = programme_or_404(request, slug, StaffAction.SEE_MONEY)
    return _detail(request, programme, _report_or_404(request, programme, pk))


def _act(request, slug: str, pk: int, *, key, form_class, act, done: str, prefix: str = ""):
    """A verification step: staff who may not verify get a 403 with the reason; the service's refusal goes back
    next to its field on the report's page (400)."""
    programme = programme_or_404(request, slug, StaffAction.SEE_MONEY)
    report = _report_or_404(request, programme, pk)
    require(staff_refusal(request.user, programme, StaffAction.VERIFY))
    form = form_class(request.POST, prefix=prefix or None)
    if form.is_valid():
        try:
            act(report, form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, done)
            return redirect("staff:verification", slug=programme.slug, pk=report.pk)
    return _detail(request, programme, report, forms={key: form}, status=400)


@require_POST
@staff_only
def verification_start_view(request, slug: str, pk: int):
    programme = programme_or_404(request, slug, StaffAction.SEE_MONEY)
    report = _report_or_404(request, programme, pk)
    require(staff_refusal(request.user, programme, StaffAction.VERIFY))
    try:
        verification_start(report=report, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The report is in verification."))
    return redirect("staff:verification", slug=programme.slug, pk=report.pk)


@require_POST
@staff_only
def verification_certificate(request, slug: str, pk: int, certificate_pk: int):
    certificate = get_object_or_404(ProjectReportCertificate, pk=certificate_pk, project_report_id=pk)
    return _act(
        request,
        slug,
        pk,
        key=("certificate", certificate.pk),
        form_class=CertificateVerifyForm,
        prefix=f"cert{certificate.pk}",
        act=lambda report, data: certificate_verify(
            certificate=certificate, by=request.user, verified=data["verified"], note=data["note"]
        ),
        done=_("Certificate saved."),
    )


@require_POST
@staff_only
def verification_line(request, slug: str, pk: int, line_pk: int):
    certificate = get_object_or_404(ProjectReportCertificate, project_report_id=pk, partner_report__lines__pk=line_pk)
    line = get_object_or_404(ExpenditureLine, pk=line_pk)
    return _act(
        request,
        slug,
        pk,
        key=("line", line.pk),
        form_class=LineVerifyForm,
        prefix=f"line{line.pk}",
        act=lambda report, data: line_verify(
            certificate=certificate, line=line, by=request.user, deducted=data["deducted"], note=data["note"]
        ),
        done=_("Line verified."),
    )


@require_POST
@staff_only
def verification_return(request, slug: str, pk: int):
    return _act(
        request,
        slug,
        pk,
        key="question",
        form_class=QuestionForm,
        act=lambda report, data: report_return(report=report, by=request.user, question=data["question"]),
        done=_("The report is back with the lead partner with your question."),
    )


@require_POST
@staff_only
def verification_finalise_view(request, slug: str, pk: int):
    return _act(
        request,
        slug,
        pk,
        key="finalise",
        form_class=FinaliseForm,
        act=lambda report, data: verification_finalise(report=report, by=request.user, note=data["note"]),
        done=_("Verification finished: the payment claim and its payments are created."),
    )
