"""An admin creates and publishes a one-seat event; A takes the seat, B waits, A cancels, B is promoted."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Audience, Event
from programmes.models import Country
from tests.browser.helpers import login, person_menu
from tests.factories import UserFactory
from tests.mfa import totp_code, totp_setup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _register(page, slug):
    page.goto(f"/events/{slug}/")
    page.get_by_label("Organisation:", exact=True).fill("Interreg Programme Secretariat")
    page.get_by_label("Country:", exact=True).select_option("AT")
    page.get_by_label("Your role:", exact=True).select_option(label="Joint secretariat")
    page.get_by_label("I agree that my name").check()
    page.get_by_role("button", name="Register").or_(page.get_by_role("button", name="Join the waiting list")).click()


def test_one_seat_event_from_admin_to_promotion(browser, live_server, axe):
    Country.objects.create(code="AT", name="Austria")
    Audience.objects.create(code="joint_secretariat", name="Joint secretariat")
    secret = totp_setup(UserFactory(email="admin@example.org", is_staff=True, is_superuser=True))
    UserFactory(email="anna@example.org")
    UserFactory(email="bruno@example.org")
    start = timezone.localtime() + timedelta(days=10)

    admin = browser.new_context(base_url=live_server.url).new_page()
    login(admin, "admin@example.org", totp_code(secret))
    admin.goto("/admin/events/event/add/")
    admin.locator("#id_title_en").fill("Webinar on simplified cost options")
    admin.get_by_label("Type:").select_option("webinar")
    admin.get_by_label("Format:").select_option("online")
    for name, moment in (
        ("starts_at", start),
        ("ends_at", start + timedelta(hours=2)),
        ("registration_opens_at", timezone.localtime() - timedelta(days=1)),
        ("registration_closes_at", start - timedelta(days=1)),
    ):
        admin.fill(f"input[name={name}_0]", moment.strftime("%Y-%m-%d"))
        admin.fill(f"input[name={name}_1]", moment.strftime("%H:%M:%S"))
    admin.get_by_label("Online link:").fill("https://meet.example.org/sco")
    admin.get_by_label("Capacity:").fill("1")
    admin.get_by_role("button", name="Save", exact=True).click()
    expect(admin.get_by_text("was added successfully")).to_be_visible()
    event = Event.objects.get(title="Webinar on simplified cost options")
    assert event.status == "draft" and event.created_by.email == "admin@example.org"
    admin.locator(f"input[name=_selected_action][value='{event.pk}']").check()
    admin.select_option("select[name=action]", "publish")
    admin.get_by_role("button", name="Go").click()
    expect(admin.get_by_text("1 event published.")).to_be_visible()

    anna = browser.new_context(base_url=live_server.url).new_page()
    login(anna, "anna@example.org")
    anna.goto("/events/")
    expect(anna.get_by_text("1 seat left")).to_be_visible()
    assert axe(anna) == []
    _register(anna, event.slug)
    expect(anna.locator("#registration-status")).to_have_text("Your seat is confirmed.")
    assert axe(anna) == []

    bruno = browser.new_context(base_url=live_server.url).new_page()
    login(bruno, "bruno@example.org")
    _register(bruno, event.slug)
    expect(bruno.locator("#registration-status")).to_contain_text("waiting list: position 1")

    anna.get_by_role("link", name="Cancel my registration").click()  # asks first: nothing changes yet
    expect(anna.get_by_role("heading", name="Cancel your registration for “Webinar on simplified cost options”?"))
    anna.get_by_role("button", name="Yes, cancel my registration").click()
    expect(anna.get_by_text("Your registration is cancelled")).to_be_visible()

    bruno.reload()
    expect(bruno.locator("#registration-status")).to_have_text("Your seat is confirmed.")
    person_menu(bruno).get_by_role("link", name="Notifications").click()
    expect(
        bruno.get_by_role("link", name="A seat is free for you at “Webinar on simplified cost options”")
    ).to_be_visible()
    assert axe(bruno) == []
