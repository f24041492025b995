"""The work plan: a work package with its activities, their deliverables and its outputs, saved in one transaction
under the work package's version (all or nothing); deleting one renumbers the rest; the results section saved as a
whole under its SectionVersion."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from programmes.choices import IndicatorKind

from ..models import Activity, Deliverable, Project, ProjectOutput, ProjectResult, SectionVersion, WorkPackage
from ..permissions import edit_refusal, require
from ..rules_workplan import allowed_indicator_ids, period_problem, periods_of
from .rows import rows_sync
from .versioning import update_if_current

WORK_PACKAGE_FIELDS = ["title", "objectives", "start_period", "end_period"]
ACTIVITY_FIELDS = ["title", "description", "start_period", "end_period"]
DELIVERABLE_FIELDS = ["title", "description", "period"]
OUTPUT_FIELDS = ["indicator_id", "title", "description", "target_value", "period"]
RESULT_FIELDS = ["indicator_id", "description", "baseline", "target_value", "period"]
RESULTS_SECTION = "results"


def _lock(project: Project, by) -> Project:
    project = Project.objects.select_related("call").select_for_update(of=("self",)).get(pk=project.pk)
    require(edit_refusal(by, project))
    return project


@transaction.atomic
def work_package_save(
    *,
    project: Project,
    work_package: WorkPackage | None,
    by,
    version: int,
    data: dict,
    activities: list[dict],
    outputs: list[dict],
) -> WorkPackage:
    """Create a work package (numbered after the last) or update one if nobody saved it since `version`, with its
    activities (each {"pk", "delete", fields, "partners": [ids], "deliverables": [rows]}) and outputs. Any refusal
    undoes the whole save."""
    project = _lock(project, by)
    _validate(project, data, activities, outputs)
    if work_package is not None and (refusal := _removed_rows_refusal(work_package, activities, outputs)):
        raise ValidationError(refusal)
    values = {field: data[field] for field in WORK_PACKAGE_FIELDS}
    values["responsible_id"] = data["responsible"]
    if work_package is None:
        number = (project.work_packages.aggregate(last=Max("number"))["last"] or 0) + 1
        work_package = WorkPackage.objects.create(project=project, number=number, changed_by=by, **values)
    else:
        update_if_current(
            WorkPackage,
            pk=work_package.pk,
            version_field="version",
            version=version,
            values={**values, "changed_by": by, "changed_at": timezone.now()},
        )
    work_package.partners.set(data.get("partner_ids") or [])
    kept = [row for row in activities if not row.get("delete")]
    saved = rows_sync(
        Activity.objects.filter(work_package=work_package),
        activities,
        ACTIVITY_FIELDS,
        create=lambda number, values: Activity(work_package=work_package, number=number, **values),
    )
    for activity, row in zip(saved, kept, strict=True):
        activity.partners.set(row.get("partners") or [])
        rows_sync(
            Deliverable.objects.filter(activity=activity),
            row.get("deliverables") or [],
            DELIVERABLE_FIELDS,
            create=lambda number, values, activity=activity: Deliverable(activity=activity, number=number, **values),
        )
    rows_sync(
        ProjectOutput.objects.filter(work_package=work_package),
        outputs,
        OUTPUT_FIELDS,
        create=lambda number, values: ProjectOutput(work_package=work_package, number=number, **values),
    )
    Project.objects.filter(pk=project.pk).update(updated_at=timezone.now())
    return work_package


def reported_in(*, work_packages=(), activities=(), deliverables=(), outputs=()) -> bool:
    """Do partner reports refer to any of these rows, or to what deleting them would delete with them (a work
    package's activities, deliverables and outputs; an activity's deliverables)? Deleting them would cascade away
    the reports' progress and outputs (and leave expenditure without its work package)."""
    from ..models import ExpenditureLine, ReportOutput, ReportProgress

    packages, activities = list(work_packages), list(activities)
    progress = (
        Q(work_package__in=packages)
        | Q(activity__in=activities)
        | Q(activity__work_package__in=packages)
        | Q(deliverable__in=list(deliverables))
        | Q(deliverable__activity__in=activities)
        | Q(deliverable__activity__work_package__in=packages)
    )
    return (
        ReportProgress.objects.filter(progress).exists()
        or ReportOutput.objects.filter(Q(output__in=list(outputs)) | Q(output__work_package__in=packages)).exists()
        or (bool(packages) and ExpenditureLine.objects.filter(work_package__in=packages).exists())
    )


def _removed_rows_refusal(work_package: WorkPackage, activities: list[dict], outputs: list[dict]) -> str | None:
    """Why the rows this save would delete may not go: partner reports refer to one of them (issue 19: during a
    modification the work plan changes, its reported history does not). Names the first such row."""
    kept = {r["pk"] for r in activities if r.get("pk") and not r.get("delete")}
    gone_activities = [r["pk"] for r in activities if r.get("delete") and r.get("pk")]
    gone_deliverables = [
        d["pk"]
        for r in activities
        if r.get("pk") in kept
        for d in r.get("deliverables") or []
        if d.get("delete") and d.get("pk")
    ]
    gone_outputs = [r["pk"] for r in outputs if r.get("delete") and r.get("pk")]
    rows = [
        (
            Activity.objects.filter(work_package=work_package, pk__in=gone_activities),
            lambda a: {"activities": [a.pk]},
            _("Activity %(n)s “%(title)s”"),
        ),
        (
            Deliverable.objects.filter(activity__work_package=work_package, pk__in=gone_deliverables),
            lambda d: {"deliverables": [d.pk]},
            _("Deliverable %(n)s “%(title)s”"),
        ),
        (
            ProjectOutput.objects.filter(work_package=work_package, pk__in=gone_outputs),
            lambda o: {"outputs": [o.pk]},
            _("Output %(n)s “%(title)s”"),
        ),
    ]
    for queryset, refs, label in rows:
        for row in queryset.order_by("number"):  # none removed: no query (an empty `pk__in`)
            if reported_in(**refs(row)):
                name = label % {"n": row.number, "title": row.title}
                return _(
                    "%(row)s is referred to by partner reports: deleting it would delete that history. Keep it "
                    "(change its periods or description instead)."
                ) % {"row": name}
    return None


def _validate(project: Project, data: dict, activities: list[dict], outputs: list[dict]) -> None:
    """What the forms check, checked again where it is written: a save never stores what the checklist refuses."""
    last = len(periods_of(project))
    partner_ids = set(project.partners.values_list("pk", flat=True))
    if problem := period_problem(data["start_period"], data["end_period"], last=last):
        raise ValidationError({problem[0]: problem[1]})
    if data.get("responsible") not in partner_ids or not set(data.get("partner_ids") or []) <= partner_ids:
        raise ValidationError({"responsible": _("Choose partners of this project.")})
    within = (data["start_period"], data["end_period"])
    for row in activities:
        if row.get("delete"):
            continue
        if problem := period_problem(row["start_period"], row["end_period"], last=last, within=within):
            raise ValidationError(
                _("Activity “%(title)s”: %(problem)s") % {"title": row["title"], "problem": problem[1]}
            )
        if not set(row.get("partners") or []) <= partner_ids:
            raise ValidationError(_("Choose partners of this project."))
        for deliverable in row.get("deliverables") or []:
            if not deliverable.get("delete") and not 1 <= deliverable["period"] <= last:
                raise ValidationError(_("A deliverable's period must be within the project's duration."))
    allowed = allowed_indicator_ids(project, IndicatorKind.OUTPUT)
    for row in outputs:
        if not row.get("delete") and row["indicator_id"] not in allowed:
            raise ValidationError(_("Choose an output indicator of the project's specific objective."))


@transaction.atomic
def work_package_delete(*, work_package: WorkPackage, by) -> None:
    """Delete a work package with its activities, deliverables and outputs; the later ones move up a number."""
    project = _lock(work_package.project, by)
    number = WorkPackage.objects.filter(pk=work_package.pk, project=project).values_list("number", flat=True).first()
    if number is None:
        return  # deleted meanwhile: the second click is a no-op
    if reported_in(work_packages=[work_package.pk]):
        raise ValidationError(
            _(
                "Work package %(n)d is referred to by partner reports (progress, outputs or expenditure): deleting it "
                "would delete that history. Change it instead (its periods, title or activities)."
            )
            % {"n": number}
        )
    WorkPackage.objects.filter(pk=work_package.pk).delete()
    later = WorkPackage.objects.filter(project=project, number__gt=number)
    offset = 1000 + number
    later.update(number=F("number") + offset)  # out of the way first: numbers are unique per project
    WorkPackage.objects.filter(project=project, number__gt=offset).update(number=F("number") - offset - 1)
    Project.objects.filter(pk=project.pk).update(updated_at=timezone.now())


def results_version(project: Project) -> SectionVersion | None:
    return SectionVersion.objects.filter(project=project, section=RESULTS_SECTION).first()


@transaction.atomic
def results_save(*, project: Project, by, version: int, rows: list[dict]) -> int:
    """Save the results section if nobody saved it since `version`; returns the new version."""
    project = _lock(project, by)
    lock, _created = SectionVersion.objects.get_or_create(project=project, section=RESULTS_SECTION)
    new_version = update_if_current(
        SectionVersion, pk=lock.pk, version_field="version", version=version, values={"changed_by": by}
    )
    last = len(periods_of(project))
    allowed = allowed_indicator_ids(project, IndicatorKind.RESULT)
    for row in rows:
        if row.get("delete"):
            continue
        if row["indicator_id"] not in allowed:
            raise ValidationError(_("Choose a result indicator of the project's specific objective."))
        if not 1 <= row["period"] <= last:
            raise ValidationError(_("A result's period must be within the project's duration."))
    rows_sync(
        ProjectResult.objects.filter(project=project),
        rows,
        RESULT_FIELDS,
        create=lambda number, values: ProjectResult(project=project, number=number, **values),
    )
    Project.objects.filter(pk=project.pk).update(updated_at=timezone.now())
    return new_version
