"""Who sees what: anonymous visitors never see signed-in items nor their files; the topic page shows its contact
(no address) and the materials of its past events as the events' own pages do."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.choices import LibraryVisibility
from events.models import LibraryItem, Material
from tests.factories import EventFactory, RegistrationFactory, UserFactory

from .conftest import item_make, topic_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(topic):
    public = item_make(topic, "Public report", pdf=["The openly readable text."])
    hidden = item_make(
        topic, "Members-only template", pdf=["The secretive quokka clause."], visibility=LibraryVisibility.SIGNED_IN
    )
    return public, hidden


def test_anonymous_visitors_never_see_signed_in_items(client, topic, items):
    public, hidden = items
    for url in (reverse("library:search"), reverse("library:topic", args=[topic.slug])):
        page = client.get(url).content.decode()
        assert public.title in page and hidden.title not in page
    assert hidden.title not in client.get(reverse("library:search") + "?q=quokka").content.decode()
    assert "0 items" in client.get(reverse("library:search") + "?q=quokka").content.decode()
    for name in ("library:item", "library:download"):
        response = client.get(reverse(name, args=[hidden.pk]))
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_signed_in_people_see_and_download_every_item(client, topic, items):
    public, hidden = items
    client.force_login(UserFactory())
    page = client.get(reverse("library:search") + "?q=quokka").content.decode()
    assert hidden.title in page and "1 item" in page
    response = client.get(reverse("library:download", args=[hidden.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="members-only-template.pdf"')
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_public_items_are_downloaded_by_anyone_and_missing_ones_are_404(client, topic, items):
    public, _hidden = items
    assert client.get(reverse("library:download", args=[public.pk])).status_code == 200
    link = item_make(topic, "A link only")
    assert client.get(reverse("library:download", args=[link.pk])).status_code == 404
    assert client.get(reverse("library:item", args=[link.pk])).status_code == 200
    assert client.get(reverse("library:item", args=[99999999])).status_code == 404
    assert client.get(reverse("library:topic", args=["no-such-topic"])).status_code == 404


def test_visible_to_is_the_policy(topic, items):
    public, hidden = items
    assert list(LibraryItem.objects.visible_to(UserFactory.build()).order_by("pk")) == [public, hidden]
    from django.contrib.auth.models import AnonymousUser

    assert list(LibraryItem.objects.visible_to(AnonymousUser())) == [public]


def test_the_topic_shows_its_contact_without_an_address(client, topic):
    page = client.get(reverse("library:topic", args=[topic.slug])).content.decode()
    assert "Besiana Ninka" in page and "Contact person" in page and "Interact" in page
    assert "@" not in page.split("<main", 1)[1].split("</main>", 1)[0]


def _past_event(topic, **fields):
    start = timezone.now() - timedelta(days=30)
    event = EventFactory(
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        registration_opens_at=start - timedelta(days=20),
        registration_closes_at=start - timedelta(hours=1),
        **fields,
    )
    event.topics.add(topic)
    return event


def test_materials_of_past_events_appear_under_their_topic(client, topic):
    past = _past_event(topic, title="Alternative funding models")
    Material.objects.create(event=past, kind="report", title="Event report", url="https://example.org/report")
    Material.objects.create(
        event=past, kind="recording", title="Recording", url="https://example.org/rec", visibility="participants"
    )
    upcoming = EventFactory(title="Autumn exchange")
    upcoming.topics.add(topic)
    Material.objects.create(event=upcoming, kind="report", title="Agenda of the future", url="https://example.org/a")
    elsewhere = _past_event(topic_make("Communication"))
    Material.objects.create(event=elsewhere, kind="report", title="Other topic's report", url="https://example.org/o")
    draft = _past_event(topic, status="draft")
    Material.objects.create(event=draft, kind="report", title="Draft's report", url="https://example.org/d")
    url = reverse("library:topic", args=[topic.slug])

    page = client.get(url).content.decode()
    assert "Event report" in page and "Alternative funding models" in page
    assert "Recording" not in page  # participants only
    assert "Agenda of the future" not in page and "Other topic" not in page and "Draft's report" not in page
    assert "Autumn exchange" in page  # an upcoming event of the topic

    client.force_login(UserFactory())  # signed in, but not a participant
    assert "Recording" not in client.get(url).content.decode()
    participant = RegistrationFactory(event=past).user
    client.force_login(participant)
    assert "Recording" in client.get(url).content.decode()
