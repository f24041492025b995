"""The knowledge library's pages in Chromium, 320 px wide and through axe-core: the search with its facets, a topic
with its contact person and its events' materials, an item; the search box and a facet used as a visitor would."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Material
from tests.browser.helpers import fits_narrow
from tests.factories import EventFactory
from tests.library.conftest import item_make, topic_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fine(page, path: str, axe, heading: str) -> None:
    page.goto(path)
    expect(page.get_by_role("heading", name=heading, exact=True).first).to_be_visible()
    fits_narrow(page, 320)
    assert axe(page) == []


@pytest.fixture
def library(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    topic = topic_make(
        "Partnership principle",
        description="Partnerships are the foundations of Interreg.",
        contact_name="Besiana Ninka",
        contact_role="Contact person for the partnership principle",
        contact_office="Interact",
    )
    item_make(topic, "European Code of Conduct on Partnership", kind="guidance", description="The core document.")
    report = item_make(
        topic,
        "The engagement of civil society in Interreg, a report with a rather long title to wrap on a phone",
        pdf=["Programmes engage citizens through the monitoring committee and the wider partnership."],
    )
    start = timezone.now() - timedelta(days=60)
    event = EventFactory(
        title="Alternative funding models in Interreg",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        registration_opens_at=start - timedelta(days=30),
        registration_closes_at=start - timedelta(hours=2),
    )
    event.topics.add(topic)
    Material.objects.create(event=event, kind="report", title="Report of the event", url="https://example.org/r")
    return topic, report


def test_the_library_pages_fit_a_phone_and_pass_axe(page, axe, library):
    topic, report = library
    _fine(page, reverse("library:search"), axe, "Knowledge library")
    page.get_by_label("Search the library").fill("committee")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("status")).to_have_text("1 item")
    expect(page.get_by_role("link", name=report.title)).to_be_visible()
    page.get_by_label("Kind").select_option("report")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("status")).to_have_text("1 item")
    fits_narrow(page, 320)
    assert axe(page) == []

    _fine(page, reverse("library:topic", args=[topic.slug]), axe, "Partnership principle")
    expect(page.get_by_text("Besiana Ninka").first).to_be_visible()
    expect(page.get_by_role("link", name="Report of the event")).to_be_visible()
    _fine(page, reverse("library:item", args=[report.pk]), axe, report.title)
    expect(page.get_by_role("link", name=f"Download {report.title}")).to_be_visible()
