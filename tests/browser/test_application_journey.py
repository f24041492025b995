"""The whole applicant journey in Chromium: a coordinator signs up, starts an application, invites a partner who
fills in their own section, the checklist goes green, the application is submitted and everyone is emailed."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from playwright.sync_api import expect

from partnerships.choices import OrganisationType, Sector
from programmes.models import LegalStatus
from projects.models import Project
from tests.browser.helpers import login, signed_in
from tests.conftest import wait_for
from tests.factories import (
    PASSWORD,
    CallFactory,
    CountryFactory,
    OrganisationFactory,
    ProgrammeFactory,
    SpecificObjectiveFactory,
    UserFactory,
)
from tests.projects.budget_fill import nuts3
from tests.projects.workplan_data import indicators_for

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/[^\s]+)", message.body).group(1)


def _section(page, name):
    page.get_by_role("navigation", name="Application sections").get_by_role("link", name=re.compile(f"^{name}")).click()


def _fill_partner_section(page, name, budget, region):
    """The partner's details, then its budget: staff costs in the first period, 80 % ERDF, the rest public."""
    page.get_by_label("Legal status:", exact=True).select_option(label="Public law body")
    page.get_by_label("NUTS 3 region:", exact=True).select_option(label=region)
    page.get_by_label("Contact person:", exact=True).fill(name)
    page.get_by_role("group", name="Can the partner recover VAT?").get_by_label("No").check()
    page.get_by_label("Legal representative:", exact=True).fill("The mayor")
    page.get_by_label("Experience:", exact=True).fill("Air-quality measurement since 2005.")
    page.get_by_label("Role in the project:", exact=True).fill("Runs the measurement network.")
    for question in ("economic activity", "advantage it would not get", "affect trade", "other public sources"):
        page.get_by_role("group", name=re.compile(question)).get_by_label("No").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Partner section saved.")).to_be_visible()
    expect(page.locator("#state-aid-result")).to_have_text("No state aid")
    page.get_by_role("link", name="Budget of this partner").click()
    page.get_by_label("Staff costs, P1", exact=True).fill(budget)
    page.get_by_label("ERDF co-financing rate (%):", exact=True).fill("80")
    page.locator("#id_contribution_0_kind").select_option("public")
    page.locator("#id_contribution_0_source").fill("Municipal budget")
    page.locator("#id_contribution_0_amount").fill(str(Decimal(budget) * Decimal("0.2")))
    page.get_by_role("button", name="Save the budget").click()
    expect(page.get_by_text(re.compile(r"^Budget of .* saved\.$"))).to_be_visible()


def _describe_and_plan(page, axe):
    _section(page, "Project description")
    page.locator("#id_context").fill("Air pollution crosses the border.")
    expect(page.locator("#id_context-counter")).to_have_text("33 of 5000 characters")
    for field in ("overall_objective", "durability", "transferability", "communication"):
        page.locator(f"#id_{field}").fill("Planned together.")
    for principle in ("sustainable_development", "equal_opportunities", "gender_equality"):
        page.locator(f"#id_{principle}_1").check()  # neutral
        page.locator(f"#id_{principle}_justification").fill("Considered in every work package.")
    page.locator("#id_objectives-0-title").fill("Measure air quality together")
    page.locator("#id_groups-0-group").select_option("local_authority")
    page.locator("#id_groups-0-target_value").fill("4")
    assert axe(page) == []
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Project description saved.")).to_be_visible()

    _section(page, "Work plan")
    assert axe(page) == []
    page.get_by_role("link", name="Add a work package").click()
    page.locator("#id_title").fill("Joint measurement")
    page.locator("#id_responsible").select_option(label="LP · Wiener Umweltamt")
    page.get_by_role("group", name=re.compile("Participating partners")).get_by_label(
        re.compile("Mesto Bratislava")
    ).check()
    page.locator("#id_start_period").select_option("1")
    page.locator("#id_end_period").select_option("5")
    page.locator("#id_activities-0-title").fill("Install sensors")
    page.locator("#id_activities-0-start_period").select_option("1")
    page.locator("#id_activities-0-end_period").select_option("2")
    page.locator("#id_activities-0-deliverables-0-title").fill("Sensor network")
    page.locator("#id_activities-0-deliverables-0-period").select_option("2")
    page.locator("#id_outputs-0-indicator").select_option(
        label="XO 1 Organisations cooperating across borders (organisations)"
    )
    page.locator("#id_outputs-0-title").fill("Pilot sensor network")
    page.locator("#id_outputs-0-target_value").fill("1")
    page.locator("#id_outputs-0-period").select_option("2")
    assert axe(page) == []
    page.get_by_role("button", name="Save the work package").click()
    expect(page.get_by_text("Work package 1 saved.")).to_be_visible()

    _section(page, "Outputs and results")
    page.locator("#id_results-0-indicator").select_option(
        label="XR 1 Organisations cooperating after the project (organisations)"
    )
    page.locator("#id_results-0-target_value").fill("2")
    page.locator("#id_results-0-period").select_option("5")
    assert axe(page) == []
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Results saved.")).to_be_visible()


def test_from_signup_to_submitted_application(browser, live_server, celery_worker, axe):
    austria, slovakia = CountryFactory(code="AT"), CountryFactory(code="SK")
    programme = ProgrammeFactory(name="Interreg Austria–Slovakia")
    programme.countries.set([austria, slovakia])
    objective = SpecificObjectiveFactory(priority__programme=programme, code="SO2.4", title="Climate adaptation")
    call = CallFactory(
        programme=programme, reference="AT-SK-2026-01", title="Second call", max_cofinancing_rate=Decimal(80)
    )
    call.allowed_objectives.set([objective])
    indicators_for(objective, programme)
    OrganisationFactory(name="Mesto Bratislava", country=slovakia, type=OrganisationType.LOCAL_AUTHORITY)
    UserFactory(email="peter@example.org", first_name="Peter", last_name="Novak")
    LegalStatus.objects.create(name="Public law body", is_public_body=True)
    nuts3(austria, "AT130"), nuts3(slovakia, "SK010")

    # 1. sign up and confirm the email from the outbox
    coordinator = browser.new_context(base_url=live_server.url).new_page()
    coordinator.set_default_timeout(15000)
    coordinator.goto("/accounts/signup/")
    coordinator.get_by_label("First name").fill("Maria")
    coordinator.get_by_label("Last name").fill("Huber")
    coordinator.get_by_label("Email").fill("maria@example.org")
    coordinator.get_by_label("Password:", exact=True).fill(PASSWORD)
    coordinator.get_by_label("Password (again):", exact=True).fill(PASSWORD)
    coordinator.get_by_role("button", name="Sign Up").click()
    wait_for(lambda: any(m.to == ["maria@example.org"] for m in mail.outbox), message="no confirmation email")
    coordinator.goto(_link_in(mail.outbox[-1]))
    coordinator.get_by_role("button", name="Confirm").click()
    assert signed_in(coordinator)  # confirming signed her in

    # 2. find the call and start an application, registering the organisation
    coordinator.goto("/calls/")
    assert axe(coordinator) == []
    coordinator.get_by_role("link", name=re.compile("AT-SK-2026-01")).click()
    assert axe(coordinator) == []
    coordinator.get_by_role("link", name="Start an application").click()
    coordinator.get_by_label("Find your organisation").fill("Wiener Umweltamt")
    coordinator.get_by_role("button", name="Search").click()
    expect(coordinator.get_by_text("No organisation matches")).to_be_visible()
    assert axe(coordinator) == []
    coordinator.get_by_label("My organisation is not listed: register it").check()
    coordinator.get_by_label("Name:", exact=True).fill("Wiener Umweltamt")
    coordinator.get_by_label("Type:", exact=True).select_option(OrganisationType.REGIONAL_AUTHORITY)
    coordinator.get_by_label("Public or private:", exact=True).select_option(Sector.PUBLIC)
    coordinator.get_by_label("Country:", exact=True).select_option("AT")
    coordinator.get_by_label("Project acronym:", exact=True).fill("CLEAN-AIR")
    coordinator.get_by_role("button", name="Start the application").click()
    expect(coordinator.get_by_text("Your application is started.")).to_be_visible()
    project = Project.objects.get(acronym="CLEAN-AIR")

    # 3. the checklist explains what is missing, each item links to its place
    _section(coordinator, "Check and submit")
    assert axe(coordinator) == []
    coordinator.get_by_role("link", name="Check your answers and submit").click()
    expect(coordinator.locator("#submit-button")).to_be_disabled()
    assert axe(coordinator) == []
    coordinator.get_by_role("link", name="Give the project a title.").click()
    coordinator.get_by_label("Title:", exact=True).fill("Clean air for Vienna and Bratislava")
    coordinator.get_by_label("Summary:", exact=True).fill("Two capitals measure and reduce air pollution together.")
    coordinator.get_by_label("Specific objective:", exact=True).select_option(label="SO2.4 Climate adaptation")
    coordinator.get_by_label("Duration (months):", exact=True).fill("30")
    coordinator.get_by_role("button", name="Save").click()
    expect(coordinator.get_by_text("Identification saved.")).to_be_visible()
    assert axe(coordinator) == []
    coordinator.goto(f"/applications/{project.pk}/partners/{project.partners.get().pk}/")
    _fill_partner_section(coordinator, "Maria Huber", "120000", "AT130 Region AT130")
    assert axe(coordinator) == []

    # 4. invite the partner; the email carries the signed link
    _section(coordinator, "Partnership")
    coordinator.get_by_label("Partner's email").fill("peter@example.org")
    coordinator.get_by_role("button", name="Send the invitation").click()
    expect(coordinator.get_by_text("Invitation sent to peter@example.org.")).to_be_visible()
    assert axe(coordinator) == []
    wait_for(lambda: any(m.to == ["peter@example.org"] for m in mail.outbox), message="no invitation email")
    invitation_path = _link_in(next(m for m in mail.outbox if m.to == ["peter@example.org"]))

    # 5. the partner accepts, chooses their existing organisation and fills in their own section
    partner = browser.new_context(base_url=live_server.url).new_page()
    partner.set_default_timeout(15000)
    login(partner, "peter@example.org")
    partner.goto(invitation_path)
    expect(partner.get_by_text("invites you to join CLEAN-AIR")).to_be_visible()
    partner.get_by_label("Find your organisation").fill("Bratislava")
    partner.get_by_role("button", name="Search").click()
    partner.get_by_label(re.compile("Mesto Bratislava")).check()
    assert axe(partner) == []
    partner.get_by_role("button", name="Accept and join").click()
    expect(partner.get_by_text("Welcome to CLEAN-AIR.")).to_be_visible()
    _fill_partner_section(partner, "Peter Novak", "80000", "SK010 Region SK010")
    assert axe(partner) == []

    # 5b. the coordinator describes the project, plans its work and its results (the live counter counts)
    _describe_and_plan(coordinator, axe)

    # 6. the budget overview adds up both partners; the checklist is green; submit; the email arrives
    coordinator.goto(f"/applications/{project.pk}/budget/")
    expect(coordinator.locator("#budget-total")).to_contain_text("200")
    assert axe(coordinator) == []
    coordinator.goto(f"/applications/{project.pk}/check/")
    expect(coordinator.get_by_text("Everything is complete.")).to_be_visible()
    coordinator.get_by_role("link", name="Check your answers and submit").click()
    coordinator.get_by_role("button", name="Submit the application").click()  # not confirmed yet: refused
    expect(coordinator.locator("[data-error-summary]")).to_be_focused()
    assert axe(coordinator) == []
    coordinator.get_by_label("I confirm the information is correct and complete").check()
    coordinator.get_by_role("button", name="Submit the application").click()
    expect(coordinator.get_by_text("Submitted. Everyone on the application")).to_be_visible()
    expect(coordinator.locator(".workspace-header .tag-submitted")).to_have_text("Submitted")
    assert axe(coordinator) == []
    wait_for(
        lambda: (
            {"maria@example.org", "peter@example.org"} <= {m.to[0] for m in mail.outbox if "was submitted" in m.subject}
        ),
        message="the submission email did not arrive",
    )
    _section(coordinator, "Identification")
    expect(coordinator.get_by_text("it can no longer be edited")).to_be_visible()
