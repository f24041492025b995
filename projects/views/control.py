"""First-level control, the controller's side: "My control work" (the partner reports assigned to them) and the
control page of one report with its POSTed steps. Anyone who is not a controller of the report gets a 404; the
certificate is downloaded by everyone who may see the report (projects.reporting_access.partner_reports_for)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from interact_portal.core.uploads import attachment
from partnerships.budget import CostOptions
from programmes.choices import CostCategory

from ..forms_control import ChecklistForm, LineDecisionForm, ReopenForm, SendBackForm, WorkspaceFilter
from ..models import LineControl, PartnerReport
from ..reporting_access import controlled_partners_filter, controlling_anything, partner_reports_for
from ..reporting_money import control_by_category, line_sums, report_amounts
from ..reporting_workflow import PartnerReportStatus
from ..services import control as service
from .common import add_service_error, perform

PAGE_SIZE = 50  # reports in the workspace, lines on the control page (keyset pages)


def controlled_reports(user):
    """The partner reports the user controls (submitted and later: partner_reports_for keeps drafts out)."""
    return partner_reports_for(user).filter(controlled_partners_filter(user, "partner__"))


def _after(request, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


@login_required
def workspace(request):
    """The reports assigned to me, newest first, filtered by status."""
    reports = controlled_reports(request.user)
    form = WorkspaceFilter(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    counts = dict(reports.order_by().values_list("status").annotate(n=Count("pk")))
    if not counts and not controlling_anything(request.user):
        raise Http404
    page = reports.filter(status=status) if status else reports
    if (after := _after(request, "after")) is not None:
        page = page.filter(pk__lt=after)
    rows = list(page.select_related("partner__organisation", "project", "controller").order_by("-pk")[: PAGE_SIZE + 1])
    context = {
        "form": form,
        "reports": rows[:PAGE_SIZE],
        "next_after": rows[PAGE_SIZE - 1].pk if len(rows) > PAGE_SIZE else None,
        "status": status,
        "counts": [(s, counts.get(s.value, 0)) for s in PartnerReportStatus if s != PartnerReportStatus.DRAFT],
    }
    return render(request, "projects/control/workspace.html", context)


def _report_or_404(request, report_pk: int) -> PartnerReport:
    queryset = controlled_reports(request.user).select_related(
        "partner__organisation",
        "project__programme",
        "project__call",
        "controller",
        "finalised_by",
        "confirmed_by",
    )
    return get_object_or_404(queryset, pk=report_pk)


def _amount_rows(report, sums) -> tuple[list[dict], object]:
    options = CostOptions.of(report.project.call)
    amounts = report_amounts(sums, options)
    control = control_by_category(sums)
    typed = set(options.typed)
    rows = [
        {
            "label": CostCategory(category).label if category in CostCategory.values else category,
            "typed": category in typed,
            "declared": amounts.declared.get(category),
            "deducted": control.get(category, {}).get("deducted") if category in typed else None,
            "parked": control.get(category, {}).get("parked") if category in typed else None,
            "certified": amounts.certified.get(category),
        }
        for category in amounts.categories
    ]
    return rows, amounts


def _page(request, report, *, line_form=None, line_pk=None, checklist_form=None, reopen_form=None, back_form=None):
    sums = line_sums([report.pk])[report.pk]
    rows, amounts = _amount_rows(report, sums)
    after = _after(request, "after")
    lines_qs = report.lines.order_by("number")
    if after is not None:
        lines_qs = lines_qs.filter(number__gt=after)
    lines = list(lines_qs[: PAGE_SIZE + 1])
    in_control = report.status == PartnerReportStatus.IN_CONTROL
    awaiting = report.status == PartnerReportStatus.AWAITING_CONFIRMATION
    context = {
        "report": report,
        "amount_rows": rows,
        "amounts": amounts,
        "lines": lines[:PAGE_SIZE],
        "next_after": lines[PAGE_SIZE - 1].number if len(lines) > PAGE_SIZE else None,
        "first_page": after is None,
        "line_form": line_form,
        "line_pk": line_pk,
        "decisions": LineControl.choices,
        "error_types": LineDecisionForm.base_fields["error_type"].choices,
        "checklist_form": checklist_form or ChecklistForm(report=report),
        "reopen_form": reopen_form or ReopenForm(),
        "back_form": back_form or SendBackForm(),
        "in_control": in_control,
        "awaiting": awaiting,
        "problems": service.finalise_problems(report) if in_control else [],
        "four_eyes": bool(report.project.call and report.project.call.control_four_eyes),
        "confirm_refusal": service.confirm_refusal(request.user, report) if awaiting else None,
        "may_reopen": report.status in (PartnerReportStatus.SUBMITTED, PartnerReportStatus.IN_CONTROL),
    }
    bound = any(form is not None and form.errors for form in (line_form, checklist_form, reopen_form, back_form))
    return render(request, "projects/control/report.html", context, status=400 if bound else 200)


@login_required
def report_page(request, report_pk: int):
    return _page(request, _report_or_404(request, report_pk))


def _back(report):
    return redirect("control:report", report_pk=report.pk)


@require_POST
@login_required
def start(request, report_pk: int):
    report = _report_or_404(request, report_pk)
    done = _("You took the report into control.")
    perform(request, lambda: service.control_start(report=report, by=request.user), done)
    return _back(report)


@require_POST
@login_required
def line_decision(request, report_pk: int, line_pk: int):
    report = _report_or_404(request, report_pk)
    line = get_object_or_404(report.lines.all(), pk=line_pk)
    form = LineDecisionForm(request.POST, auto_id=f"%s-{line.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            service.line_decide(
                line=line,
                by=request.user,
                decision=data["decision"],
                deducted=data["deducted"],
                error_type=data["error_type"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Line %(n)s: %(decision)s.")
                % {
                    "n": line.number,
                    "decision": LineControl(data["decision"]).label,
                },
            )
            return _back(report)
    return _page(request, report, line_form=form, line_pk=line.pk)


@require_POST
@login_required
def certify_remaining(request, report_pk: int):
    report = _report_or_404(request, report_pk)
    perform(
        request,
        lambda: service.lines_certify_remaining(report=report, by=request.user),
        _("Every remaining line is certified."),
    )
    return _back(report)


@require_POST
@login_required
def checklist(request, report_pk: int):
    report = _report_or_404(request, report_pk)
    form = ChecklistForm(request.POST, report=report)
    if form.is_valid():
        try:
            service.control_checklist_save(
                report=report,
                by=request.user,
                answers=form.answers(),
                findings=form.cleaned_data["findings"],
                conclusion=form.cleaned_data["conclusion"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Checklist, findings and conclusion saved."))
            return _back(report)
    return _page(request, report, checklist_form=form)


@require_POST
@login_required
def finalise(request, report_pk: int):
    report = _report_or_404(request, report_pk)
    four_eyes = bool(report.project.call and report.project.call.control_four_eyes)
    done = _("Control finalised: a second controller confirms it.") if four_eyes else _("The report is certified.")
    perform(request, lambda: service.control_finalise(report=report, by=request.user), done)
    return _back(report)


@require_POST
@login_required
def confirm(request, report_pk: int):
    report = _report_or_404(request, report_pk)
    perform(request, lambda: service.control_confirm(report=report, by=request.user), _("The report is certified."))
    return _back(report)


@require_POST
@login_required
def send_back(request, report_pk: int):
    report = _report_or_404(request, report_pk)
    form = SendBackForm(request.POST)
    if form.is_valid():
        try:
            service.control_send_back(report=report, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The control went back to the first controller."))
            return _back(report)
    return _page(request, report, back_form=form)


@require_POST
@login_required
def reopen(request, report_pk: int):
    report = _report_or_404(request, report_pk)
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            service.control_reopen(
                report=report, by=request.user, scope=form.cleaned_data["scope"], reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The report was given back to the partner."))
            return redirect("control:workspace")
    return _page(request, report, reopen_form=form)


@login_required
def certificate(request, report_pk: int):
    """The control certificate, for everyone who may see the report."""
    report = get_object_or_404(partner_reports_for(request.user).select_related("partner"), pk=report_pk)
    if not report.certificate:
        raise Http404
    return attachment(report.certificate, f"control-certificate-{report.partner.abbreviation}-{report.number}.pdf")
