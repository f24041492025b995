"""Issue 19's browser journey in Chromium, on the `contracted` project in force as version 1: the lead partner's
manager asks for a modification that moves budget and adds a partner; the programme officer (second factor) opens
it; the manager moves €1,500 of PP2's period-2 budget from staff costs to travel, adds a registered organisation as
PP3 with its details, work package and budget, and submits; the officer approves it, in force from today. The diff
of versions 1 and 2 shows exactly those changes, and PP2's next report (period 2) shows the new budget in its
financial overview. axe-core checks every page; the diff does not scroll sideways at 320 px."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from projects.models import Modification
from projects.modification_workflow import ModificationStatus
from projects.services.partner_changes import current_period
from projects.versions import version_in_force
from tests.browser.helpers import fits_narrow, login, section
from tests.factories import OrganisationFactory
from tests.mfa import totp_code, totp_setup
from tests.modifications.conftest import contracted, in_force, ready  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MOVED = Decimal("1500")  # moved from PP2's staff costs to its travel costs, in period 2
NEW_BUDGET = Decimal("10000")  # PP3's staff costs in period 3, 80 % ERDF and 20 % public contribution
NEW_ORGANISATION = "Mesto Kosice"


def _amount(value: Decimal) -> str:
    return f"{value:,.2f}"


@pytest.fixture
def person(browser, live_server):
    """A signed-in browser context of its own for each person; closed after the test."""
    contexts = []

    def sign_in(user, *, staff: bool = False):
        context = browser.new_context(base_url=live_server.url)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        login(page, user.email, totp_code(totp_setup(user)) if staff else None)
        return page

    yield sign_in
    for context in contexts:
        context.close()


def _request(page, axe, project):
    page.goto(f"/applications/{project.pk}/modifications/")
    expect(page.get_by_role("heading", name="Modifications", level=2)).to_be_visible()
    expect(page.locator("#version-in-force")).to_contain_text("Version 1")
    assert axe(page) == []
    page.get_by_label("What do you want to change, and why?").fill(
        "Move 1,500 EUR of PP2's staff costs to travel in period 2, and add Mesto Kosice as a partner."
    )
    page.get_by_role("button", name="Ask for a modification").click()
    expect(page.get_by_text("Modification requested.")).to_be_visible()
    assert axe(page) == []


def _open(page, axe, programme):
    page.goto(f"/staff/{programme.slug}/modifications/")
    expect(page.get_by_role("heading", name="Modifications", level=1)).to_be_visible()
    assert axe(page) == []
    page.get_by_role("link", name="Modification 1").click()
    expect(page.get_by_role("heading", name="Modification 1 of DANUBE-AIR", level=1)).to_be_visible()
    assert axe(page) == []
    page.get_by_role("button", name="Open", exact=True).click()
    expect(page.get_by_text("Modification opened: the applicants can change the application.")).to_be_visible()
    assert axe(page) == []


def _move_budget(page, axe, project, partner):
    """PP2's period 2: staff costs down by MOVED, travel up by as much (the total and contributions stay)."""
    page.goto(f"/applications/{project.pk}/budget/{partner.pk}/")
    assert axe(page) == []
    staff = page.get_by_label("Staff costs, P2", exact=True)
    before = Decimal(staff.input_value())
    staff.fill(str(before - MOVED))
    page.get_by_label("Travel and accommodation, P2", exact=True).fill(str(MOVED))
    page.get_by_role("button", name="Save the budget").click()
    expect(page.get_by_text(re.compile(r"^Budget of .* saved\.$"))).to_be_visible()
    return before


def _add_partner(page, axe, project):
    """The registered organisation, found and added as a partner; its details, work package and budget."""
    section(page, "Partnership")
    page.get_by_label("Find your organisation").fill("Kosice")
    page.get_by_role("button", name="Search").click()
    page.get_by_label(re.compile(NEW_ORGANISATION)).check()
    assert axe(page) == []
    page.get_by_role("button", name="Add the partner").click()
    expect(page.get_by_text(f"{NEW_ORGANISATION} was added as PP3.")).to_be_visible()
    assert axe(page) == []

    page.get_by_label("Legal status:", exact=True).select_option(label="Public law body")
    page.get_by_label("NUTS 3 region:", exact=True).select_option(label="SK999 Region SK999")
    page.get_by_label("Contact person:", exact=True).fill("Katarina Kovac")
    page.get_by_label("Contact email:", exact=True).fill("katarina@example.org")
    page.get_by_role("group", name="Can the partner recover VAT?").get_by_label("No").check()
    page.get_by_label("Legal representative:", exact=True).fill("The mayor")
    page.get_by_label("Experience:", exact=True).fill("Air-quality measurement since 2010.")
    page.get_by_label("Role in the project:", exact=True).fill("Extends the sensor network to Kosice.")
    for question in ("economic activity", "advantage it would not get", "affect trade", "other public sources"):
        page.get_by_role("group", name=re.compile(question)).get_by_label("No").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Partner section saved.")).to_be_visible()

    page.get_by_role("link", name="Budget of this partner").click()
    page.get_by_label("Staff costs, P3", exact=True).fill(str(NEW_BUDGET))
    page.get_by_label("ERDF co-financing rate (%):", exact=True).fill("80")
    page.locator("#id_contribution_0_kind").select_option("public")
    page.locator("#id_contribution_0_source").fill("Municipal budget")
    page.locator("#id_contribution_0_amount").fill(str(NEW_BUDGET * Decimal("0.2")))
    page.get_by_role("button", name="Save the budget").click()
    expect(page.get_by_text(re.compile(r"^Budget of .* saved\.$"))).to_be_visible()

    section(page, "Work plan")
    page.get_by_role("link", name="Work package 1", exact=True).click()
    page.get_by_role("group", name=re.compile("Participating partners")).get_by_label(
        re.compile(NEW_ORGANISATION)
    ).check()
    page.get_by_role("button", name="Save the work package").click()
    expect(page.get_by_text("Work package 1 saved.")).to_be_visible()


def _submit(page, axe, project):
    page.goto(f"/applications/{project.pk}/modifications/")
    page.get_by_role("link", name="Modification 1").click()
    expect(page.locator("#all-clear")).to_be_visible()
    assert axe(page) == []
    page.get_by_label(re.compile("^I confirm the changed application")).check()
    page.get_by_role("button", name="Submit the modification").click()
    expect(page.get_by_text("Modification submitted.")).to_be_visible()
    assert axe(page) == []


def _approve(page, axe, programme, project, modification, today):
    page.goto(f"/staff/{programme.slug}/applications/{project.pk}/modifications/{modification.pk}/")
    assert axe(page) == []
    approve = page.locator("#form-approve")
    approve.get_by_label("Decision date").fill(today.isoformat())
    approve.get_by_label("In force from").fill(today.isoformat())
    approve.get_by_role("button", name="Approve the modification").click()
    expect(
        page.get_by_text("Modification approved: the changed application is the new version in force.")
    ).to_be_visible()
    assert axe(page) == []


def test_a_modification_moves_budget_adds_a_partner_and_governs_the_next_report(person, in_force, axe):  # noqa: F811
    project, programme = in_force.project, in_force.programme
    OrganisationFactory(country=in_force.slovakia, name=NEW_ORGANISATION)
    today = timezone.localdate()

    lead = person(in_force.manager)
    _request(lead, axe, project)
    modification = Modification.objects.get(project=project)
    assert modification.status == ModificationStatus.REQUESTED

    officer = person(in_force.staff, staff=True)
    _open(officer, axe, programme)

    staff_before = _move_budget(lead, axe, project, in_force.partner)
    _add_partner(lead, axe, project)
    _submit(lead, axe, project)

    _approve(officer, axe, programme, project, modification, today)
    modification.refresh_from_db()
    assert modification.status == ModificationStatus.APPROVED
    version = version_in_force(project)
    assert version.number == 2 and version.in_force_from == today

    lead.goto(f"/applications/{project.pk}/versions/diff/?from=1&to=2")
    expect(lead.get_by_role("heading", level=1)).to_have_text("DANUBE-AIR: what changed from version 1 to version 2")
    assert axe(lead) == []
    fits_narrow(lead)
    _diff_shows_exactly_the_changes(lead, staff_before)

    # the next report of PP2 (the current period, which ends after the entry into force) uses version 2's budget
    period = current_period(project)
    assert period == 2
    v1_budget, v2_budget = _category_budget(in_force.v1, in_force.partner), _category_budget(version, in_force.partner)
    assert v2_budget["staff"] == v1_budget["staff"] - MOVED
    assert v2_budget["travel"] == v1_budget.get("travel", Decimal(0)) + MOVED
    partner = person(in_force.partner_user)
    _report_overview(partner, axe, project, period, v2_budget)


def _category_budget(version, partner) -> dict[str, Decimal]:
    """The partner's budget per cost category, read from the version's stored answers."""
    (budget,) = [p for p in version.answers["budget"]["partners"] if p["id"] == partner.pk]
    return {row["category"]: Decimal(str(row["total"])) for row in budget["rows"]}


def _rows(page, name):
    return page.get_by_role("region", name=name, exact=True).locator("tbody tr")


def _diff_shows_exactly_the_changes(page, staff_before):
    """Three sections changed: the partnership (PP3 added), the work plan (PP3 takes part in work package 1, which
    it must for the checklist) and the budget (PP2's two moved cells, PP3's new cell and budget, the totals)."""
    expect(page.locator("section.diff-section h2")).to_have_text(["Partnership", "Work plan", "Budget"])
    partnership = _rows(page, "Partnership")
    expect(partnership).to_have_count(1)
    expect(partnership.first).to_have_text(re.compile(rf"^PP3 — {NEW_ORGANISATION}\s*Added$"))
    workplan = _rows(page, "Work plan")
    expect(workplan).to_have_count(1)
    expect(workplan.first.locator("td")).to_have_text(["Partners", "PP2", "PP2, PP3"])

    cells = _rows(page, "Budget cells that changed")
    expect(cells).to_have_count(3)
    moved = _amount(MOVED)
    expect(cells.nth(0).locator("th, td")).to_have_text(
        ["PP2", "Staff costs", "P2", f"€{_amount(staff_before)}", f"€{_amount(staff_before - MOVED)}", f"-€{moved}"]
    )
    expect(cells.nth(1).locator("th, td")).to_have_text(
        ["PP2", "Travel and accommodation", "P2", "€0.00", f"€{moved}", f"+€{moved}"]
    )
    new = _amount(NEW_BUDGET)
    expect(cells.nth(2).locator("th, td")).to_have_text(["PP3", "Staff costs", "P3", "—", f"€{new}", f"+€{new}"])

    budget = _rows(page, "Budget")
    expect(budget.filter(has_text="Budget of PP2")).to_have_count(0)  # PP2's total and funds stay the same
    expect(budget.filter(has_text="Budget of PP3").first).to_contain_text("Added")
    expect(budget.filter(has_text="Budget of PP3").filter(has_text="Total")).to_contain_text(f"€{new}")
    totals = budget.filter(has_text="Project totals")
    expect(totals.filter(has_text="Travel and accommodation")).to_contain_text(f"€0.00€{moved}")
    staff = totals.filter(has_text="Staff costs").locator("td")
    expect(staff).to_have_count(3)
    before, after = (Decimal(staff.nth(n).inner_text().lstrip("€").replace(",", "")) for n in (1, 2))
    assert after == before - MOVED + NEW_BUDGET  # PP2 moved MOVED to travel; PP3 brought NEW_BUDGET


def _report_overview(page, axe, project, period, budget):
    """PP2's contact opens its report for the period; the financial overview budgets the version in force."""
    page.goto(f"/applications/{project.pk}/reports/")
    expect(page.get_by_role("heading", name="Partner reports", level=1)).to_be_visible()
    page.get_by_label("Period").select_option(str(period))
    page.get_by_role("button", name="Open the report").click()
    expect(page.get_by_text("Report 1 opened.")).to_be_visible()
    page.get_by_role("navigation", name="Report sections").get_by_role("link", name="Financial overview").click()
    expect(page.get_by_role("heading", name="Financial overview (EUR)")).to_be_visible()
    assert axe(page) == []
    for label, category in (("Staff costs", "staff"), ("Travel and accommodation", "travel")):
        row = page.get_by_role("row", name=re.compile(f"^{label}"))
        expect(row.locator("td").first).to_have_text(f"€{_amount(budget[category])}")
