"""A complete project description, work plan and results for a test application (used by the `ready` fixture, so
the application stays ready to submit), and the programme indicators they count on."""

from decimal import Decimal

from programmes.choices import IndicatorKind
from programmes.models import Indicator
from projects.models import (
    Activity,
    Deliverable,
    Effect,
    ProjectDescription,
    ProjectObjective,
    ProjectOutput,
    ProjectResult,
    TargetGroup,
    WorkPackage,
)

TEXT = "Written in full, within its limit."


def indicators_for(objective, programme):
    """An output and a result indicator open to the objective, and one of each open to no objective."""
    output = Indicator.objects.create(
        programme=programme,
        code="XO 1",
        name="Organisations cooperating across borders",
        unit="organisations",
        kind=IndicatorKind.OUTPUT,
    )
    result = Indicator.objects.create(
        programme=programme,
        code="XR 1",
        name="Organisations cooperating after the project",
        unit="organisations",
        kind=IndicatorKind.RESULT,
    )
    output.objectives.add(objective)
    result.objectives.add(objective)
    other_output = Indicator.objects.create(
        programme=programme,
        code="XO 2",
        name="Participations in joint actions",
        unit="participations",
        kind=IndicatorKind.OUTPUT,
    )
    other_result = Indicator.objects.create(
        programme=programme,
        code="XR 2",
        name="Participations after the project",
        unit="participations",
        kind=IndicatorKind.RESULT,
    )
    return output, result, other_output, other_result


def description_fill(project) -> ProjectDescription:
    texts = ["context", "overall_objective", "durability", "transferability", "communication"]
    texts += [f"{principle}_justification" for principle in ("sustainable_development", "equal_opportunities")]
    values = dict.fromkeys([*texts, "gender_equality_justification"], TEXT)
    values.update(
        sustainable_development=Effect.POSITIVE, equal_opportunities=Effect.NEUTRAL, gender_equality=Effect.NEUTRAL
    )
    description, _created = ProjectDescription.objects.update_or_create(project=project, defaults=values)
    ProjectObjective.objects.create(project=project, number=1, title="Cleaner air", description=TEXT)
    TargetGroup.objects.create(project=project, group="local_authority", description=TEXT, target_value=12)
    return description


def work_package_add(project, *, number=1, responsible, partners=(), output_indicator=None, start=1, end=3):
    work_package = WorkPackage.objects.create(
        project=project,
        number=number,
        title=f"Work package {number}",
        objectives=TEXT,
        responsible=responsible,
        start_period=start,
        end_period=end,
    )
    work_package.partners.set(partners)
    activity = Activity.objects.create(
        work_package=work_package, number=1, title="Measure", description=TEXT, start_period=start, end_period=end
    )
    Deliverable.objects.create(activity=activity, number=1, title="Report", description=TEXT, period=end)
    if output_indicator is not None:
        ProjectOutput.objects.create(
            work_package=work_package,
            number=1,
            indicator=output_indicator,
            title="Pilot",
            description=TEXT,
            target_value=Decimal(2),
            period=end,
        )
    return work_package


def workplan_fill(ready):
    """Description, one work package (lead responsible, the partner participating), its output and a result."""
    output, result, other_output, other_result = indicators_for(ready.objective, ready.programme)
    ready.output_indicator, ready.result_indicator = output, result
    ready.other_output_indicator, ready.other_result_indicator = other_output, other_result
    ready.description = description_fill(ready.project)
    ready.work_package = work_package_add(
        ready.project, responsible=ready.lead, partners=[ready.partner], output_indicator=output
    )
    ready.result = ProjectResult.objects.create(
        project=ready.project,
        number=1,
        indicator=result,
        description=TEXT,
        baseline=Decimal(0),
        target_value=Decimal(3),
        period=5,
    )
    return ready


def formset_data(prefix: str, rows: list[dict], *, initial: int = 0) -> dict:
    """POST data of a formset: its management form and each row's fields under the prefix."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            if key == "partner_ids" or isinstance(value, list | tuple):
                data[f"{prefix}-{index}-{key}"] = [str(v) for v in value]
            elif value is not None:
                data[f"{prefix}-{index}-{key}"] = str(value)
    return data


def work_package_post(ready, work_package=None, *, activities=None, outputs=None, **changes) -> dict:
    """The POST of a work package page: the work package, its activities (each with its deliverables) and outputs.
    Without `activities`/`outputs`, the stored ones are sent as they are (a new work package: one of each)."""
    wp = work_package
    partner_ids = changes.pop("partner_ids", None)
    data = {
        "version": wp.version if wp else 1,
        "title": wp.title if wp else "Pilot actions",
        "objectives": wp.objectives if wp else TEXT,
        "responsible": (wp.responsible_id if wp else ready.lead.pk),
        "start_period": wp.start_period if wp else 1,
        "end_period": wp.end_period if wp else 3,
        **changes,
    }
    if partner_ids is None:
        partner_ids = [p.pk for p in wp.partners.all()] if wp else [ready.partner.pk]
    data["partner_ids"] = [str(pk) for pk in partner_ids]
    data = {key: value for key, value in data.items() if value is not None}
    stored = list(wp.activities.order_by("number")) if wp else []
    if activities is None:
        activities = [
            {
                "id": a.pk,
                "title": a.title,
                "description": a.description,
                "start_period": a.start_period,
                "end_period": a.end_period,
                "deliverables": [
                    {"id": d.pk, "title": d.title, "description": d.description, "period": d.period}
                    for d in a.deliverables.order_by("number")
                ],
            }
            for a in stored
        ] or [
            {
                "title": "Measure",
                "description": TEXT,
                "start_period": 1,
                "end_period": 3,
                "deliverables": [{"title": "Report", "description": TEXT, "period": 3}],
            }
        ]
    initial = sum(1 for a in activities if a.get("id"))
    data.update(
        formset_data(
            "activities", [{k: v for k, v in a.items() if k != "deliverables"} for a in activities], initial=initial
        )
    )
    for index, activity in enumerate(activities):
        deliverables = activity.get("deliverables", [])
        data.update(
            formset_data(
                f"activities-{index}-deliverables", deliverables, initial=sum(1 for d in deliverables if d.get("id"))
            )
        )
    if outputs is None:
        stored_outputs = list(wp.outputs.order_by("number")) if wp else []
        outputs = [
            {
                "id": o.pk,
                "indicator": o.indicator_id,
                "title": o.title,
                "description": o.description,
                "target_value": o.target_value,
                "period": o.period,
            }
            for o in stored_outputs
        ] or [
            {
                "indicator": ready.output_indicator.pk,
                "title": "Pilot",
                "description": TEXT,
                "target_value": "2",
                "period": 3,
            }
        ]
    data.update(formset_data("outputs", outputs, initial=sum(1 for o in outputs if o.get("id"))))
    return data
