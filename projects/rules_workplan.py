"""The checklist rules of the project description, the work plan and the outputs and results, each written once.

`description_problems` and `workplan_problems` are called by rules.submission_problems; the forms use the same
helpers (`periods_of`, `period_problem`, `allowed_indicator_ids`, form_rules.limit_problem), so a form refuses what
the checklist would list. Every problem links to the exact field of its page (the ids the forms render).

The checklist runs on every page of the workspace, so each function asks the database one question, however big
the work plan: the rows come back as JSON with the length of each text (what the rules need), not the text.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import F, OuterRef
from django.db.models.functions import JSONObject, Length, Trim
from django.utils.translation import gettext as _

from partnerships.choices import OrganisationType, PartnerRole
from programmes.application_form import field_rule
from programmes.choices import IndicatorKind
from programmes.periods import reporting_periods

from .form_rules import length_problem, limit_problem
from .rules import Problem, _url

DEFAULT_PERIOD_MONTHS = 6  # a project without a call (brought in from the programme's records)

DESCRIPTION_TEXTS = [  # (field, key in application_form.FIELDS)
    ("context", "description.context"),
    ("overall_objective", "description.overall_objective"),
    ("durability", "description.durability"),
    ("transferability", "description.transferability"),
    ("communication", "description.communication"),
]
HORIZONTAL_PRINCIPLES = ["sustainable_development", "equal_opportunities", "gender_equality"]


# --- helpers shared with the forms and services --------------------------------------------------------------


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


def allowed_indicator_ids(project, kind: str) -> set[int]:
    """The programme's indicators of this kind that the project's specific objective may report on."""
    from programmes.models import Indicator

    if not project.specific_objective_id:
        return set()
    return set(
        Indicator.objects.filter(
            programme_id=project.programme_id, kind=kind, objectives=project.specific_objective_id
        ).values_list("pk", flat=True)
    )


def _rule(call, key):
    return field_rule(call, key)


def _lengths(field: str, prefix: str = "") -> dict:
    """The length of a text, and of its text without surrounding blanks (0: not filled in)."""
    return {f"{field}_len": Length(f"{prefix}{field}"), f"{field}_filled": Length(Trim(f"{prefix}{field}"))}


def _json(queryset, **fields):
    return ArraySubquery(queryset.values(json=JSONObject(**fields)))


def _text_problem(row: dict, field: str, call, key: str, *, label: str, at, anchor: str) -> Problem | None:
    rule = _rule(call, key)
    if rule.required and not row.get(f"{field}_filled"):
        return at(anchor, _("Fill in “%(label)s”.") % {"label": label})
    if message := length_problem(row.get(f"{field}_len") or 0, rule.limit):
        return at(anchor, f"{label}: {message}")
    return None


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


def _description_row(project) -> dict:
    from .models import Project, ProjectObjective, TargetGroup

    # the description is a LEFT JOIN: an application without one (made before it existed) counts as empty
    texts = [field for field, _key in DESCRIPTION_TEXTS] + [f"{p}_justification" for p in HORIZONTAL_PRINCIPLES]
    values = {}
    for field in texts:
        values.update(_lengths(field, "description__"))
    for principle in HORIZONTAL_PRINCIPLES:
        values[principle] = F(f"description__{principle}")
    mine = {"project": OuterRef("pk")}
    values["objectives_json"] = _json(
        ProjectObjective.objects.filter(**mine).order_by("number"),
        number=F("number"),
        description=Length("description"),
    )
    values["groups_json"] = _json(
        TargetGroup.objects.filter(**mine).order_by("pk"), group=F("group"), description=Length("description")
    )
    return Project.objects.filter(pk=project.pk).values(**values).get()


def description_problems(project, call) -> list[Problem]:
    from .models import ProjectDescription

    def at(field: str, message: str) -> Problem:
        return Problem("description", message, _url("projects:description", project, anchor=field))

    row = _description_row(project)
    meta = ProjectDescription._meta
    found = _identification_limit_problems(project, call)
    for field, key in DESCRIPTION_TEXTS:
        label = meta.get_field(field).verbose_name.capitalize()
        if problem := _text_problem(row, field, call, key, label=label, at=at, anchor=f"id_{field}"):
            found.append(problem)
    justification_rule = _rule(call, "description.horizontal_justification")
    for principle in HORIZONTAL_PRINCIPLES:
        label = meta.get_field(principle).verbose_name
        if justification_rule.required and not row[principle]:
            message = _("Say the project's effect on %(principle)s.") % {"principle": label}
            found.append(at(f"id_{principle}_0", message))
        field = f"{principle}_justification"
        if justification_rule.required and not row[f"{field}_filled"]:
            found.append(at(f"id_{field}", _("Justify the effect on %(principle)s.") % {"principle": label}))
        elif message := length_problem(row[f"{field}_len"] or 0, justification_rule.limit):
            found.append(at(f"id_{field}", f"{label}: {message}"))
    if not row["objectives_json"]:
        found.append(at("objectives", _("Give at least one project specific objective.")))
    limit = _rule(call, "objective.description").limit
    for index, objective in enumerate(row["objectives_json"]):
        if message := length_problem(objective["description"], limit):
            numbered = _("Objective %(n)d: %(message)s") % {"n": objective["number"], "message": message}
            found.append(at(f"id_objectives-{index}-description", numbered))
    if not row["groups_json"]:
        found.append(at("target-groups", _("Name at least one target group with its target value.")))
    limit = _rule(call, "target_group.description").limit
    for index, group in enumerate(row["groups_json"]):
        if message := length_problem(group["description"], limit):
            name = OrganisationType(group["group"]).label if group["group"] in OrganisationType.values else ""
            found.append(at(f"id_groups-{index}-description", f"{name}: {message}"))
    return found


# --- the work plan, outputs and results ---------------------------------------------------------------------------


def _workplan_row(project) -> dict:
    """The whole work plan, the results and the indicators the project's objective allows, in one query."""
    from programmes.models import Indicator

    from .models import Activity, Deliverable, Project, ProjectOutput, ProjectResult, WorkPackage

    outer = OuterRef("pk")
    deliverables = _json(
        Deliverable.objects.filter(activity=outer).order_by("number"),
        number=F("number"),
        period=F("period"),
        description=Length("description"),
    )
    activities = _json(
        Activity.objects.filter(work_package=outer).order_by("number"),
        number=F("number"),
        start=F("start_period"),
        end=F("end_period"),
        description=Length("description"),
        deliverables=deliverables,
    )
    outputs = _json(
        ProjectOutput.objects.filter(work_package=outer).order_by("number"),
        number=F("number"),
        indicator=F("indicator_id"),
        period=F("period"),
        description=Length("description"),
    )
    through = WorkPackage.partners.through
    work_packages = _json(
        WorkPackage.objects.filter(project=outer).order_by("number"),
        pk=F("pk"),
        number=F("number"),
        responsible=F("responsible_id"),
        start=F("start_period"),
        end=F("end_period"),
        objectives=Length("objectives"),
        partners=ArraySubquery(through.objects.filter(workpackage=outer).values("projectpartner_id")),
        activities=activities,
        outputs=outputs,
    )
    results = _json(
        ProjectResult.objects.filter(project=outer).order_by("number"),
        number=F("number"),
        indicator=F("indicator_id"),
        period=F("period"),
        description=Length("description"),
    )
    indicators = _json(
        Indicator.objects.filter(programme=OuterRef("programme_id"), objectives=OuterRef("specific_objective_id")),
        pk=F("pk"),
        kind=F("kind"),
    )
    return (
        Project.objects.filter(pk=project.pk)
        .values(work_packages_json=work_packages, results_json=results, indicators_json=indicators)
        .get()
    )


def workplan_problems(project, call, partners) -> list[Problem]:
    """Work packages, activities, deliverables, outputs and results against the duration, the partnership and the
    indicators of the chosen specific objective."""
    row = _workplan_row(project)
    last = len(periods_of(project))
    allowed = {IndicatorKind.OUTPUT: set(), IndicatorKind.RESULT: set()}
    for indicator in row["indicators_json"]:
        allowed[indicator["kind"]].add(indicator["pk"])

    def at(message: str, anchor: str = "work-packages") -> Problem:
        return Problem("workplan", message, _url("projects:workplan", project, anchor=anchor))

    found = []
    if not row["work_packages_json"]:
        found.append(at(_("Plan at least one work package.")))
    keys = ("work_package.objectives", "activity.description", "deliverable.description", "output.description")
    limits = {key: _rule(call, key).limit for key in keys}
    involved = set()
    outputs = 0
    for wp in row["work_packages_json"]:
        found += _work_package_problems(project, wp, last, limits, allowed[IndicatorKind.OUTPUT])
        involved |= {wp["responsible"], *wp["partners"]}
        outputs += len(wp["outputs"])
    if row["work_packages_json"]:
        for partner in partners:
            if partner.role != PartnerRole.ASSOCIATED and partner.pk not in involved:
                found.append(
                    at(
                        _("%(partner)s takes part in no work package: make it responsible for one or a participant.")
                        % {"partner": partner.abbreviation}
                    )
                )
    found += _results_problems(project, call, row["results_json"], outputs, last, allowed[IndicatorKind.RESULT])
    return found


def _work_package_problems(project, wp: dict, last: int, limits: dict, outputs_allowed: set) -> list[Problem]:
    def at(field: str, message: str) -> Problem:
        return Problem(
            "workplan",
            _("WP%(n)d: %(message)s") % {"n": wp["number"], "message": message},
            _url("projects:work_package", project, wp["pk"], anchor=field),
        )

    found = []
    if wp["responsible"] is None:
        found.append(at("id_responsible", _("Choose the partner responsible for the work package.")))
    if message := length_problem(wp["objectives"], limits["work_package.objectives"]):
        found.append(at("id_objectives", message))
    if problem := period_problem(wp["start"], wp["end"], last=last):
        found.append(at(f"id_{problem[0]}", problem[1]))
    if not wp["activities"]:
        found.append(at("activities", _("Plan at least one activity.")))
    beyond = _("its period is beyond the project's duration.")
    for index, activity in enumerate(wp["activities"]):
        prefix = f"id_activities-{index}-"
        name = _("Activity %(wp)d.%(n)d") % {"wp": wp["number"], "n": activity["number"]}
        if problem := period_problem(activity["start"], activity["end"], last=last, within=(wp["start"], wp["end"])):
            found.append(at(prefix + problem[0], f"{name}: {problem[1]}"))
        if message := length_problem(activity["description"], limits["activity.description"]):
            found.append(at(prefix + "description", f"{name}: {message}"))
        for d_index, deliverable in enumerate(activity["deliverables"]):
            d_prefix = f"{prefix}deliverables-{d_index}-"
            numbers = {"wp": wp["number"], "a": activity["number"], "n": deliverable["number"]}
            d_name = _("Deliverable %(wp)d.%(a)d.%(n)d") % numbers
            if last and not 1 <= deliverable["period"] <= last:
                found.append(at(d_prefix + "period", f"{d_name}: {beyond}"))
            if message := length_problem(deliverable["description"], limits["deliverable.description"]):
                found.append(at(d_prefix + "description", f"{d_name}: {message}"))
    for index, output in enumerate(wp["outputs"]):
        prefix = f"id_outputs-{index}-"
        name = _("Output %(wp)d.%(n)d") % {"wp": wp["number"], "n": output["number"]}
        if output["indicator"] not in outputs_allowed:
            message = _("its indicator is not an output indicator of the chosen specific objective.")
            found.append(at(prefix + "indicator", f"{name}: {message}"))
        if last and not 1 <= output["period"] <= last:
            found.append(at(prefix + "period", f"{name}: {beyond}"))
        if message := length_problem(output["description"], limits["output.description"]):
            found.append(at(prefix + "description", f"{name}: {message}"))
    return found


def _results_problems(project, call, results: list, outputs: int, last: int, allowed: set) -> list[Problem]:
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
        name = _("Result %(n)d") % {"n": result["number"]}
        if result["indicator"] not in allowed:
            message = _("its indicator is not a result indicator of the chosen specific objective.")
            found.append(at(prefix + "indicator", f"{name}: {message}"))
        if last and not 1 <= result["period"] <= last:
            found.append(at(prefix + "period", f"{name}: " + _("its period is beyond the project's duration.")))
        if message := length_problem(result["description"], limit):
            found.append(at(prefix + "description", f"{name}: {message}"))
    return found
