"""Contact this organisation (issue 21): the relay writes the message to the outbox once per contact address, never
shows an address, and refuses anonymous, empty, over-long and repeated messages and senders over their limits."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from interact_portal.notifications.models import OutboxEmail
from partnerships.contact_models import ContactKind, ContactMessage
from partnerships.relay import MAX_BODY, MAX_SUBJECT, message_relay, organisation_contact_addresses
from tests.access.test_no_addresses import addresses
from tests.factories import OrganisationFactory, ProjectFactory, ProjectPartnerFactory, UserFactory

pytestmark = pytest.mark.django_db
BODY = "We are looking for a partner on district heating in the Danube region."


def _post(client, organisation, **data):
    return client.post(reverse("database:organisation_contact", args=[organisation.pk]), data)


def _relay_emails() -> list[OutboxEmail]:
    return list(OutboxEmail.objects.filter(key__startswith="relay:").order_by("to"))


def test_one_email_per_distinct_contact_address_and_none_shown(client, reachable):
    client.force_login(reachable.sender)
    response = _post(client, reachable.organisation, subject="Heat  networks\r\nBcc: x", body=BODY)
    assert response.status_code == 302 and response.url == reverse(
        "database:organisation", args=[reachable.organisation.pk]
    )
    emails = _relay_emails()
    assert {e.to for e in emails} == reachable.addresses and len(emails) == len(reachable.addresses)
    message = ContactMessage.objects.get()
    assert (message.sender, message.recipients, message.kind) == (reachable.sender, 2, ContactKind.CONTACT)
    assert message.subject == "Heat networks Bcc: x"  # one line: nothing can be added to the email's headers
    email = emails[0]
    assert email.subject == "[Interact Portal] Heat networks Bcc: x" and BODY in email.body
    assert "Sam Sender wrote to Org HUB" in email.body and "sender@example.org" in email.body  # so they can answer
    assert "/organisations/contact/abuse/" in email.body
    page = client.get(response.url)
    html = page.content.decode()
    assert "Your message was passed on to Org HUB" in html
    shown = addresses(response.content.decode() + html)
    assert shown == {"sender@example.org"} and 'class="who">sender@example.org<' in html  # the header only
    assert not (reachable.addresses | reachable.never) & shown


def test_a_sender_without_a_name_is_named_by_their_address_in_the_email(reachable):
    nameless = UserFactory(email="nameless@example.org", first_name="", last_name="")
    message_relay(sender=nameless, organisation=reachable.organisation, subject="Hello", body=BODY)
    body = _relay_emails()[0].body
    assert body.startswith("nameless@example.org wrote to Org HUB") and "None" not in body


def test_inactive_accounts_and_unpublished_applications_are_not_contacts(reachable):
    assert organisation_contact_addresses(reachable.organisation) == sorted(reachable.addresses)


def test_anonymous_visitors_are_sent_to_sign_in_and_nothing_is_sent(client, reachable):
    response = _post(client, reachable.organisation, subject="Hello", body=BODY)
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    page = client.get(reverse("database:organisation", args=[reachable.organisation.pk])).content.decode()
    assert "Sign in</a> to write to this organisation" in page and 'name="subject"' not in page
    with pytest.raises(PermissionDenied):
        message_relay(sender=AnonymousUser(), organisation=reachable.organisation, subject="Hello", body=BODY)
    assert not ContactMessage.objects.exists() and not _relay_emails()


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"subject": "", "body": ""}, "subject", "This field is required."),
        ({"subject": "Hi", "body": "   "}, "body", "This field is required."),
        ({"subject": "Hi", "body": "Too short"}, "body", "Write a message of at least 10 characters."),
        ({"subject": "Hi", "body": "x" * (MAX_BODY + 1)}, "body", f"at most {MAX_BODY} characters"),
        ({"subject": "s" * (MAX_SUBJECT + 1), "body": BODY}, "subject", f"at most {MAX_SUBJECT} characters"),
        ({"subject": "Hi", "body": BODY + "\x00"}, "body", "Null characters are not allowed."),
    ],
    ids=["empty", "blank", "short", "long body", "long subject", "nul"],
)
def test_bad_messages_are_refused_next_to_their_field_and_in_the_summary(client, reachable, data, field, error):
    client.force_login(reachable.sender)
    response = _post(client, reachable.organisation, **data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html and "<title>Error:" in html
    assert f'href="#id_{field}"' in html  # the summary links to the field
    form = response.context["contact_form"]
    assert any(error in message for message in form.errors[field])
    assert not ContactMessage.objects.exists() and not _relay_emails()


def test_the_service_refuses_what_the_form_would(reachable):
    org, sender = reachable.organisation, reachable.sender
    for subject, body, field in [("", BODY, "subject"), ("Hi", "", "body"), ("Hi", BODY + "\x00", "body")]:
        with pytest.raises(ValidationError) as refused:
            message_relay(sender=sender, organisation=org, subject=subject, body=body)
        assert field in refused.value.message_dict
    with pytest.raises(ValidationError):
        message_relay(sender=sender, organisation=org, subject="Hi\x00", body=BODY)
    assert not ContactMessage.objects.exists()


def test_the_same_message_again_is_refused_even_to_another_organisation(client, reachable):
    other = OrganisationFactory(name="Other")
    ProjectPartnerFactory(project=ProjectFactory(status="closed"), organisation=other, contact_email="o@example.org")
    client.force_login(reachable.sender)
    assert _post(client, reachable.organisation, subject="Hello", body=BODY).status_code == 302
    again = _post(client, other, subject="Hello again", body="  " + BODY.upper() + " ")
    assert again.status_code == 400 and "You have sent this message already." in again.content.decode()
    assert ContactMessage.objects.count() == 1


def test_the_hourly_limit(client, reachable, settings):
    settings.CONTACT_RELAY_PER_HOUR, settings.CONTACT_RELAY_PER_DAY = 2, 20
    client.force_login(reachable.sender)
    for n in range(2):
        assert _post(client, reachable.organisation, subject="Hi", body=f"{BODY} {n}").status_code == 302
    refused = _post(client, reachable.organisation, subject="Hi", body=f"{BODY} third")
    assert refused.status_code == 400
    assert "You have sent 2 messages in the last hour" in refused.content.decode()
    ContactMessage.objects.update(created_at=timezone.now() - timedelta(minutes=61))  # an hour later
    assert _post(client, reachable.organisation, subject="Hi", body=f"{BODY} third").status_code == 302


def test_the_daily_limit(client, reachable, settings):
    settings.CONTACT_RELAY_PER_HOUR, settings.CONTACT_RELAY_PER_DAY = 100, 3
    client.force_login(reachable.sender)
    for n in range(3):
        message_relay(sender=reachable.sender, organisation=reachable.organisation, subject="Hi", body=f"{BODY} {n}")
    ContactMessage.objects.update(created_at=timezone.now() - timedelta(hours=5))
    refused = _post(client, reachable.organisation, subject="Hi", body=f"{BODY} fourth")
    assert refused.status_code == 400 and "You have sent 3 messages today" in refused.content.decode()
    ContactMessage.objects.update(created_at=timezone.now() - timedelta(hours=25))
    assert _post(client, reachable.organisation, subject="Hi", body=f"{BODY} fourth").status_code == 302


def test_an_organisation_without_contacts_has_a_sentence_instead_of_the_form(client, orgs, reachable):
    silent = orgs.organisations["d"]  # lead of a closed project, nobody to write to
    client.force_login(reachable.sender)
    page = client.get(reverse("database:organisation", args=[silent.pk])).content.decode()
    assert "has no contact person in a public project" in page and 'name="subject"' not in page
    refused = _post(client, silent, subject="Hello", body=BODY)
    assert refused.status_code == 400
    assert "This organisation has no contact person who can receive messages." in refused.content.decode()
    assert not ContactMessage.objects.exists()


def test_the_relay_is_post_only(client, reachable):
    client.force_login(reachable.sender)
    url = reverse("database:organisation_contact", args=[reachable.organisation.pk])
    assert client.get(url).status_code == 405
    assert client.post(reverse("database:organisation_contact", args=[0]), {}).status_code == 404
