"""Each checklist rule of the project description, the work plan and the outputs and results, on the stored
application, each problem linking to its exact field."""

from decimal import Decimal

import pytest
from django.urls import reverse

from partnerships.choices import PartnerRole
from projects.models import Activity, ProjectDescription, ProjectOutput, ProjectResult, TargetGroup, WorkPackage
from projects.rules import submission_problems
from tests.factories import OrganisationFactory, ProjectFactory, ProjectPartnerFactory, SpecificObjectiveFactory

from .workplan_data import work_package_add

pytestmark = pytest.mark.django_db


def _problems(ready, section=None):
    ready.project.refresh_from_db()
    found = submission_problems(ready.project)
    return [p for p in found if section is None or p.section == section]


def _one(ready, text):
    """The one problem whose message contains `text`."""
    matching = [p for p in _problems(ready) if text in p.message]
    assert len(matching) == 1, [p.message for p in _problems(ready)]
    return matching[0]


def _set_rules(ready, **rules):
    ready.call.form_rules = {key.replace("__", "."): value for key, value in rules.items()}
    ready.call.save(update_fields=["form_rules"])


def _description(ready, **values):
    ProjectDescription.objects.filter(project=ready.project).update(**values)


def test_the_complete_application_has_no_description_or_workplan_problems(ready):
    assert _problems(ready) == []


def test_checklist_requires_each_description_field_the_call_requires(ready):
    _description(ready, context="  ")
    problem = _one(ready, "Context and challenge")
    assert problem.section == "description"
    assert problem.url == reverse("projects:description", args=[ready.project.pk]) + "#id_context"


def test_checklist_does_not_require_a_field_the_call_makes_optional(ready):
    _set_rules(ready, description__communication={"required": False})
    _description(ready, communication="")
    assert _problems(ready, "description") == []


def test_checklist_refuses_a_description_text_over_the_calls_limit(ready):
    _set_rules(ready, description__durability={"limit": 10})
    problem = _one(ready, "At most 10 characters")
    assert "(it has 34)" in problem.message and problem.url.endswith("#id_durability")


def test_checklist_refuses_an_identification_text_over_the_calls_limit(ready):
    _set_rules(ready, project__title={"limit": 5})
    problem = _one(ready, "At most 5 characters")
    assert problem.section == "identification" and problem.url.endswith("#id_title")


def test_checklist_refuses_an_objective_description_over_its_limit(ready):
    _set_rules(ready, objective__description={"limit": 5})
    assert _one(ready, "Objective 1: At most 5").url.endswith("#id_objectives-0-description")


def test_checklist_requires_each_horizontal_principle_effect_and_justification(ready):
    _description(ready, gender_equality="", equal_opportunities_justification="")
    assert _one(ready, "Say the project's effect on equality between women and men").url.endswith(
        "#id_gender_equality_0"
    )
    assert _one(ready, "Justify the effect on equal opportunities").url.endswith(
        "#id_equal_opportunities_justification"
    )


def test_checklist_requires_at_least_one_project_objective(ready):
    ready.project.objectives.all().delete()
    assert _one(ready, "at least one project specific objective").url.endswith("#objectives")


def test_checklist_requires_at_least_one_target_group(ready):
    TargetGroup.objects.filter(project=ready.project).delete()
    assert _one(ready, "at least one target group").url.endswith("#target-groups")


def test_checklist_counts_an_application_without_a_description_as_empty(ready):
    ProjectDescription.objects.filter(project=ready.project).delete()
    messages = [p.message for p in _problems(ready, "description")]
    assert any("Context and challenge" in m for m in messages)


def test_checklist_requires_at_least_one_work_package(ready):
    WorkPackage.objects.filter(project=ready.project).delete()
    problem = _one(ready, "at least one work package")
    assert problem.section == "workplan" and problem.url.endswith("#work-packages")


def test_checklist_refuses_a_work_package_outside_the_duration(ready):
    ready.project.duration_months = 12  # two periods of six months; the work package runs to period 3
    ready.project.save(update_fields=["duration_months"])
    problem = _one(ready, "WP1: The end period must be within the project's 2 periods")
    assert problem.url == reverse("projects:work_package", args=[ready.project.pk, ready.work_package.pk]) + (
        "#id_end_period"
    )


def test_checklist_refuses_activity_outside_duration(ready):
    work_package_add(ready.project, number=2, responsible=ready.lead, start=1, end=5)
    WorkPackage.objects.filter(number=2, project=ready.project).update(start_period=1, end_period=5)
    Activity.objects.filter(work_package__number=2, work_package__project=ready.project).update(end_period=7)
    problem = _one(ready, "Activity 2.1: The end period must be within the project's 5 periods")
    assert problem.url.endswith("#id_activities-0-end_period")


def test_checklist_refuses_activity_outside_its_work_package(ready):
    Activity.objects.filter(work_package=ready.work_package).update(start_period=2, end_period=4)  # WP: 1–3
    problem = _one(ready, "Activity 1.1: An activity must lie within its work package's periods (1–3)")
    assert problem.url.endswith("#id_activities-0-end_period")


def test_checklist_refuses_a_deliverable_beyond_the_duration(ready):
    from projects.models import Deliverable

    Deliverable.objects.filter(activity__work_package=ready.work_package).update(period=9)
    assert _one(ready, "Deliverable 1.1.1").url.endswith("#id_activities-0-deliverables-0-period")


def test_checklist_requires_every_budgeted_partner_in_a_work_package(ready):
    ready.work_package.partners.clear()
    problem = _one(ready, "PP2 takes part in no work package")
    assert problem.url.endswith("#work-packages")


def test_checklist_counts_a_responsible_partner_as_taking_part(ready):
    ready.work_package.partners.clear()
    work_package_add(ready.project, number=2, responsible=ready.partner, output_indicator=ready.output_indicator)
    assert _problems(ready) == []


def test_checklist_does_not_ask_associated_partners_to_take_part(ready):
    ProjectPartnerFactory(
        project=ready.project, role=PartnerRole.ASSOCIATED, abbreviation="AP", organisation=OrganisationFactory()
    )
    assert not [p for p in _problems(ready) if "AP takes part" in p.message]


def test_checklist_requires_a_responsible_partner_for_each_work_package(ready):
    WorkPackage.objects.filter(pk=ready.work_package.pk).update(responsible=None)
    assert _one(ready, "WP1: Choose the partner responsible").url.endswith("#id_responsible")


def test_checklist_requires_at_least_one_activity_per_work_package(ready):
    ready.work_package.activities.all().delete()
    assert _one(ready, "WP1: Plan at least one activity").url.endswith("#activities")


def test_checklist_refuses_output_indicator_not_allowed_by_the_objective(ready):
    ProjectOutput.objects.filter(work_package=ready.work_package).update(indicator=ready.other_output_indicator)
    assert _one(ready, "Output 1.1: its indicator is not an output indicator").url.endswith("#id_outputs-0-indicator")


def test_checklist_refuses_output_indicators_once_the_objective_changes(ready):
    other = SpecificObjectiveFactory(priority=ready.objective.priority)
    ready.call.allowed_objectives.add(other)
    ready.project.specific_objective = other
    ready.project.save(update_fields=["specific_objective"])
    messages = [p.message for p in _problems(ready)]
    assert any("Output 1.1: its indicator" in m for m in messages)
    assert any("Result 1: its indicator" in m for m in messages)


def test_checklist_refuses_result_indicator_not_allowed_by_the_objective(ready):
    ProjectResult.objects.filter(pk=ready.result.pk).update(indicator=ready.output_indicator)  # the wrong kind
    problem = _one(ready, "Result 1: its indicator is not a result indicator")
    assert problem.section == "results"
    assert problem.url == reverse("projects:results", args=[ready.project.pk]) + "#id_results-0-indicator"


def test_checklist_requires_at_least_one_output(ready):
    ProjectOutput.objects.filter(work_package=ready.work_package).delete()
    assert _one(ready, "at least one output").url.endswith("#work-packages")


def test_checklist_requires_at_least_one_result(ready):
    ProjectResult.objects.filter(project=ready.project).delete()
    assert _one(ready, "at least one result").url.endswith("#results")


def test_checklist_refuses_a_result_description_over_its_limit(ready):
    _set_rules(ready, result__description={"limit": 3})
    assert _one(ready, "Result 1: At most 3 characters").url.endswith("#id_results-0-description")


def test_each_problem_links_to_a_field_that_is_on_its_page(client, ready):
    """Break one thing of each kind; every link of the new sections names an id the linked page renders."""
    _set_rules(ready, description__durability={"limit": 10}, activity__description={"limit": 5})
    _description(ready, context="", gender_equality="")
    ProjectOutput.objects.filter(work_package=ready.work_package).update(indicator=ready.other_output_indicator)
    ProjectResult.objects.filter(pk=ready.result.pk).update(indicator=ready.output_indicator, description="x" * 2000)
    Activity.objects.filter(work_package=ready.work_package).update(start_period=2, end_period=4)
    WorkPackage.objects.filter(pk=ready.work_package.pk).update(responsible=None)
    client.force_login(ready.manager)
    problems = [p for p in _problems(ready) if p.section in ("description", "workplan", "results")]
    assert len(problems) >= 8
    for problem in problems:
        path, anchor = problem.url.split("#")
        page = client.get(path).content.decode()
        assert f'id="{anchor}"' in page, (problem.message, problem.url)


def test_checklist_costs_the_same_queries_with_1_or_20_work_packages(ready, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert submission_problems(ready.project) == []
    for number in range(2, 21):
        wp = work_package_add(
            ready.project, number=number, responsible=ready.partner, output_indicator=ready.output_indicator
        )
        wp.partners.set([ready.lead])
    with django_assert_num_queries(len(one)):
        assert submission_problems(ready.project) == []


def test_checklist_of_a_project_without_call_or_objective_does_not_fail(ready):
    project = ProjectFactory(programme=ready.programme)
    ProjectPartnerFactory(project=project, role=PartnerRole.LEAD)
    WorkPackage.objects.create(project=project, number=1, title="WP", start_period=1, end_period=1)
    ProjectResult.objects.create(
        project=project, number=1, indicator=ready.result_indicator, target_value=Decimal(1), period=1
    )
    messages = [p.message for p in submission_problems(project)]
    assert any("Result 1: its indicator" in m for m in messages)
    assert any("Give the project's duration first" in m for m in messages)


def test_checklist_does_not_ask_for_a_summary_the_call_waives(ready):
    from projects.models import Project

    Project.objects.filter(pk=ready.project.pk).update(summary="")
    assert [p.message for p in _problems(ready)] == ["Write a summary of the project."]
    _set_rules(ready, project__summary={"required": False})
    assert _problems(ready) == []
