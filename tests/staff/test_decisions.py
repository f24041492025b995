"""The staff steps through the services: eligibility, assessors, scores, decision rules, contract, and who is told."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from interact_portal.notifications.models import Notification
from projects.models import Assessment, AssessmentKind, Decision
from projects.services.assessment import assessors_assign, eligibility_record, quality_record
from projects.services.decisions import contract_record, decision_record
from projects.services.submission import application_submit
from projects.workflow import Status
from tests.staff.conftest import all_passed, all_scored

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def eligible(office):
    return eligibility_record(project=office.project, by=office.officer, results=all_passed())


def scored(office, score: int = 4):
    eligible(office)
    assessors_assign(project=office.project, by=office.officer, assessors=[office.assessor])
    return quality_record(project=office.project, by=office.assessor, scores=all_scored(score))


def test_a_failed_eligibility_item_makes_it_ineligible_and_the_applicants_read_why(office):
    results = {**all_passed(), "annexes": (False, "The partnership agreement is not signed.")}
    project = eligibility_record(project=office.project, by=office.officer, results=results)
    assert project.status == Status.INELIGIBLE
    check = Assessment.objects.get(project=project, kind=AssessmentKind.ELIGIBILITY)
    assert check.passed is False and check.items.get(criterion="annexes").comment.startswith("The partnership")
    told = Notification.objects.filter(recipient=office.manager, event="application.ineligible").get()
    assert "not signed" in told.body
    assert "not signed" in project.status_history.get(to_status=Status.INELIGIBLE).note


def test_a_failed_item_needs_its_comment_and_nothing_is_saved_without_it(office):
    results = {**all_passed(), "annexes": (False, " ")}
    with pytest.raises(ValidationError) as error:
        eligibility_record(project=office.project, by=office.officer, results=results)
    assert "annexes_comment" in error.value.error_dict
    office.project.refresh_from_db()
    assert office.project.status == Status.SUBMITTED and not Assessment.objects.exists()


def test_an_assessor_cannot_record_eligibility_nor_decide(office):
    with pytest.raises(PermissionDenied):
        eligibility_record(project=office.project, by=office.assessor, results=all_passed())
    eligible(office)
    with pytest.raises(PermissionDenied):
        decision_record(project=office.project, by=office.officer, outcome=Status.NOT_APPROVED, decided_on=TODAY())


def test_only_assigned_assessors_score_and_the_weighted_total_is_computed(office):
    eligible(office)
    with pytest.raises(PermissionDenied):
        quality_record(project=office.project, by=office.assessor, scores=all_scored())
    assessors_assign(project=office.project, by=office.officer, assessors=[office.assessor, office.officer])
    assert Notification.objects.filter(recipient=office.assessor, event="application.assessor_assigned").exists()
    scores = {**all_scored(4), "relevance": (5, "strong"), "budget": (1, "padded")}
    assessment = quality_record(project=office.project, by=office.assessor, scores=scores)
    # (5·30 + 4·20 + 4·25 + 4·15 + 1·10) / 100 = 4.00
    assert assessment.total_score == Decimal("4.00") and assessment.completed_at is not None
    with pytest.raises(ValidationError) as error:
        quality_record(project=office.project, by=office.officer, scores={**all_scored(), "budget": (6, "")})
    assert "budget" in error.value.error_dict


def test_staff_of_another_programme_cannot_be_assigned(office):
    with pytest.raises(ValidationError):
        assessors_assign(project=office.project, by=office.officer, assessors=[office.other_staff])


@pytest.mark.parametrize(
    ("days", "outcome", "conditions", "field"),
    [
        (1, Status.NOT_APPROVED, "", "decided_on"),  # in the future
        (-1, Status.NOT_APPROVED, "", "decided_on"),  # before the eligibility decision (today)
        (0, Status.APPROVED_WITH_CONDITIONS, "  ", "conditions"),
    ],
)
def test_decision_date_and_conditions_rules(office, days, outcome, conditions, field):
    scored(office)
    with pytest.raises(ValidationError) as error:
        decision_record(
            project=office.project,
            by=office.programme_manager,
            outcome=outcome,
            decided_on=TODAY() + timedelta(days=days),
            conditions=conditions,
        )
    assert list(error.value.error_dict) == [field]
    office.project.refresh_from_db()
    assert office.project.status == Status.ELIGIBLE and not Decision.objects.exists()


def test_approval_needs_a_quality_assessment_but_refusal_does_not(office):
    eligible(office)
    with pytest.raises(ValidationError) as error:
        decision_record(
            project=office.project, by=office.programme_manager, outcome=Status.APPROVED, decided_on=TODAY()
        )
    assert "outcome" in error.value.error_dict
    decision_record(
        project=office.project, by=office.programme_manager, outcome=Status.NOT_APPROVED, decided_on=TODAY()
    )
    office.project.refresh_from_db()
    assert office.project.status == Status.NOT_APPROVED


def test_a_decision_before_eligibility_is_refused_by_the_workflow(office):
    with pytest.raises(ValidationError):
        decision_record(
            project=office.project, by=office.programme_manager, outcome=Status.NOT_APPROVED, decided_on=TODAY()
        )


def test_with_conditions_the_applicants_resubmit_and_staff_decide_again_then_contract(
    office, django_capture_on_commit_callbacks
):
    scored(office)
    decision_record(
        project=office.project,
        by=office.programme_manager,
        outcome=Status.APPROVED_WITH_CONDITIONS,
        decided_on=TODAY(),
        conditions="Add a partner from Hungary.",
    )
    office.project.refresh_from_db()
    assert office.project.status == Status.APPROVED_WITH_CONDITIONS
    told = Notification.objects.get(recipient=office.manager, event="application.approved_with_conditions")
    assert "Hungary" in told.body
    with django_capture_on_commit_callbacks(execute=False):
        application_submit(project=office.project, by=office.manager)
    eligible(office)  # checked again after the resubmission
    decision_record(project=office.project, by=office.programme_manager, outcome=Status.APPROVED, decided_on=TODAY())
    with pytest.raises(ValidationError) as error:
        contract_record(
            project=office.project, by=office.officer, start_date=date(2027, 1, 1), end_date=date(2026, 12, 1)
        )
    assert "end_date" in error.value.error_dict
    project = contract_record(
        project=office.project, by=office.officer, start_date=date(2027, 1, 1), end_date=date(2029, 12, 31)
    )
    assert project.status == Status.CONTRACTED and project.start_date == date(2027, 1, 1)
    path = list(project.status_history.values_list("to_status", flat=True))
    assert path == [
        Status.SUBMITTED,
        Status.ELIGIBLE,
        Status.APPROVED_WITH_CONDITIONS,
        Status.SUBMITTED,
        Status.ELIGIBLE,
        Status.APPROVED,
        Status.CONTRACTED,
    ]
    # every staff step was told to every collaborator, the partner contact included
    events = set(Notification.objects.filter(recipient=office.partner_user).values_list("event", flat=True))
    assert {"application.eligible", "application.approved", "application.contracted"} <= events
