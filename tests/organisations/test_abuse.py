"""A recipient reports a relayed message as abuse through the link in its email (issue 21): once, the superusers
are told (with a link to the message in the admin), the sender is not; a forged or expired link is a 404."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from interact_portal.notifications.models import Notification, OutboxEmail
from partnerships import relay
from partnerships.relay import abuse_url, message_relay
from tests.access.test_no_addresses import addresses
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
BODY = "Buy cheap watches now, the best offer in the whole Danube region."


@pytest.fixture
def relayed(reachable):
    return message_relay(sender=reachable.sender, organisation=reachable.organisation, subject="Watches", body=BODY)


def _path(message) -> str:
    """The abuse link, as the recipients' email has it."""
    email = OutboxEmail.objects.filter(key__startswith=f"relay:{message.pk}:").first()
    url = re.search(r"http\S+/organisations/contact/abuse/\S+/", email.body).group(0)
    assert url.startswith(abuse_url(message).rsplit(":", 2)[0])  # the link relay.abuse_url made
    return "/" + url.split("/", 3)[3]


def test_the_link_of_the_email_opens_the_report_page(client, relayed):
    path = _path(relayed)
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200 and "Watches" in html and "Org HUB" in html
    assert 'name="note"' in html and addresses(html) == set()  # not the sender's, not the contacts'
    assert path in OutboxEmail.objects.filter(key__startswith="relay:").first().body


def test_a_report_is_made_once_and_tells_the_superusers(client, relayed):
    admins = [UserFactory(is_staff=True, is_superuser=True) for _ in range(2)]
    UserFactory(is_staff=True, is_superuser=True, is_active=False)
    staff = UserFactory(is_staff=True)
    path = _path(relayed)
    response = client.post(path, {"note": "  Spam.  "})
    assert response.status_code == 302 and response.url == path
    relayed.refresh_from_db()
    assert relayed.abuse_reported_at is not None and relayed.abuse_note == "Spam."
    told = Notification.objects.filter(event="relay.abuse")
    assert {n.recipient for n in told} == set(admins) and staff not in {n.recipient for n in told}
    assert relayed.sender not in {n.recipient for n in told}
    link = reverse("admin:partnerships_contactmessage_change", args=[relayed.pk])
    assert {n.url for n in told} == {link}
    first_at = relayed.abuse_reported_at
    assert client.post(path, {"note": "Again"}).status_code == 302
    relayed.refresh_from_db()
    assert relayed.abuse_reported_at == first_at and relayed.abuse_note == "Spam."
    assert Notification.objects.filter(event="relay.abuse").count() == 2  # one per superuser, once
    page = client.get(path).content.decode()
    assert "This message has been reported." in page and 'name="note"' not in page
    # the notification's link opens the message in the admin, for a superuser
    client.force_login(admins[0])
    assert client.get(link).status_code == 200
    client.force_login(staff)
    assert client.get(link).status_code == 403


def test_an_over_long_note_is_refused_with_its_reason(client, relayed):
    response = client.post(_path(relayed), {"note": "x" * 3001})
    assert response.status_code == 400 and 'class="error-summary"' in response.content.decode()
    relayed.refresh_from_db()
    assert relayed.abuse_reported_at is None


@pytest.mark.parametrize("token", ["nonsense", "Mg:1xYG2n:forged", "%00", "a" * 300])
def test_a_forged_link_is_404(client, relayed, token):
    assert client.get(f"/organisations/contact/abuse/{token}/").status_code == 404
    assert client.post(f"/organisations/contact/abuse/{token}/", {}).status_code == 404


def test_an_expired_link_is_404(client, relayed, monkeypatch):
    path = _path(relayed)
    monkeypatch.setattr(relay, "ABUSE_MAX_AGE", timedelta(seconds=-1))
    assert client.get(path).status_code == 404 and client.post(path, {}).status_code == 404
    relayed.refresh_from_db()
    assert relayed.abuse_reported_at is None


def test_the_admin_lists_messages_for_superusers_only_without_addresses(client, relayed, reachable):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    listing = client.get(reverse("admin:partnerships_contactmessage_changelist"))
    html = listing.content.decode()
    assert listing.status_code == 200 and "Watches" in html and "Sam Sender" in html
    assert not addresses(html) & (reachable.addresses | {"sender@example.org"})
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("admin:partnerships_contactmessage_changelist")).status_code == 403


def test_the_report_page_costs_the_same_queries_however_many_messages(client, relayed, reachable):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    path = _path(relayed)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    few = queries()
    for n in range(20):
        message_relay(sender=UserFactory(), organisation=reachable.organisation, subject=f"S{n}", body=f"{BODY} {n}")
    assert queries() == few <= 3
