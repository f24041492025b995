"""The layout on a phone (390 and 320 px wide) and on a desktop: no page scrolls sideways (wide tables scroll in
their own box), the navigation folds behind a menu button that works from the keyboard, the project search shows
its results first with the filters behind a "Filter" disclosure, and the signed-in header is one row on a desktop.
axe-core checks every page on the way."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Session, Speaker
from partnerships.choices import PartnerRole
from projects.models import CollaboratorLevel
from tests.browser.helpers import login
from tests.factories import (
    CollaboratorFactory,
    CountryFactory,
    EventFactory,
    OrganisationFactory,
    ProjectFactory,
    ProjectPartnerFactory,
    UserFactory,
)
from tests.mfa import totp_code, totp_setup
from tests.projects.conftest import ready  # noqa: F401
from tests.staff.conftest import office  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_NAMES = [
    "Regionalentwicklungsgesellschaft Oberösterreich-Südböhmen mbH",
    "Jihomoravské inovační centrum pro udržitelnou energetiku z.s.p.o.",
    "Slovenská inovačná a energetická agentúra pre cezhraničnú spoluprácu",
    "Magistrat der Landeshauptstadt Klagenfurt am Wörthersee",
]


@pytest.fixture
def world(office, database):  # noqa: F811
    """The staff world (a submitted application, its programme's manager), the public project database, a draft
    application with six partners of long names, and an event with a timetable."""
    cz = CountryFactory(code="CZ")
    draft = ProjectFactory(
        programme=office.programme, call=office.call, acronym="GREENHEAT-CROSSBORDER", created_by=office.manager
    )
    CollaboratorFactory(project=draft, user=office.manager, level=CollaboratorLevel.MANAGE)
    for n, name in enumerate(LONG_NAMES + ["Stadt Wien", "Mesto Bratislava"]):
        ProjectPartnerFactory(
            project=draft,
            organisation=OrganisationFactory(name=name, country=cz),
            role=PartnerRole.LEAD if n == 0 else PartnerRole.PARTNER,
            abbreviation=f"PP{n + 1}",
            contact_name="Dr. Maximiliane Regionalentwicklungsbeauftragte",
            contact_user=office.manager if n == 0 else None,
            budget=1_234_567,
        )
    starts = timezone.now() + timedelta(days=10)
    event = EventFactory(
        title="Knowledge fair on cross-border public services", slug="knowledge-fair", starts_at=starts
    )
    session = Session.objects.create(
        event=event,
        title="Harmonised cross-border ambulance services",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
    )
    Speaker.objects.create(event=event, name="Dr. Maximiliane Regionalentwicklungsbeauftragte").sessions.add(session)
    office.draft = draft
    office.event = event
    office.admin = UserFactory(is_staff=True, is_superuser=True, email="a.very.long.address.for.the.admin@example.org")
    office.manager_code = totp_setup(office.programme_manager)
    office.admin_code = totp_setup(office.admin)
    return office


# the innermost elements that stick out on the right, to name the culprit in a failure
STICKING_OUT = """width => {
    const out = el => el.getBoundingClientRect().right > width + 0.5 && !el.parentElement.closest(".table-scroll");
    return Array.from(document.querySelectorAll("body *"))
        .filter(el => out(el) && !Array.from(el.children).some(out))
        .slice(0, 3)
        .map(el => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`);
}"""


def _fits(page, width: int) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    culprits = page.evaluate(STICKING_OUT, width) if scroll_width > width else []
    assert scroll_width <= width, f"{page.url} is {scroll_width} px wide in a {width} px window: {culprits}"


def _menu_opens_with_the_keyboard(page) -> None:
    button = page.get_by_role("button", name="Menu")
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Events")).to_be_hidden()
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="Events")).to_be_visible()
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(nav.get_by_role("link", name="Events")).to_be_hidden()
    assert button.evaluate("el => el === document.activeElement")


def _check(page, path: str, width: int, axe) -> None:
    page.goto(path)
    _fits(page, width)
    _menu_opens_with_the_keyboard(page)
    assert axe(page) == []


@pytest.mark.parametrize("width", [390, 320])
def test_key_pages_fit_a_phone(browser, live_server, world, axe, width):
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15000)

    _check(page, "/", width, axe)
    _check(page, f"/events/{world.event.slug}/", width, axe)
    _check(page, "/projects/", width, axe)
    # the results come first; the 40+ filters wait behind a "Filter" disclosure
    facets = page.get_by_role("heading", name="Refine")
    expect(facets).to_be_hidden()
    expect(page.get_by_text("HEATWISE")).to_be_visible()
    disclosure = page.locator("summary", has_text="Filter")
    disclosure.focus()
    page.keyboard.press("Enter")
    expect(facets).to_be_visible()
    _fits(page, width)

    login(page, world.manager.email)
    _check(page, f"/applications/{world.draft.pk}/partners/", width, axe)
    expect(page.get_by_role("region", name="Partners")).to_be_visible()  # the table scrolls in its own box
    page.goto("/accounts/logout/")
    page.get_by_role("button", name="Sign Out").click()

    login(page, world.programme_manager.email, totp_code(world.manager_code))
    _check(page, "/staff/", width, axe)
    _check(page, f"/staff/{world.programme.slug}/", width, axe)
    _check(page, f"/staff/{world.programme.slug}/applications/", width, axe)
    _check(page, f"/staff/{world.programme.slug}/applications/{world.project.pk}/", width, axe)
    context.close()


def test_the_menu_is_reachable_without_javascript(browser, live_server, world):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 800}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto("/")
    _fits(page, 390)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Events").click()
    page.wait_for_url("**/events/")
    context.close()


def test_the_signed_in_header_is_one_row_on_a_desktop(browser, live_server, world, axe):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15000)
    login(page, world.admin.email, totp_code(world.admin_code))
    page.goto("/staff/")
    header = page.locator(".site-header .header-row").bounding_box()
    brand = page.locator(".brand").bounding_box()
    assert header["height"] <= 64, f"the header is {header['height']} px high: it wraps"
    languages = page.locator(".site-header .language-row").bounding_box()
    assert languages["height"] <= 40, f"the language strip is {languages['height']} px high: it wraps"
    assert brand["y"] - header["y"] >= 8, "the logo touches the top edge"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    person_box = page.locator(".person-menu").bounding_box()
    assert person_box["x"] + person_box["width"] <= header["x"] + header["width"] + 0.5, "the person menu overflows"
    nav = page.get_by_role("navigation", name="Main")
    for name in ("Programmes", "Calls", "Projects", "Events", "My applications", "Staff workspace"):
        expect(nav.get_by_role("link", name=name)).to_be_visible()
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()

    # the person menu: notifications, reports, account, data, administration and logging out, from the keyboard
    person = page.locator(".person-menu > summary")
    expect(page.get_by_role("button", name="Log out")).to_be_hidden()
    person.focus()
    page.keyboard.press("Enter")
    for name in ("Notifications", "Reports", "My account", "Your data", "Administration"):
        expect(page.locator(".person-menu").get_by_role("link", name=name)).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    assert axe(page) == []
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Log out")).to_be_hidden()
    assert person.evaluate("el => el === document.activeElement")
    person.press("Enter")
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    context.close()
