"""Partner reports, applicant side: the project's "Reports" area, and each report's text, work plan progress,
outputs, expenditure (keyset-paginated), import, financial overview and submission.

Who: the partner's contact person and the project's managers (reporting_access.reporting_partners_for); anyone else
gets a 404 as if the report did not exist; a visible report one may not change (submitted, locked lines) is a 403
with the reason. Changes only on POST."""

from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from interact_portal.core.uploads import attachment
from partnerships.budget import CostOptions
from programmes.choices import CostCategory

from ..expenditure_import import ImportRefused, import_lines, template_csv, template_xlsx
from ..forms_reports import ImportForm, LineForm, NewReportForm, ReportTextForm
from ..models import Achievement, ExpenditureLine, PartnerReport, Project, WorkPackage
from ..reporting_access import REPORTING_STATUSES, report_writer_refusal, reporting_partners_for
from ..services import partner_reports as service
from ..services.versioning import StaleVersion
from ..version_reporting import newer_version

PAGE = 50
TABS = [
    ("text", gettext_lazy("Report"), "projects:partner_report"),
    ("progress", gettext_lazy("Work plan progress"), "projects:partner_report_progress"),
    ("outputs", gettext_lazy("Outputs"), "projects:partner_report_outputs"),
    ("lines", gettext_lazy("Expenditure"), "projects:partner_report_lines"),
    ("overview", gettext_lazy("Financial overview"), "projects:partner_report_overview"),
    ("submit", gettext_lazy("Submit"), "projects:partner_report_submit"),
]


def _project_or_404(request, pk: int):
    """The contracted project and the partners the user reports for; nobody else sees the area."""
    project = get_object_or_404(
        Project.objects.select_related("call", "programme"), pk=pk, status__in=REPORTING_STATUSES
    )
    partners = list(reporting_partners_for(request.user, project).select_related("organisation").order_by("pk"))
    if not partners:
        raise Http404
    return project, partners


def report_or_404(request, pk: int, report_pk: int) -> PartnerReport:
    report = get_object_or_404(
        PartnerReport.objects.select_related("project__call", "project__programme", "partner__organisation"),
        pk=report_pk,
        project_id=pk,
        project__status__in=REPORTING_STATUSES,
    )
    if not reporting_partners_for(request.user, report.project).filter(pk=report.partner_id).exists():
        raise Http404
    return report


def _context(request, report, current: str, **more) -> dict:
    refusal = report_writer_refusal(request.user, report)
    return {
        "report": report,
        "project": report.project,
        "partner": report.partner,
        "tabs": [
            {"key": key, "label": label, "url": reverse(name, args=[report.project_id, report.pk])}
            for key, label, name in TABS
        ],
        "current": current,
        "refusal": refusal,
        "lines_refusal": refusal or service.content_only_refusal(report),
        "newer_version": newer_version(report, timezone.localdate()),
        **more,
    }


def _labels() -> dict:
    return dict(CostCategory.choices)


# ---------------------------------------------------------------- the project's reports


def _index(request, project, partners, form, status=200):
    reports = PartnerReport.objects.filter(partner__in=partners).order_by("partner_id", "number")
    by_partner = {p.pk: [] for p in partners}
    for report in reports:
        by_partner[report.partner_id].append(report)
    periods = service.project_reporting_periods(project)
    today = timezone.localdate()
    started = [p for p in periods if (service.period_start(project, p.number) or today) <= today]
    if form is None:
        form = NewReportForm(partners=partners, periods=started)
    context = {
        "project": project,
        "rows": [(p, by_partner[p.pk]) for p in partners],
        "periods": [(p, service.period_start(project, p.number)) for p in periods],
        "form": form if started else None,
    }
    return render(request, "projects/partner_reports/index.html", context, status=status)


@login_required
def partner_reports(request, pk: int):
    project, partners = _project_or_404(request, pk)
    return _index(request, project, partners, None)


@login_required
@require_POST
def partner_report_new(request, pk: int):
    project, partners = _project_or_404(request, pk)
    periods = service.project_reporting_periods(project)
    form = NewReportForm(request.POST, partners=partners, periods=periods)
    if form.is_valid():
        partner = next(p for p in partners if p.pk == form.cleaned_data["partner"])
        try:
            report = service.partner_report_create(partner=partner, period=form.cleaned_data["period"], by=request.user)
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(name if name in form.fields else None, message)
        else:
            messages.success(request, _("Report %(n)d opened.") % {"n": report.number})
            return redirect("projects:partner_report", pk=project.pk, report_pk=report.pk)
    return _index(request, project, partners, form, status=400)


# ---------------------------------------------------------------- text


@login_required
def partner_report(request, pk: int, report_pk: int):
    report = report_or_404(request, pk, report_pk)
    form = ReportTextForm(request.POST or None, instance=report)
    status = 200
    if request.method == "POST":
        service.require(report_writer_refusal(request.user, report))
        if form.is_valid():
            try:
                service.report_text_update(
                    report=report, by=request.user, version=form.cleaned_data["version"], data=form.cleaned_data
                )
            except StaleVersion as error:
                form.add_error(None, error)
                status = 409
            else:
                messages.success(request, _("Report text saved."))
                return redirect("projects:partner_report", pk=pk, report_pk=report.pk)
        else:
            status = 400
    return render(
        request, "projects/partner_reports/text.html", _context(request, report, "text", form=form), status=status
    )


# ---------------------------------------------------------------- progress and outputs


@login_required
def partner_report_progress(request, pk: int, report_pk: int):
    report = report_or_404(request, pk, report_pk)
    packages, activities, deliverables = service.progress_items(report)
    saved = {}
    for progress in report.progress.all():
        for kind in service.KINDS:
            if getattr(progress, f"{kind}_id"):
                saved[(kind, getattr(progress, f"{kind}_id"))] = progress
    items = [("work_package", p) for p in packages]
    items += [("activity", a) for a in activities] + [("deliverable", d) for d in deliverables]
    errors, status = {}, 200
    if request.method == "POST":
        service.require(report_writer_refusal(request.user, report))
        rows = [
            {
                "kind": kind,
                "item": item.pk,
                "achievement": request.POST.get(f"{kind}-{item.pk}-achievement", ""),
                "text": request.POST.get(f"{kind}-{item.pk}-text", ""),
            }
            for kind, item in items
        ]
        try:
            service.report_progress_save(report=report, by=request.user, rows=rows)
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            status = 400
        else:
            messages.success(request, _("Progress saved."))
            return redirect("projects:partner_report_progress", pk=pk, report_pk=report.pk)
    rows = []
    for kind, item in items:
        progress = saved.get((kind, item.pk))
        rows.append(
            {
                "kind": kind,
                "item": item,
                "prefix": f"{kind}-{item.pk}",
                "achievement": request.POST.get(f"{kind}-{item.pk}-achievement")
                if errors
                else (progress.achievement if progress else ""),
                "text": request.POST.get(f"{kind}-{item.pk}-text") if errors else (progress.text if progress else ""),
                "error": errors.get(f"{kind}-{item.pk}-achievement"),
            }
        )
    context = _context(request, report, "progress", rows=rows, achievements=Achievement.choices, errors=errors)
    return render(request, "projects/partner_reports/progress.html", context, status=status)


@login_required
def partner_report_outputs(request, pk: int, report_pk: int):
    report = report_or_404(request, pk, report_pk)
    outputs = service.report_outputs(report)
    saved = {o.output_id: o for o in report.outputs.all()}
    errors, status = {}, 200
    if request.method == "POST":
        service.require(report_writer_refusal(request.user, report))
        rows = []
        for output in outputs:
            raw = request.POST.get(f"output-{output.pk}-value", "").strip() or "0"
            try:
                value = Decimal(raw)
                if not value.is_finite() or value != value.quantize(Decimal("0.01")) or value > Decimal("1e10"):
                    raise InvalidOperation
            except InvalidOperation:
                errors[f"output-{output.pk}-value"] = [_("Enter a number with at most two decimals.")]
                continue
            rows.append({"output": output.pk, "value": value, "text": request.POST.get(f"output-{output.pk}-text", "")})
        if not errors:
            try:
                service.report_outputs_save(report=report, by=request.user, rows=rows)
            except ValidationError as error:
                errors = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            else:
                messages.success(request, _("Contributions to outputs saved."))
                return redirect("projects:partner_report_outputs", pk=pk, report_pk=report.pk)
        status = 400
    rows = []
    for output in outputs:
        current = saved.get(output.pk)
        key = f"output-{output.pk}"
        rows.append(
            {
                "output": output,
                "prefix": key,
                "value": request.POST.get(f"{key}-value") if errors else (current.value if current else ""),
                "text": request.POST.get(f"{key}-text") if errors else (current.text if current else ""),
                "error": (errors.get(f"{key}-value") or [None])[0],
            }
        )
    return render(
        request,
        "projects/partner_reports/outputs.html",
        _context(request, report, "outputs", rows=rows, errors=errors),
        status=status,
    )


# ---------------------------------------------------------------- expenditure


@login_required
def partner_report_lines(request, pk: int, report_pk: int):
    """The lines, PAGE at a time by keyset on their number (?after=n): the same queries whatever the size."""
    report = report_or_404(request, pk, report_pk)
    try:
        after = max(int(request.GET.get("after", 0)), 0)
    except ValueError:
        after = 0
    page = list(
        ExpenditureLine.objects.filter(report=report, number__gt=after)
        .select_related("work_package")
        .order_by("number")[: PAGE + 1]
    )
    more = len(page) > PAGE
    page = page[:PAGE]
    totals = ExpenditureLine.objects.filter(report=report).aggregate(total=Sum("amount_eur"))
    labels = _labels()
    for line in page:
        line.category_label = labels.get(line.category, line.category)
    context = _context(
        request,
        report,
        "lines",
        lines=page,
        after=after,
        next_after=page[-1].number if more else None,
        total=totals["total"] or Decimal(0),
    )
    return render(request, "projects/partner_reports/lines.html", context)


def _line_form(report, data=None, files=None, initial=None):
    options = CostOptions.of(report.project.call)
    labels = _labels()
    packages = WorkPackage.objects.filter(project_id=report.project_id).order_by("number")
    return LineForm(
        data,
        files,
        initial=initial,
        categories={c: labels.get(c, c) for c in options.typed},
        packages=packages,
    )


@login_required
def partner_report_line_add(request, pk: int, report_pk: int):
    report = report_or_404(request, pk, report_pk)
    form = _line_form(report, request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        service.require(service.lines_refusal(request.user, report))
        if form.is_valid():
            try:
                line = service.expenditure_line_add(
                    report=report, by=request.user, data=form.cleaned_data, attachment=form.cleaned_data["attachment"]
                )
            except ValidationError as error:
                form.add_errors(error)
            else:
                messages.success(request, _("Line %(n)d added.") % {"n": line.number})
                if "another" in request.POST:
                    return redirect("projects:partner_report_line_add", pk=pk, report_pk=report.pk)
                return redirect("projects:partner_report_lines", pk=pk, report_pk=report.pk)
        status = 400
    context = _context(request, report, "lines", form=form, line=None)
    return render(request, "projects/partner_reports/line_form.html", context, status=status)


def _line_or_404(report, line_pk: int) -> ExpenditureLine:
    return get_object_or_404(ExpenditureLine.objects.select_related("work_package"), pk=line_pk, report=report)


@login_required
def partner_report_line(request, pk: int, report_pk: int, line_pk: int):
    report = report_or_404(request, pk, report_pk)
    line = _line_or_404(report, line_pk)
    initial = LineForm.initial_of(line)
    form = _line_form(report, request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST":
        service.require(service.lines_refusal(request.user, report))
        if form.is_valid():
            try:
                service.expenditure_line_update(
                    line=line, by=request.user, data=form.cleaned_data, attachment=form.cleaned_data["attachment"]
                )
            except ValidationError as error:
                form.add_errors(error)
            else:
                messages.success(request, _("Line %(n)d saved.") % {"n": line.number})
                return redirect("projects:partner_report_lines", pk=pk, report_pk=report.pk)
        status = 400
    context = _context(request, report, "lines", form=form, line=line)
    return render(request, "projects/partner_reports/line_form.html", context, status=status)


@login_required
def partner_report_line_attachment(request, pk: int, report_pk: int, line_pk: int):
    report = report_or_404(request, pk, report_pk)
    line = _line_or_404(report, line_pk)
    if not line.attachment:
        raise Http404
    return attachment(line.attachment, line.attachment_name or f"line-{line.number}{Path(line.attachment.name).suffix}")


@login_required
@require_POST
def partner_report_line_delete(request, pk: int, report_pk: int, line_pk: int):
    report = report_or_404(request, pk, report_pk)
    line = _line_or_404(report, line_pk)
    service.expenditure_line_delete(line=line, by=request.user)
    messages.success(request, _("Line %(n)d deleted.") % {"n": line.number})
    return redirect("projects:partner_report_lines", pk=pk, report_pk=report.pk)


@login_required
def partner_report_import(request, pk: int, report_pk: int):
    report = report_or_404(request, pk, report_pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors, status = [], 200
    if request.method == "POST":
        service.require(service.lines_refusal(request.user, report))
        if form.is_valid():
            try:
                count = import_lines(report=report, by=request.user, upload=form.cleaned_data["file"])
            except ImportRefused as error:
                row_errors = error.row_errors
                form.add_error(
                    "file",
                    _("Nothing was imported: %(n)d problem(s) in the file, listed below.") % {"n": len(row_errors)},
                )
            else:
                messages.success(request, _("%(n)d lines imported.") % {"n": count})
                return redirect("projects:partner_report_lines", pk=pk, report_pk=report.pk)
        status = 400
    context = _context(
        request,
        report,
        "lines",
        form=form,
        row_errors=row_errors[:500],
        more_errors=max(len(row_errors) - 500, 0),
        columns=_import_columns(),
    )
    return render(request, "projects/partner_reports/import.html", context, status=status)


def _import_columns():
    return [
        ("category", _("a cost category of the call (its key, e.g. staff, or its name)"), True),
        ("work_package", _("the work package's number, e.g. 1 or WP1"), False),
        ("description", _("what the cost is, up to 500 characters"), True),
        ("supplier", _("up to 200 characters"), False),
        ("invoice_number", _("up to 60 characters"), False),
        ("invoice_date", _("YYYY-MM-DD, within the project"), False),
        ("payment_date", _("YYYY-MM-DD, within the project, not before the invoice"), False),
        ("amount", _("above zero, a point before at most two decimals"), True),
        ("currency", _("ISO 4217 code; EUR when empty"), False),
        ("rate", _("units of the currency per euro; required unless EUR"), False),
    ]


@login_required
@require_safe
def partner_report_template(request, pk: int, fmt: str):
    _project_or_404(request, pk)
    if fmt == "csv":
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            template_xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="expenditure-template.{fmt}"'
    return response


# ---------------------------------------------------------------- overview and submission


@login_required
def partner_report_overview(request, pk: int, report_pk: int):
    report = report_or_404(request, pk, report_pk)
    labels = {**_labels(), "total": _("Total")}
    rows = service.report_overview(report)
    for row in rows:
        row.label = labels.get(row.category, row.category)
    flat = CostOptions.of(report.project.call).flat
    return render(
        request,
        "projects/partner_reports/overview.html",
        _context(request, report, "overview", rows=rows, flat=[labels.get(c, c) for c in flat]),
    )


@login_required
def partner_report_submit(request, pk: int, report_pk: int):
    report = report_or_404(request, pk, report_pk)
    status = 200
    problems = service.submit_problems(report) if report.status == "draft" else []
    if request.method == "POST":
        try:
            report, now = service.partner_report_submit(report=report, by=request.user)
        except ValidationError as error:
            problems = error.messages
            status = 400
        except PermissionDenied:
            raise
        else:
            if now:
                messages.success(request, _("Report submitted to the controller."))
            else:
                messages.info(request, _("This report had already been submitted."))
            return redirect("projects:partner_report_submit", pk=pk, report_pk=report.pk)
    context = _context(request, report, "submit", problems=problems)
    return render(request, "projects/partner_reports/submit.html", context, status=status)
