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
from tests.browser.helpers import describe_and_plan, fill_partner_section, login, section, signed_in
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
    section(coordinator, "Check and submit")
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
    fill_partner_section(coordinator, "Maria Huber", "120000", "AT130 Region AT130")
    assert axe(coordinator) == []

    # 4. invite the partner; the email carries the signed link
    section(coordinator, "Partnership")
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
    fill_partner_section(partner, "Peter Novak", "80000", "SK010 Region SK010")
    assert axe(partner) == []

    # 5b. the coordinator describes the project, plans its work and its results (the live counter counts)
    describe_and_plan(coordinator, axe)

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
    section(coordinator, "Identification")
    expect(coordinator.get_by_text("it can no longer be edited")).to_be_visible()
