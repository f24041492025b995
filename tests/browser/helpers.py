"""Steps shared by the browser journeys."""

import re
from decimal import Decimal

from playwright.sync_api import expect

from tests.factories import PASSWORD


def login(page, email: str, code: str | None = None) -> None:
    """Sign in; `code` is the second factor (the authenticator app's code, or a recovery code) for staff."""
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    if code is not None:
        page.wait_for_url("**/2fa/authenticate/**")
        page.get_by_placeholder("Code").fill(code)
        page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/" not in url)  # signed in: a refused password or code stays there


def person_menu(page):
    """The header's person menu (notifications, reports, account, data, log out), opened."""
    menu = page.locator(".person-menu")
    if menu.get_attribute("open") is None:
        menu.locator("summary").click()
    return menu


def signed_in(page) -> bool:
    return page.locator(".person-menu").count() > 0


def logout(page) -> None:
    person_menu(page).get_by_role("button", name="Log out").click()


def section(page, name):
    page.get_by_role("navigation", name="Application sections").get_by_role("link", name=re.compile(f"^{name}")).click()


def fill_partner_section(page, name, budget, region):
    """The partner's details, then its budget: staff costs in the first period, 80 % ERDF, the rest public."""
    fill_partner_details(page, name, region)
    page.get_by_role("link", name="Budget of this partner").click()
    fill_partner_budget(page, budget)


def fill_partner_details(page, name, region):
    """The partner's details and state-aid answers (no state aid), saved."""
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


def fill_partner_budget(page, budget):
    """The partner's budget table: staff costs in the first period, 80 % ERDF, the rest a public contribution."""
    page.get_by_label("Staff costs, P1", exact=True).fill(budget)
    page.get_by_label("ERDF co-financing rate (%):", exact=True).fill("80")
    page.locator("#id_contribution_0_kind").select_option("public")
    page.locator("#id_contribution_0_source").fill("Municipal budget")
    page.locator("#id_contribution_0_amount").fill(str(Decimal(budget) * Decimal("0.2")))
    page.get_by_role("button", name="Save the budget").click()
    expect(page.get_by_text(re.compile(r"^Budget of .* saved\.$"))).to_be_visible()


def describe_and_plan(page, axe):
    describe(page, axe)
    plan_work(page, axe)
    plan_results(page, axe)


def describe(page, axe):
    """The description: context (its live counter), objectives, principles, an objective and a target group."""
    section(page, "Project description")
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


def plan_work(page, axe, lead="LP · Wiener Umweltamt", partner="Mesto Bratislava"):
    """A work package with an activity, a deliverable and an output."""
    section(page, "Work plan")
    assert axe(page) == []
    page.get_by_role("link", name="Add a work package").click()
    page.locator("#id_title").fill("Joint measurement")
    page.locator("#id_responsible").select_option(label=lead)
    page.get_by_role("group", name=re.compile("Participating partners")).get_by_label(re.compile(partner)).check()
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


def plan_results(page, axe):
    """A result against the programme's result indicator."""
    section(page, "Outputs and results")
    page.locator("#id_results-0-indicator").select_option(
        label="XR 1 Organisations cooperating after the project (organisations)"
    )
    page.locator("#id_results-0-target_value").fill("2")
    page.locator("#id_results-0-period").select_option("5")
    assert axe(page) == []
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Results saved.")).to_be_visible()


# the innermost elements that stick out on the right, to name the culprit in a failure
STICKING_OUT = """width => {
    const out = el => el.getBoundingClientRect().right > width + 0.5 && !el.parentElement.closest(".table-scroll");
    return Array.from(document.querySelectorAll("body *"))
        .filter(el => out(el) && !Array.from(el.children).some(out))
        .slice(0, 3)
        .map(el => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`);
}"""


def fits_narrow(page, width: int = 320) -> None:
    """The current page, shown `width` px wide, does not scroll sideways (wide tables scroll in their own box);
    the window is given back its size afterwards."""
    before = page.viewport_size
    page.set_viewport_size({"width": width, "height": 800})
    try:
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        culprits = page.evaluate(STICKING_OUT, width) if scroll_width > width else []
        assert scroll_width <= width, f"{page.url} is {scroll_width} px wide in a {width} px window: {culprits}"
    finally:
        page.set_viewport_size(before)
