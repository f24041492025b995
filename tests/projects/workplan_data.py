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
        programme=programme, code="RCO 84", name="Pilot actions", unit="pilot actions", kind=IndicatorKind.OUTPUT
    )
    result = Indicator.objects.create(
        programme=programme,
        code="RCR 79",
        name="Joint strategies taken up",
        unit="strategies",
        kind=IndicatorKind.RESULT,
    )
    output.objectives.add(objective)
    result.objectives.add(objective)
    other_output = Indicator.objects.create(
        programme=programme, code="RCO 116", name="Joint solutions", unit="solutions", kind=IndicatorKind.OUTPUT
    )
    other_result = Indicator.objects.create(
        programme=programme, code="RCR 104", name="Solutions taken up", unit="solutions", kind=IndicatorKind.RESULT
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
