"""Versions of a contracted application: capture the live tables as the next version, put them back from one, and
find the version in force (for a date or a reporting period).

The live tables (identification on the project, description, objectives, target groups, partners with their
budget, co-financing and contributions, the work plan and results) are the version in force, or — while a
modification is open — the draft of the next one. A version keeps two things: `answers`, the application as a
reader sees it (projects.answers; the diff compares these), and `rows`, the live rows with their ids (what a
rejected or withdrawn modification restores, so that reports, certificates and payments keep pointing at the same
partners, work packages, activities, deliverables and outputs).
"""

import json
from dataclasses import dataclass
from datetime import date

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F, Model

from partnerships.choices import PartnerRole
from partnerships.models import PartnerBudgetLine, PartnerContribution, PartnerFund, ProjectPartner

from .answers import application_answers
from .models import (
    Activity,
    ApplicationVersion,
    Deliverable,
    Project,
    ProjectDescription,
    ProjectObjective,
    ProjectOutput,
    ProjectResult,
    TargetGroup,
    WorkPackage,
)
from .snapshot import _jsonable

# the identification section lives on the project row itself
IDENTIFICATION = (
    "acronym",
    "title",
    "summary",
    "language",
    "text_translations",
    "specific_objective_id",
    "duration_months",
)
# bookkeeping, not content: optimistic locks and who saved last (a restore leaves them, and bumps the locks)
NOT_CONTENT = frozenset({"id", "version", "changed_by_id", "changed_at", "own_contribution"})
TOP = 32767  # the largest PositiveSmallIntegerField: temporary numbers while rows swap places


@dataclass(frozen=True)
class Table:
    model: type[Model]
    to_project: str  # the lookup from a row to its project
    m2m: tuple[str, ...] = ()
    # rows others point at (reports, payments, progress) keep their ids: updated in place, never re-created
    keep_ids: bool = False
    # a value that frees a row's unique key while rows swap places (keep_ids tables only)
    neutral: tuple[tuple[str, object], ...] = ()


TABLES: tuple[Table, ...] = (
    Table(ProjectDescription, "project", keep_ids=True),
    Table(ProjectObjective, "project"),
    Table(TargetGroup, "project"),
    Table(
        ProjectPartner,
        "project",
        keep_ids=True,
        neutral=(("abbreviation", "~{pk}"), ("role", PartnerRole.PARTNER)),
    ),
    Table(PartnerBudgetLine, "partner__project"),
    Table(PartnerFund, "partner__project"),
    Table(PartnerContribution, "partner__project"),
    Table(WorkPackage, "project", m2m=("partners",), keep_ids=True, neutral=(("number", TOP),)),
    Table(Activity, "work_package__project", m2m=("partners",), keep_ids=True, neutral=(("number", TOP),)),
    Table(Deliverable, "activity__work_package__project", keep_ids=True, neutral=(("number", TOP),)),
    Table(ProjectOutput, "work_package__project", keep_ids=True, neutral=(("number", TOP),)),
    Table(ProjectResult, "project"),
)


def _label(model) -> str:
    return model._meta.label_lower


def _content(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if f.attname not in NOT_CONTENT]


def _json(value):
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def live_rows(project: Project) -> dict:
    """The live tables of the application, row by row with their ids (one query per table and relation)."""
    tables = {}
    for table in TABLES:
        rows = {
            row["id"]: row
            for row in table.model.objects.filter(**{table.to_project: project})
            .order_by("pk")
            .values("id", *_content(table.model))
        }
        for name in table.m2m:
            through = table.model._meta.get_field(name).remote_field.through
            source = f"{table.model._meta.model_name}_id"
            target = f"{table.model._meta.get_field(name).related_model._meta.model_name}_id"
            for row in rows.values():
                row[name] = []
            links = through.objects.filter(**{f"{source}__in": list(rows)}).order_by(source, target)
            for source_id, target_id in links.values_list(source, target):
                rows[source_id][name].append(target_id)
        tables[_label(table.model)] = list(rows.values())
    identification = Project.objects.filter(pk=project.pk).values(*IDENTIFICATION).get()
    return _json({"identification": identification, "tables": tables})


def version_capture(*, project: Project, by, origin: str, in_force_from: date) -> ApplicationVersion:
    """Freeze the live tables as the project's next version. Called inside the transaction of the step that
    brings it into force (contract, approved modification, reallocation), with the project row locked."""
    latest = versions_of(project).reverse().values_list("number", flat=True).first()
    return ApplicationVersion.objects.create(
        project=project,
        number=(latest or 0) + 1,
        origin=origin,
        in_force_from=in_force_from,
        answers=_json(_jsonable(application_answers(project))),
        rows=live_rows(project),
        created_by=by,
    )


@transaction.atomic
def version_restore(*, project: Project, version: ApplicationVersion) -> None:
    """Put the live tables back exactly as the version holds them: rows added since are deleted, rows removed are
    re-created with their ids, changed rows get their values back (their optimistic locks move on, so a form
    opened on the draft cannot overwrite the restored values). The version itself is not touched."""
    Project.objects.filter(pk=project.pk).update(
        **{"text_translations": {}, **version.rows["identification"]},  # a version from before issue 20 had none
        identification_version=F("identification_version") + 1,
    )
    wanted = {label: {row["id"]: row for row in rows} for label, rows in version.rows["tables"].items()}
    for table in reversed(TABLES):  # children first: drop what the draft added
        mine = table.model.objects.filter(**{table.to_project: project})
        mine.exclude(pk__in=list(wanted[_label(table.model)])).delete()
    for table in TABLES:
        _restore_table(table, project, wanted[_label(table.model)])


def _restore_table(table: Table, project: Project, rows: dict[int, dict]) -> None:
    fields = _content(table.model)
    mine = table.model.objects.filter(**{table.to_project: project})
    if not table.keep_ids:  # nothing points at these rows: write them anew
        mine.delete()
        table.model.objects.bulk_create(
            [table.model(id=pk, **{name: row[name] for name in fields}) for pk, row in rows.items()]
        )
        return
    live = {row["id"]: _json(row) for row in mine.values("id", *fields)}
    changed = [pk for pk in rows if pk in live and any(live[pk][name] != rows[pk][name] for name in fields)]
    for index, pk in enumerate(changed):  # free the unique keys of the rows that change places
        neutral = {
            name: value.format(pk=pk) if isinstance(value, str) else value - index for name, value in table.neutral
        }
        if neutral:
            table.model.objects.filter(pk=pk).update(**neutral)
    locked = "version" in {f.attname for f in table.model._meta.concrete_fields}
    for pk, row in rows.items():
        values = {name: row[name] for name in fields}
        if pk not in live:
            table.model.objects.create(id=pk, **values)
        elif pk in changed:
            table.model.objects.filter(pk=pk).update(**values, **({"version": F("version") + 1} if locked else {}))
    for name in table.m2m:
        for pk, row in rows.items():
            getattr(table.model(pk=pk), name).set(row[name])


def versions_of(project: Project):
    return ApplicationVersion.objects.filter(project=project).order_by("number")


def version_in_force(project: Project, *, on: date | None = None) -> ApplicationVersion | None:
    """The version in force on a date (default: now, the latest): the newest one in force from that day or before;
    a date before the first version's gets the first. Before the contract there is none."""
    versions = versions_of(project).reverse()
    if on is not None:
        return versions.filter(in_force_from__lte=on).first() or versions_of(project).first()
    return versions.first()


def version_for_period(project: Project, number: int) -> ApplicationVersion | None:
    """The version a reporting period is measured against: the one in force on the period's last day (a
    modification in force during a period governs its reports)."""
    from .services.contracting import period_dates  # the periods' dates live with the schedule

    period = period_dates(project).get(number)
    return version_in_force(project, on=period.ends if period else None)
