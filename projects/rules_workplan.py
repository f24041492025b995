"""The checklist rules of the project description, the work plan and the outputs and results, each written once.

`description_problems` and `workplan_problems` are called by rules.submission_problems; the forms use the same
helpers (`periods_of`, `period_problem`, `allowed_indicator_ids`, form_rules.limit_problem), so a form refuses what
the checklist would list. Every problem links to the exact field of its page (the ids the forms render)."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from partnerships.choices import PartnerRole
from programmes.application_form import field_rule
from programmes.choices import IndicatorKind
from programmes.periods import reporting_periods

from .form_rules import limit_problem
from .rules import Problem, _url

DEFAULT_PERIOD_MONTHS = 6  # a project without a call (brought in from the programme's records)

DESCRIPTION_TEXTS = [  # (form field, key in application_form.FIELDS)
    ("context", "description.context"),
    ("overall_objective", "description.overall_objective"),
    ("durability", "description.durability"),
    ("transferability", "description.transferability"),
    ("communication", "description.communication"),
]
HORIZONTAL_PRINCIPLES = ["sustainable_development", "equal_opportunities", "gender_equality"]


# --- helpers shared with the forms -----------------------------------------------------------------------------


def periods_of(project) -> list:
    """The project's reporting periods: its duration cut into its call's period length."""
    months = project.call.reporting_period_months if project.call_id and project.call else DEFAULT_PERIOD_MONTHS
    return reporting_periods(project.duration_months, months)


def period_problem(start: int | None, end: int | None, *, last: int, within: tuple[int, int] | None = None):
    """Why a start and end period do not fit: (field, message), or None. `within`: the enclosing work package's."""
    if start is None or end is None:
        return None
    if not last:
        return "start_period", _("Give the project's duration first (identification): periods derive from it.")
    if start < 1 or start > last:
        return "start_period", _("The start period must be within the project's %(n)d periods.") % {"n": last}
    if end < 1 or end > last:
        return "end_period", _("The end period must be within the project's %(n)d periods.") % {"n": last}
    if end < start:
        return "end_period", _("The end period cannot come before the start period.")
    if within is not None and (start < within[0] or end > within[1]):
        return "start_period" if start < within[0] else "end_period", _(
            "An activity must lie within its work package's periods (%(start)d–%(end)d)."
        ) % {"start": within[0], "end": within[1]}
    return None


def allowed_indicator_ids(project, kind: str | None = None) -> set[int]:
    """The programme's indicators (of one kind, or of both) that the project's specific objective may report on."""
    from programmes.models import Indicator

    if not project.specific_objective_id:
        return set()
    indicators = Indicator.objects.filter(programme_id=project.programme_id, objectives=project.specific_objective_id)
    return set((indicators if kind is None else indicators.filter(kind=kind)).values_list("pk", flat=True))


def _allowed_by_kind(project) -> tuple[set[int], set[int]]:
    """The output and the result indicators the project's objective allows, in one query."""
    from programmes.models import Indicator

    if not project.specific_objective_id:
        return set(), set()
    rows = Indicator.objects.filter(
        programme_id=project.programme_id, objectives=project.specific_objective_id
    ).values_list("pk", "kind")
    by_kind = {IndicatorKind.OUTPUT: set(), IndicatorKind.RESULT: set()}
    for pk, kind in rows:
        by_kind[kind].add(pk)
    return by_kind[IndicatorKind.OUTPUT], by_kind[IndicatorKind.RESULT]


def _rule(call, key):
    return field_rule(call, key)


def _text_problems(value, call, key, *, label, at, field) -> list[Problem]:
    rule = _rule(call, key)
    if rule.required and not (value or "").strip():
        return [at(field, _("Fill in “%(label)s”.") % {"label": label})]
    if message := limit_problem(value, rule.limit):
        return [at(field, f"{label}: {message}")]
    return []


# --- the project description ------------------------------------------------------------------------------------


def _identification_limit_problems(project, call) -> list[Problem]:
    """The identification's texts within the call's limits (whether they are filled in is rules.py's to say)."""
    found = []
    for field, key in (("title", "project.title"), ("summary", "project.summary")):
        if message := limit_problem(getattr(project, field), _rule(call, key).limit):
            label = project._meta.get_field(field).verbose_name.capitalize()
            url = _url("projects:identification", project, anchor=f"id_{field}")
            found.append(Problem("identification", f"{label}: {message}", url))
    return found


def description_problems(project, call) -> list[Problem]:
    from .models import ProjectDescription

    def at(field: str, message: str) -> Problem:
        return Problem("description", message, _url("projects:description", project, anchor=field))

    description = ProjectDescription.objects.filter(project=project).first() or ProjectDescription(project=project)
    found = _identification_limit_problems(project, call)
    for field, key in DESCRIPTION_TEXTS:
        label = description._meta.get_field(field).verbose_name.capitalize()
        found += _text_problems(getattr(description, field), call, key, label=label, at=at, field=f"id_{field}")
    justification_rule = _rule(call, "description.horizontal_justification")
    for principle in HORIZONTAL_PRINCIPLES:
        label = description._meta.get_field(principle).verbose_name
        if justification_rule.required and not getattr(description, principle):
            found.append(
                at(f"id_{principle}_0", _("Say the project's effect on %(principle)s.") % {"principle": label})
            )
        justification = getattr(description, f"{principle}_justification")
        if justification_rule.required and not justification.strip():
            found.append(
                at(f"id_{principle}_justification", _("Justify the effect on %(principle)s.") % {"principle": label})
            )
        elif message := limit_problem(justification, justification_rule.limit):
            found.append(at(f"id_{principle}_justification", f"{label}: {message}"))
    objectives = list(project.objectives.all())
    if not objectives:
        found.append(at("objectives", _("Give at least one project specific objective.")))
    limit = _rule(call, "objective.description").limit
    for index, objective in enumerate(objectives):
        if message := limit_problem(objective.description, limit):
            found.append(
                at(
                    f"id_objectives-{index}-description",
                    _("Objective %(n)d: %(message)s") % {"n": objective.number, "message": message},
                )
            )
    groups = list(project.target_groups.all())
    if not groups:
        found.append(at("target-groups", _("Name at least one target group with its target value.")))
    limit = _rule(call, "target_group.description").limit
    for index, group in enumerate(groups):
        if message := limit_problem(group.description, limit):
            found.append(
                at(
                    f"id_groups-{index}-description",
                    f"{group.get_group_display()}: {message}",
                )
            )
    return found


# --- the work plan, outputs and results ---------------------------------------------------------------------------


def workplan_problems(project, call, partners) -> list[Problem]:
    """Work packages, activities, deliverables, outputs and results against the duration, the partnership and the
    indicators of the chosen specific objective. A fixed number of queries, however big the work plan."""
    from .models import Activity, ProjectResult

    last = len(periods_of(project))
    work_packages = list(
        project.work_packages.prefetch_related(
            "partners",
            Prefetch("activities", queryset=Activity.objects.prefetch_related("deliverables")),
            "outputs",
        )
    )
    results = list(ProjectResult.objects.filter(project=project).order_by("number"))
    outputs_allowed, results_allowed = _allowed_by_kind(project) if work_packages or results else (set(), set())

    def at(message: str, anchor: str = "work-packages") -> Problem:
        return Problem("workplan", message, _url("projects:workplan", project, anchor=anchor))

    found = []
    if not work_packages:
        found.append(at(_("Plan at least one work package.")))
    texts = {key: _rule(call, key).limit for key in ("work_package.objectives", "activity.description")}
    texts["deliverable.description"] = _rule(call, "deliverable.description").limit
    texts["output.description"] = _rule(call, "output.description").limit
    involved = set()
    outputs = 0
    for wp in work_packages:
        found += _work_package_problems(project, wp, last, texts, outputs_allowed)
        involved |= {wp.responsible_id} | {p.pk for p in wp.partners.all()}
        outputs += len(wp.outputs.all())
    if work_packages:
        for partner in partners:
            if partner.role != PartnerRole.ASSOCIATED and partner.pk not in involved:
                found.append(
                    at(
                        _("%(partner)s takes part in no work package: make it responsible for one or a participant.")
                        % {"partner": partner.abbreviation}
                    )
                )
    found += _results_problems(project, call, results, outputs, last, results_allowed)
    return found


def _work_package_problems(project, wp, last, limits, outputs_allowed) -> list[Problem]:
    def at(field: str, message: str) -> Problem:
        return Problem(
            "workplan",
            _("WP%(n)d: %(message)s") % {"n": wp.number, "message": message},
            _url("projects:work_package", project, wp.pk, anchor=field),
        )

    found = []
    if wp.responsible_id is None:
        found.append(at("id_responsible", _("Choose the partner responsible for the work package.")))
    if message := limit_problem(wp.objectives, limits["work_package.objectives"]):
        found.append(at("id_objectives", message))
    if problem := period_problem(wp.start_period, wp.end_period, last=last):
        found.append(at(f"id_{problem[0]}", problem[1]))
    activities = list(wp.activities.all())
    if not activities:
        found.append(at("activities", _("Plan at least one activity.")))
    for index, activity in enumerate(activities):
        prefix = f"id_activities-{index}-"
        name = _("Activity %(wp)d.%(n)d") % {"wp": wp.number, "n": activity.number}
        problem = period_problem(
            activity.start_period, activity.end_period, last=last, within=(wp.start_period, wp.end_period)
        )
        if problem:
            found.append(at(prefix + problem[0], f"{name}: {problem[1]}"))
        if message := limit_problem(activity.description, limits["activity.description"]):
            found.append(at(prefix + "description", f"{name}: {message}"))
        for d_index, deliverable in enumerate(activity.deliverables.all()):
            d_prefix = f"id_activities-{index}-deliverables-{d_index}-"
            d_name = _("Deliverable %(wp)d.%(a)d.%(n)d") % {
                "wp": wp.number,
                "a": activity.number,
                "n": deliverable.number,
            }
            if last and not 1 <= deliverable.period <= last:
                found.append(at(d_prefix + "period", f"{d_name}: " + _("its period is beyond the project's duration.")))
            if message := limit_problem(deliverable.description, limits["deliverable.description"]):
                found.append(at(d_prefix + "description", f"{d_name}: {message}"))
    for index, output in enumerate(wp.outputs.all()):
        prefix = f"id_outputs-{index}-"
        name = _("Output %(wp)d.%(n)d") % {"wp": wp.number, "n": output.number}
        if output.indicator_id not in outputs_allowed:
            found.append(
                at(prefix + "indicator", f"{name}: " + _("its indicator is not one of the chosen specific objective."))
            )
        if last and not 1 <= output.period <= last:
            found.append(at(prefix + "period", f"{name}: " + _("its period is beyond the project's duration.")))
        if message := limit_problem(output.description, limits["output.description"]):
            found.append(at(prefix + "description", f"{name}: {message}"))
    return found


def _results_problems(project, call, results, outputs: int, last: int, allowed) -> list[Problem]:
    def at(field: str, message: str) -> Problem:
        return Problem("results", message, _url("projects:results", project, anchor=field))

    found = []
    if not outputs:
        found.append(
            Problem(
                "results",
                _("Plan at least one output (in a work package), counted by a programme output indicator."),
                _url("projects:workplan", project, anchor="work-packages"),
            )
        )
    if not results:
        found.append(at("results", _("Give at least one result, measured by a programme result indicator.")))
    limit = _rule(call, "result.description").limit
    for index, result in enumerate(results):
        prefix = f"id_results-{index}-"
        name = _("Result %(n)d") % {"n": result.number}
        if result.indicator_id not in allowed:
            found.append(
                at(prefix + "indicator", f"{name}: " + _("its indicator is not one of the chosen specific objective."))
            )
        if last and not 1 <= result.period <= last:
            found.append(at(prefix + "period", f"{name}: " + _("its period is beyond the project's duration.")))
        if message := limit_problem(result.description, limit):
            found.append(at(prefix + "description", f"{name}: {message}"))
    return found
