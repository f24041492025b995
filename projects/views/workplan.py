"""The work plan (work packages with their activities, deliverables and outputs) and the results section."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programmes.choices import IndicatorKind

from ..forms_workplan import ResultFormSet, ResultsVersionForm, WorkPackagePage, WorkplanChoices
from ..models import ProjectOutput, WorkPackage
from ..permissions import edit_refusal, require
from ..rules_workplan import periods_of
from ..services.versioning import StaleVersion
from ..services.workplan import results_save, results_version, work_package_delete, work_package_save
from .common import add_service_error, application_or_404, perform, section_save, workspace_context


@login_required
def workplan(request, pk: int):
    project = application_or_404(request, pk)
    work_packages = (
        project.work_packages.select_related("responsible__organisation")
        .prefetch_related("partners")
        .annotate(activity_count=Count("activities", distinct=True), output_count=Count("outputs", distinct=True))
    )
    context = {
        **workspace_context(request, project, "workplan"),
        "work_packages": work_packages,
        "periods": periods_of(project),
    }
    return render(request, "projects/workplan.html", context)


def _work_package_page(request, project, work_package):
    """Show, or save as a whole, a work package with its activities, deliverables and outputs."""
    data = request.POST if request.method == "POST" else None
    page = WorkPackagePage(project, work_package, data)
    conflict = None
    if request.method == "POST":
        require(edit_refusal(request.user, project))
        if page.is_valid():
            created = []

            def save(version, data):
                created.append(
                    work_package_save(
                        project=project,
                        work_package=work_package if work_package.pk else None,
                        by=request.user,
                        version=version,
                        data=data,
                        activities=page.activity_rows(),
                        outputs=page.output_rows(),
                    )
                )

            try:
                page.form, conflict, saved = section_save(request, page.form, save)
            except ValidationError as error:
                add_service_error(page.form, error)
                saved = False
            if saved:
                messages.success(request, _("Work package %(n)d saved.") % {"n": created[0].number})
                return redirect("projects:work_package", pk=project.pk, wp_pk=created[0].pk)
    context = {
        **workspace_context(request, project, "workplan"),
        "page": page,
        "form": page.form,
        "work_package": work_package,
        "conflict": conflict,
    }
    status = 409 if conflict else 400 if request.method == "POST" and page.has_errors() else 200
    return render(request, "projects/work_package.html", context, status=status)


@login_required
def work_package_new(request, pk: int):
    project = application_or_404(request, pk)
    return _work_package_page(request, project, WorkPackage(project=project))


@login_required
def work_package_detail(request, pk: int, wp_pk: int):
    project = application_or_404(request, pk)
    work_package = get_object_or_404(WorkPackage.objects.select_related("changed_by"), project=project, pk=wp_pk)
    work_package.project = project
    return _work_package_page(request, project, work_package)


@require_POST
@login_required
def work_package_remove(request, pk: int, wp_pk: int):
    project = application_or_404(request, pk)
    work_package = get_object_or_404(WorkPackage, project=project, pk=wp_pk)
    require(edit_refusal(request.user, project))
    done = _("Work package %(n)d was deleted; the later ones were renumbered.") % {"n": work_package.number}
    perform(request, lambda: work_package_delete(work_package=work_package, by=request.user), done)
    return redirect("projects:workplan", pk=project.pk)


@login_required
def results(request, pk: int):
    project = application_or_404(request, pk)
    lock = results_version(project)
    data = request.POST if request.method == "POST" else None
    version_form = ResultsVersionForm(data, initial={"version": lock.version if lock else 1})
    choices = WorkplanChoices.of(project, IndicatorKind.RESULT)
    formset = ResultFormSet(data, prefix="results", queryset=project.results.all(), project=project, choices=choices)
    conflict = None
    if request.method == "POST":
        require(edit_refusal(request.user, project))
        if version_form.is_valid() & formset.is_valid():
            rows = formset.rows()
            for row in rows:
                row["indicator_id"] = row.pop("indicator", None)
            try:
                results_save(project=project, by=request.user, version=version_form.cleaned_data["version"], rows=rows)
            except StaleVersion:
                # nothing saved: the user's rows stay in the form, on top of the version now saved
                conflict = _results_conflict(project, formset, choices)
                version_form = ResultsVersionForm(initial={"version": results_version(project).version})
            except ValidationError as error:
                formset._non_form_errors = formset.error_class(error.messages)
            else:
                messages.success(request, _("Results saved."))
                return redirect("projects:results", pk=project.pk)
    context = {
        **workspace_context(request, project, "results"),
        "formset": formset,
        "outputs": ProjectOutput.objects.filter(work_package__project=project)
        .select_related("indicator", "work_package")
        .order_by("work_package__number", "number"),
        "version_form": version_form,
        "conflict": conflict,
        "has_indicators": bool(choices.indicators),
        "has_periods": bool(choices.periods),
    }
    invalid = request.method == "POST" and (version_form.errors or formset.total_error_count())
    status = 409 if conflict else 400 if invalid else 200
    return render(request, "projects/results.html", context, status=status)


def _results_conflict(project, formset, choices) -> dict:
    """Both versions of the results section, as text: what someone else saved, and what this user sent."""
    labels = dict(choices.indicators)
    theirs = "\n".join(
        f"{result.number}. {labels.get(result.indicator_id, result.indicator_id)}: {result.target_value}"
        for result in project.results.all()
    )
    yours = "\n".join(
        f"{n}. {labels.get(row.get('indicator_id') or row.get('indicator'), '—')}: {row.get('target_value')}"
        for n, row in enumerate((row for row in formset.rows() if not row["delete"]), start=1)
    )
    lock = results_version(project)
    return {"rows": [{"label": _("Results"), "theirs": theirs or "—", "yours": yours}], "by": lock.changed_by}
