"""Assessors see every section (issue 17, item 10): the staff assessment pages show each section of the application
read-only beside the criteria they score, and an assessor leaves one editable comment per section, read by the
programme's staff and never by the applicants. The pages cost the same queries at 1 and 20 partners/work packages."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import PartnerBudgetLine, PartnerFund
from programmes.models import CallCriterion, Indicator, ProgrammeStaff, StaffRole
from projects.answers import application_answers
from projects.models import (
    Activity,
    Deliverable,
    ProjectDescription,
    ProjectObjective,
    ProjectOutput,
    ProjectResult,
    SectionComment,
    TargetGroup,
    WorkPackage,
)
from projects.services.assessment import assessors_assign
from projects.services.section_comments import section_comment_save
from tests.factories import ProjectPartnerFactory, UserFactory

pytestmark = pytest.mark.django_db
SECTIONS = ["identification", "description", "partners", "workplan", "results", "budget", "annexes"]


@pytest.fixture
def assessed(office):
    """The submitted application with its assessor assigned and a description, a work package and a budget."""
    assessors_assign(project=office.project, by=office.officer, assessors=[office.assessor])
    # this test's own description, work plan and indicators instead of those the `ready` application comes with
    WorkPackage.objects.filter(project=office.project).delete()
    ProjectResult.objects.filter(project=office.project).delete()
    ProjectDescription.objects.filter(project=office.project).delete()
    ProjectObjective.objects.filter(project=office.project).delete()
    TargetGroup.objects.filter(project=office.project).delete()
    Indicator.objects.filter(programme=office.programme).delete()
    ProjectDescription.objects.create(project=office.project, context="Smog over the Danube bend.")
    ProjectObjective.objects.create(project=office.project, number=1, title="Measure the air")
    TargetGroup.objects.create(project=office.project, group="local_authority", target_value=12)
    office.output_indicator = Indicator.objects.create(
        programme=office.programme, code="RCO 84", name="Pilot actions", unit="pilots", kind="output"
    )
    office.result_indicator = Indicator.objects.create(
        programme=office.programme, code="RCR 79", name="Strategies taken up", unit="strategies", kind="result"
    )
    ProjectResult.objects.create(
        project=office.project, number=1, indicator=office.result_indicator, target_value=Decimal(2), period=3
    )
    _work_package(office, 1)
    _budget(office.lead)
    _budget(office.partner)
    return office


def _work_package(office, number: int) -> WorkPackage:
    wp = WorkPackage.objects.create(
        project=office.project,
        number=number,
        title=f"Pilot {number}",
        responsible=office.lead,
        start_period=1,
        end_period=2,
    )
    wp.partners.set([office.lead, office.partner])
    activity = Activity.objects.create(work_package=wp, number=1, title="Sensors", start_period=1, end_period=2)
    activity.partners.set([office.partner])
    Deliverable.objects.create(activity=activity, number=1, title="Sensor map", period=2)
    ProjectOutput.objects.create(
        work_package=wp, number=1, indicator=office.output_indicator, title="Pilot", target_value=Decimal(1), period=2
    )
    return wp


def _budget(partner) -> None:  # over what the fixture's partners may already have (tests/projects/budget_fill)
    for category, period, amount in (("staff", 1, Decimal("1000.00")), ("equipment", 2, Decimal("500.00"))):
        PartnerBudgetLine.objects.update_or_create(
            partner=partner, category=category, period=period, defaults={"amount": amount}
        )
    PartnerFund.objects.update_or_create(partner=partner, fund="erdf", defaults={"rate": Decimal("80")})


def _grow(office, n: int) -> None:
    """n more partners, each with a budget, and n more work packages."""
    for i in range(n):
        partner = ProjectPartnerFactory(project=office.project, organisation__country=office.slovakia)
        _budget(partner)
        _work_package(office, 2 + i)


def _quality(office) -> str:
    return reverse("staff:quality", args=[office.programme.slug, office.project.pk])


def _comment_url(office, section: str) -> str:
    return reverse("staff:section_comment", args=[office.programme.slug, office.project.pk, section])


def test_quality_page_shows_every_section_read_only(client, assessed):
    client.force_login(assessed.assessor)
    body = client.get(_quality(assessed)).content.decode()
    for key in SECTIONS:
        assert f'id="section-{key}"' in body
    assert "Smog over the Danube bend." in body and "Sensor map" in body and "RCR 79" in body
    assert "Mesto Bratislava" in body and "€2,000.00" in body.replace("\u00a0", "")


def test_quality_page_shows_the_sections_each_criterion_scores(client, assessed):
    client.force_login(assessed.assessor)
    response = client.get(_quality(assessed))
    rows = {row["key"]: [ref.key for ref in row["sections"]] for row in response.context["criteria_sections"]}
    assert rows["relevance"] == ["identification", "description"] and rows["budget"] == ["budget"]
    assert 'href="#section-workplan"' in response.content.decode()


def test_call_criteria_rows_are_read_when_the_call_has_them(client, assessed):
    assessed.call.criteria.all().delete()  # the factory's call starts from the template: these rows are its own
    CallCriterion.objects.create(call=assessed.call, key="value", short_name="Value", weight=100, sections=["budget"])
    client.force_login(assessed.assessor)
    rows = client.get(_quality(assessed)).context["criteria_sections"]
    assert [(row["name"], [ref.key for ref in row["sections"]]) for row in rows] == [("Value", ["budget"])]


def test_eligibility_page_shows_the_sections_too(client, assessed):
    client.force_login(assessed.officer)
    body = client.get(reverse("staff:eligibility", args=[assessed.programme.slug, assessed.project.pk])).content
    assert b'id="section-workplan"' in body and b'id="section-budget"' in body


def test_assessor_comment_is_one_per_section_and_editable(client, assessed):
    client.force_login(assessed.assessor)
    url = _comment_url(assessed, "workplan")
    response = client.post(url, {"text": "WP1 is too short.", "return_to": "quality"})
    assert response.status_code == 302 and response.url.startswith(_quality(assessed))
    client.post(url, {"text": "WP1 needs a third period.", "return_to": "quality"})
    comment = SectionComment.objects.get(project=assessed.project, section="workplan")
    assert comment.author == assessed.assessor and comment.text == "WP1 needs a third period."
    body = client.get(_quality(assessed)).content.decode()
    assert "WP1 needs a third period." in body


def test_an_emptied_comment_is_removed(client, assessed):
    section_comment_save(project=assessed.project, section="budget", by=assessed.assessor, text="High.")
    client.force_login(assessed.assessor)
    client.post(_comment_url(assessed, "budget"), {"text": "  "})
    assert not SectionComment.objects.filter(project=assessed.project).exists()


def test_comments_of_every_assessor_are_visible_to_programme_staff(client, assessed):
    section_comment_save(project=assessed.project, section="partners", by=assessed.assessor, text="Strong lead.")
    section_comment_save(project=assessed.project, section="partners", by=assessed.officer, text="Check PP2.")
    assert SectionComment.objects.filter(project=assessed.project, section="partners").count() == 2
    client.force_login(assessed.programme_manager)
    body = client.get(reverse("staff:application", args=[assessed.programme.slug, assessed.project.pk])).content
    assert b"Strong lead." in body and b"Check PP2." in body


def test_comments_are_never_visible_to_applicants(client, assessed):
    section_comment_save(project=assessed.project, section="description", by=assessed.assessor, text="SECRET-NOTE")
    pk = assessed.project.pk
    for user in (assessed.manager, assessed.partner_user):
        client.force_login(user)
        for name in ["detail", "identification", "partners", "budget", "annexes", "collaborators", "check"]:
            response = client.get(reverse(f"projects:{name}", args=[pk]))
            assert response.status_code == 200 and b"SECRET-NOTE" not in response.content, name
        assert client.get(_quality(assessed)).status_code == 404
        assert client.post(_comment_url(assessed, "description"), {"text": "x"}).status_code == 404
    assert "SECRET-NOTE" not in str(assessed.project.submissions.get().snapshot)


def test_unassigned_assessor_may_not_comment(client, assessed):
    other = UserFactory(is_staff=True)
    ProgrammeStaff.objects.create(programme=assessed.programme, user=other, role=StaffRole.ASSESSOR)
    client.force_login(other)
    assert client.post(_comment_url(assessed, "budget"), {"text": "x"}).status_code == 403
    assert not SectionComment.objects.exists()


def test_unknown_section_is_a_404(client, assessed):
    client.force_login(assessed.assessor)
    assert client.post(_comment_url(assessed, "secrets"), {"text": "x"}).status_code == 404


def test_application_answers_read_every_section_at_once(assessed):
    project = (
        type(assessed.project)
        .objects.select_related("call", "programme", "specific_objective")
        .get(pk=assessed.project.pk)
    )
    with CaptureQueriesContext(connection) as small:
        application_answers(project)
    _grow(assessed, 19)
    with CaptureQueriesContext(connection) as large:
        answers = application_answers(project)
    assert len(large) == len(small)
    assert len(answers["work_packages"]) == 20 and len(answers["budget"]["partners"]) == 21


@pytest.mark.parametrize("page", ["quality", "eligibility", "application"])
def test_staff_pages_queries_are_the_same_at_1_and_20_partners_and_work_packages(
    client, assessed, page, django_assert_num_queries
):
    user = assessed.assessor if page == "quality" else assessed.officer
    client.force_login(user)
    section_comment_save(project=assessed.project, section="budget", by=assessed.officer, text="Fine.")
    url = reverse(f"staff:{page}", args=[assessed.programme.slug, assessed.project.pk])
    client.get(url)  # warm the per-process caches (content types, site)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(assessed, 19)
    with django_assert_num_queries(len(small)):
        assert client.get(url).status_code == 200


@pytest.fixture
def concept(assessed):
    """The same application as a two-step call's concept note waiting for the step-1 decision."""
    assessed.call.kind = "two_step"
    assessed.call.step1_sections = ["identification", "description", "partners"]
    assessed.call.save()
    type(assessed.project).objects.filter(pk=assessed.project.pk).update(status="concept_submitted", stage="concept")
    return assessed


def test_step1_page_shows_the_concept_note_sections_only(client, concept):
    client.force_login(concept.officer)
    body = client.get(reverse("staff:concept", args=[concept.programme.slug, concept.project.pk])).content.decode()
    assert 'id="section-description"' in body and 'id="section-partners"' in body
    assert 'id="section-workplan"' not in body and 'id="section-budget"' not in body


def test_step1_page_queries_are_the_same_at_1_and_20_partners_and_work_packages(
    client, concept, django_assert_num_queries
):
    client.force_login(concept.officer)
    url = reverse("staff:concept", args=[concept.programme.slug, concept.project.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(concept, 19)
    with django_assert_num_queries(len(small)):
        assert client.get(url).status_code == 200
