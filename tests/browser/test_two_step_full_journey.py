"""Issue 17's browser journey in Chromium: on a two-step call the applicant fills in the concept note (the call's
step-1 sections only) and submits it from the summary page, an officer approves step 1, then the applicants fill in
every section of the full form; the checklist shrinks after each section down to "Everything is complete.", the
coordinator confirms on the summary page and submits. axe-core checks every new page on the way."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from partnerships.models import PartnerInvitation
from programmes.application_form import concept_note_sections
from programmes.choices import CallKind
from programmes.models import LegalStatus, ProgrammeStaff, StaffRole
from projects.models import Project, Stage
from projects.services.applications import application_start
from projects.services.invitations import invitation_link
from tests.browser.helpers import (
    describe,
    fill_partner_budget,
    fill_partner_details,
    login,
    plan_results,
    plan_work,
    section,
)
from tests.factories import (
    CallFactory,
    CountryFactory,
    OrganisationFactory,
    ProgrammeFactory,
    SpecificObjectiveFactory,
    UserFactory,
)
from tests.mfa import totp_code, totp_setup
from tests.projects.budget_fill import nuts3
from tests.projects.workplan_data import indicators_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _remaining(page, project) -> int:
    """The number of items the check page still lists (0 once it says everything is complete)."""
    page.goto(reverse("projects:check", args=[project.pk]))
    problems = page.locator("#problems li")
    if page.locator("#all-clear").count():
        expect(page.locator("#all-clear")).to_have_text("Everything is complete.")
        return 0
    expect(problems.first).to_be_visible()
    return problems.count()


class Checklist:
    """The check page's count, asserted to shrink after each section."""

    def __init__(self, page, project):
        self.page, self.project = page, project
        self.count = _remaining(page, project)
        self.history = [self.count]

    def shrinks(self, after: str) -> int:
        now = _remaining(self.page, self.project)
        assert now < self.count, f"the checklist did not shrink after {after}: {self.history} then {now}"
        self.count = now
        self.history.append(now)
        return now


@pytest.fixture
def new_page(browser, live_server):
    """A page in a browser context of its own (one person each), closed after the test."""
    contexts = []

    def make():
        context = browser.new_context(base_url=live_server.url)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        return page

    yield make
    for context in contexts:
        context.close()


def test_two_step_call_concept_note_approval_full_form_checklist_to_zero_and_submitted(new_page, axe):
    austria, slovakia = CountryFactory(code="AT"), CountryFactory(code="SK")
    programme = ProgrammeFactory(name="Interreg Austria–Slovakia")
    programme.countries.set([austria, slovakia])
    objective = SpecificObjectiveFactory(priority__programme=programme, code="SO2.4", title="Climate adaptation")
    call = CallFactory(
        programme=programme, reference="AT-SK-2026-02", title="Two-step call", max_cofinancing_rate=Decimal(80)
    )
    call.kind = CallKind.TWO_STEP
    call.step2_closes_at = call.closes_at + (call.closes_at - call.opens_at)
    call.save()
    call.allowed_objectives.set([objective])
    indicators_for(objective, programme)
    vienna = OrganisationFactory(name="Wiener Umweltamt", country=austria)
    OrganisationFactory(name="Mesto Bratislava", country=slovakia)
    maria = UserFactory(email="maria@example.org", first_name="Maria", last_name="Huber")
    UserFactory(email="peter@example.org", first_name="Peter", last_name="Novak")
    officer = UserFactory(is_staff=True)
    ProgrammeStaff.objects.create(programme=programme, user=officer, role=StaffRole.OFFICER)
    LegalStatus.objects.create(name="Public law body", is_public_body=True)
    nuts3(austria, "AT130"), nuts3(slovakia, "SK010")
    project = application_start(call=call, organisation=vienna, acronym="CLEAN-AIR", by=maria)
    assert project.stage == Stage.CONCEPT
    step1 = concept_note_sections(call)
    assert {"identification", "description", "partners"} <= set(step1) and "budget" not in step1

    coordinator = new_page()
    login(coordinator, maria.email)
    checklist = Checklist(coordinator, project)
    assert axe(coordinator) == []
    nav = coordinator.get_by_role("navigation", name="Application sections")
    expect(nav.get_by_role("link", name=re.compile("^Budget"))).to_have_count(0)  # not a step-1 section
    expect(nav.get_by_role("link", name=re.compile("^Work plan"))).to_have_count(0)

    # 1. the concept note: identification, description, the partnership (a partner invited) and both partners
    section(coordinator, "Identification")
    coordinator.get_by_label("Title:", exact=True).fill("Clean air for Vienna and Bratislava")
    coordinator.get_by_label("Summary:", exact=True).fill("Two capitals measure and reduce air pollution together.")
    coordinator.get_by_label("Specific objective:", exact=True).select_option(label="SO2.4 Climate adaptation")
    coordinator.get_by_label("Duration (months):", exact=True).fill("30")
    coordinator.get_by_role("button", name="Save").click()
    expect(coordinator.get_by_text("Identification saved.")).to_be_visible()
    checklist.shrinks("the identification")

    describe(coordinator, axe)
    checklist.shrinks("the description")

    section(coordinator, "Partnership")
    coordinator.get_by_label("Partner's email").fill("peter@example.org")
    coordinator.get_by_role("button", name="Send the invitation").click()
    expect(coordinator.get_by_text("Invitation sent to peter@example.org.")).to_be_visible()
    assert axe(coordinator) == []
    partner = new_page()
    login(partner, "peter@example.org")
    partner.goto(re.sub(r"^https?://[^/]+", "", invitation_link(PartnerInvitation.objects.get(project=project))))
    partner.get_by_label("Find your organisation").fill("Bratislava")
    partner.get_by_role("button", name="Search").click()
    partner.get_by_label(re.compile("Mesto Bratislava")).check()
    partner.get_by_role("button", name="Accept and join").click()
    expect(partner.get_by_text("Welcome to CLEAN-AIR.")).to_be_visible()
    fill_partner_details(partner, "Peter Novak", "SK010 Region SK010")
    assert axe(partner) == []
    checklist.shrinks("the second partner joined and filled in its details")

    coordinator.goto(reverse("projects:partner", args=[project.pk, project.partners.get(abbreviation="LP").pk]))
    fill_partner_details(coordinator, "Maria Huber", "AT130 Region AT130")
    assert axe(coordinator) == []
    assert checklist.shrinks("the lead partner's details") == 0

    # 2. submit the concept note from the summary page, which shows only the step-1 sections
    coordinator.get_by_role("link", name="Check your answers and submit the concept note").click()
    expect(coordinator.locator("#summary-partners")).to_be_visible()
    expect(coordinator.locator("#summary-budget")).to_have_count(0)
    assert axe(coordinator) == []
    coordinator.get_by_label("I confirm the information is correct and complete").check()
    coordinator.get_by_role("button", name="Submit the concept note").click()
    expect(coordinator.get_by_text("decides step 1")).to_be_visible()
    project.refresh_from_db()
    assert project.status == "concept_submitted"

    # 3. an officer approves step 1 on its page
    staff = new_page()
    login(staff, officer.email, totp_code(totp_setup(officer)))
    staff.goto(reverse("staff:application", args=[programme.slug, project.pk]))
    staff.get_by_role("link", name="Decide on the concept note (step 1)").click()
    expect(staff.get_by_role("heading", name="The application")).to_be_visible()
    assert axe(staff) == []
    staff.get_by_role("radio", name=re.compile("Approve: the applicants")).check()
    staff.get_by_role("button", name="Save", exact=True).click()
    expect(staff.get_by_text("Step 1 decided; the applicants are told.")).to_be_visible()
    # the officer lands on the application, which they still see (its concept note was submitted)
    expect(staff.get_by_role("heading", level=1)).to_contain_text(project.acronym)
    project.refresh_from_db()
    assert project.stage == Stage.FULL and project.status == "draft"

    # 4. the full form: the checklist now lists the step-2 sections and shrinks with each of them
    checklist = Checklist(coordinator, project)
    assert checklist.count > 0
    expect(nav.get_by_role("link", name=re.compile("^Budget"))).to_be_visible()
    plan_work(coordinator, axe)
    expect(coordinator.get_by_role("heading", name=re.compile("Work package 1"))).to_be_visible()
    checklist.shrinks("the work plan")
    plan_results(coordinator, axe)
    checklist.shrinks("the results")

    second = project.partners.exclude(abbreviation="LP").get()
    partner.goto(reverse("projects:partner_budget", args=[project.pk, second.pk]))
    assert axe(partner) == []
    fill_partner_budget(partner, "80000")
    assert axe(partner) == []
    checklist.shrinks("the second partner's budget")

    coordinator.goto(reverse("projects:partner_budget", args=[project.pk, project.partners.get(abbreviation="LP").pk]))
    fill_partner_budget(coordinator, "120000")
    coordinator.goto(reverse("projects:budget", args=[project.pk]))
    expect(coordinator.locator("#budget-total")).to_contain_text("200")
    assert axe(coordinator) == []
    assert checklist.shrinks("the lead partner's budget") == 0
    expect(coordinator.get_by_text("Everything is complete.")).to_be_visible()

    # 5. confirm on the summary page and submit
    coordinator.get_by_role("link", name="Check your answers and submit").click()
    expect(coordinator.locator("#summary-budget")).to_be_visible()
    assert axe(coordinator) == []
    coordinator.get_by_label("I confirm the information is correct and complete").check()
    coordinator.get_by_role("button", name="Submit the application").click()
    expect(coordinator.get_by_text("Submitted. Everyone on the application")).to_be_visible()
    expect(coordinator.locator(".workspace-header .tag-submitted")).to_have_text("Submitted")
    assert axe(coordinator) == []
    assert Project.objects.get(pk=project.pk).status == "submitted"
