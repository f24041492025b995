"""The event admin as staff see it in a browser: the zone of the event next to its times (no "behind server time"
note), and the event list's seat columns within the page."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.choices import RegistrationStatus
from events.models import Registration
from tests.browser.helpers import login
from tests.factories import EventFactory, UserFactory
from tests.mfa import totp_code, totp_setup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_event_admin_in_a_browser_elsewhere_than_the_server(browser, live_server):
    secret = totp_setup(UserFactory(email="admin@example.org", is_staff=True, is_superuser=True))
    day = (timezone.now() + timedelta(days=20)).date()
    start = datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Europe/Helsinki"))
    event = EventFactory(
        title="Interreg Knowledge Fair 2027: capitalisation, civil society and the partnership principle",
        timezone="Europe/Helsinki",
        type="knowledge_fair",
        format="hybrid",
        starts_at=start,
        ends_at=start + timedelta(hours=7),
        capacity=2,
    )
    for status in (RegistrationStatus.CONFIRMED, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED):
        Registration.objects.create(event=event, user=UserFactory(), status=status)
    # a browser in London: one hour behind the server (Brussels), two behind the event (Helsinki)
    context = browser.new_context(base_url=live_server.url, timezone_id="Europe/London")
    page = context.new_page()
    login(page, "admin@example.org", totp_code(secret))

    page.goto(f"/admin/events/event/{event.pk}/change/")
    expect(page.locator("input[name=starts_at_1]")).to_have_value("10:00:00")
    expect(page.get_by_text("In the event’s time zone: Europe/Helsinki").first).to_be_visible()
    expect(page.get_by_text("behind server time")).to_have_count(0)

    page.goto("/admin/events/event/")
    results = page.locator(".results")
    assert results.evaluate("box => box.scrollWidth <= box.clientWidth"), "the event list scrolls sideways"
    for column in ("confirmed", "waitlisted"):
        header = page.locator(f"th.column-{column}")
        assert header.evaluate("th => th.getBoundingClientRect().right <= window.innerWidth"), f"{column} is cut off"
    expect(page.locator("td.field-confirmed")).to_have_text("2 of 2")
    expect(page.locator("td.field-waitlisted")).to_have_text("1")
    context.close()
