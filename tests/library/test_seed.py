"""seed_demo brings Interact's partnership page into the library (the seed page 000_7ff24938c7ab4d4e)."""

import pytest
from django.urls import reverse

from events.choices import TextStatus
from events.models import LibraryItem, Topic

pytestmark = pytest.mark.django_db


def test_the_partnership_page_is_in_the_library(demo, client):
    topic = Topic.objects.get(slug="partnership-principle")
    assert (topic.contact_name, topic.contact_office) == ("Besiana Ninka", "Interact")
    items = {item.title: item for item in LibraryItem.objects.filter(topic=topic)}
    assert items["European Code of Conduct on Partnership"].url.startswith("https://eur-lex.europa.eu/")
    report = items["The engagement of civil society in Interreg"]
    assert report.kind == "report" and report.date.year == 2024 and report.text_status == TextStatus.DONE
    assert "monitoring committees" in " ".join(report.text.split())  # read from its PDF
    assert any("Knowledge Fair" in title for title in items)

    page = client.get(reverse("library:topic", args=[topic.slug])).content.decode()
    for shown in (
        "Besiana Ninka",
        "Report: alternative funding models in Interreg",  # the 10 June 2024 event's materials, from the event
        "Presentations of the speakers",
        "Supporting project applicants and partners",  # the two autumn events
        "The partnership principle in 2021-27: exchange",
    ):
        assert shown in page, shown
    assert "Video recording of the online event" not in page  # participants only
    found = client.get(reverse("library:search") + "?q=monitoring+committees").content.decode()
    assert "The engagement of civil society in Interreg" in found
