"""What the portal sends is written in the reader's language, never the sender's (issue 20): notifications are
kept as a message key with parameters and written out when shown or emailed; invitations to an address without an
account follow the inviter's page; calendar files and reports the language they were asked in."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone, translation

from events.services import event_cancel, registration_create
from interact_portal.accounts.language import user_language_set
from interact_portal.core.formatting import format_span
from interact_portal.notifications.messages import Day, Message
from interact_portal.notifications.models import Notification, OutboxEmail
from interact_portal.notifications.outbox import outbox_send
from partnerships.idea_services import idea_create, interest_express
from projects.models import CollaboratorLevel
from projects.services.collaborator_invitations import collaborator_invitation_create
from tests.factories import CollaboratorFactory, EventFactory, ProjectFactory, RegistrationFactory, UserFactory
from tests.ideas import conftest as ideas

pytestmark = pytest.mark.django_db
ideas_world = ideas.ideas_world  # the partner search's fixture, for the relayed interest
SITE = settings.SITE_URL.rstrip("/")


@pytest.fixture
def event():
    start = datetime(timezone.now().year + 1, 3, 10, 10, tzinfo=ZoneInfo("Europe/Berlin"))  # in March: „März“
    return EventFactory(
        title="Cohesion Days",
        timezone="Europe/Berlin",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        registration_opens_at=timezone.now() - timedelta(days=1),
        registration_closes_at=start - timedelta(hours=1),
    )


def _span(event, language: str) -> str:
    with translation.override(language):
        return format_span(event.starts_at, event.ends_at, event.timezone)


def _cancel_as_english_staff(event):
    """An English-speaking organiser cancels from an English page."""
    with translation.override("en"):
        event_cancel(event=event, by=UserFactory(language="en"))


def test_a_notification_from_an_english_user_to_a_german_user_reads_german(client, event):
    german = UserFactory(language="de")
    RegistrationFactory(event=event, user=german)
    _cancel_as_english_staff(event)
    row = Notification.objects.get(recipient=german, event="event.cancelled")
    assert row.title_msgid == "“%(event)s” is cancelled" and row.title_params == {"event": "Cohesion Days"}
    assert row.body_msgid == "We are sorry: the event planned for %(when)s will not take place."
    client.force_login(german)
    page = client.get("/de/notifications/").content.decode()
    assert "„Cohesion Days“ ist abgesagt" in page
    assert f"Es tut uns leid: Die für {_span(event, 'de')} geplante" in page and "März" in page
    assert f'href="/de/events/{event.slug}/"' in page
    assert "is cancelled" not in page and "We are sorry" not in page


def test_the_notifications_page_reads_the_same_number_of_queries_for_one_and_many(
    client, event, django_assert_max_num_queries
):
    german = UserFactory(language="de")
    client.force_login(german)
    RegistrationFactory(event=event, user=german)
    _cancel_as_english_staff(event)
    client.get("/de/notifications/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get("/de/notifications/")
    for other in EventFactory.create_batch(4):
        RegistrationFactory(event=other, user=german)
        _cancel_as_english_staff(other)
    with django_assert_max_num_queries(len(one)):
        assert client.get("/de/notifications/").content.decode().count("ist abgesagt") >= 5


def test_the_text_follows_the_recipients_language_when_they_change_it(event):
    person = UserFactory(language="de")
    RegistrationFactory(event=event, user=person)
    _cancel_as_english_staff(event)
    assert Notification.objects.get(recipient=person).title == "„Cohesion Days“ ist abgesagt"
    user_language_set(user=person, language="fr")
    assert Notification.objects.get(recipient=person).title == "« Cohesion Days » est annulé"
    user_language_set(user=person, language="en")
    assert Notification.objects.get(recipient=person).title == "“Cohesion Days” is cancelled"


def test_an_email_to_a_polish_user_is_polish_with_links_to_polish_pages(event):
    polish = UserFactory(language="pl")
    RegistrationFactory(event=event, user=polish)
    _cancel_as_english_staff(event)
    email = OutboxEmail.objects.get(to=polish.email)
    assert email.subject.endswith("Odwołano „Cohesion Days”")
    assert f"Przepraszamy: wydarzenie zaplanowane na {_span(event, 'pl')} nie" in email.body
    assert f"{SITE}/pl/events/{event.slug}/" in email.body
    assert f"{SITE}/pl/notifications/" in email.body and "All your notifications" not in email.body


def test_the_calendar_attached_to_a_seat_email_speaks_the_recipients_language(event):
    polish = UserFactory(language="pl")
    with translation.override("en"):
        registration_create(event=event, user=polish)
    email = OutboxEmail.objects.get(to=polish.email, notification__event="event.registered")
    assert "Twoje miejsce na „Cohesion Days” zostało potwierdzone" in email.subject
    assert f"Kiedy: {_span(event, 'pl')}" in email.body
    mail.outbox.clear()
    assert outbox_send(email_id=email.pk)
    (attachment,) = [a for a in mail.outbox[0].attachments if a[0].endswith(".ics")]
    (item,) = icalendar.Calendar.from_ical(attachment[1]).walk("VEVENT")
    assert str(item["url"]) == f"{SITE}/pl/events/{event.slug}/"


def test_an_ics_is_in_the_language_it_was_asked_in(client, event):
    feed = icalendar.Calendar.from_ical(client.get("/de/events/feed.ics").content)
    assert str(feed["x-wr-calname"]) == "Interact-Lernveranstaltungen"
    assert {str(item["url"]) for item in feed.walk("VEVENT")} == {f"{SITE}/de/events/{event.slug}/"}
    one = icalendar.Calendar.from_ical(client.get(f"/fr/events/{event.slug}/calendar.ics").content)
    assert [str(item["url"]) for item in one.walk("VEVENT")] == [f"{SITE}/fr/events/{event.slug}/"]
    english = icalendar.Calendar.from_ical(client.get("/events/feed.ics").content)
    assert str(english["x-wr-calname"]) == "Interact learning events"


@pytest.fixture
def manager():
    project = ProjectFactory(acronym="DANUBE")
    return CollaboratorFactory(project=project, level=CollaboratorLevel.MANAGE, user=UserFactory(language="en"))


def test_an_invitation_to_an_address_without_an_account_is_in_the_inviters_page_language(manager):
    with translation.override("fr"):  # the English manager is on a French page
        collaborator_invitation_create(
            project=manager.project, email="new.person@example.org", level=CollaboratorLevel.EDIT, by=manager.user
        )
    email = OutboxEmail.objects.get(to="new.person@example.org")
    assert email.subject.endswith("Invitation à travailler sur DANUBE")
    assert f"{SITE}/fr/" in email.body and "Invitation to work on" not in email.body


def test_an_invitation_to_an_address_with_an_account_is_in_its_owners_language(manager):
    polish = UserFactory(language="pl", email="ola@example.org")
    with translation.override("fr"):
        collaborator_invitation_create(
            project=manager.project, email=polish.email, level=CollaboratorLevel.VIEW, by=manager.user
        )
    email = OutboxEmail.objects.get(to=polish.email)
    assert email.subject.endswith("Zaproszenie do pracy nad DANUBE")
    assert f"{SITE}/pl/" in email.body and f"{SITE}/fr/" not in email.body


def test_an_account_email_is_in_the_account_owners_language_with_links_to_their_pages(client, settings):
    settings.ACCOUNT_RATE_LIMITS = False
    polish = UserFactory(language="pl")
    client.post("/accounts/password/reset/", {"email": polish.email})  # asked from an English page
    email = OutboxEmail.objects.get(to=polish.email)
    assert "/pl/accounts/password/reset/key/" in email.body
    assert "hasła" in email.subject and "Password" not in email.subject


def test_a_message_keeps_its_key_and_writes_out_its_parameters_in_the_readers_language():
    from projects.workflow import Status

    message = Message(
        "%(acronym)s: %(status)s — %(day)s",
        acronym="DANUBE",
        status=Status.APPROVED.label,
        day=Day(datetime(2027, 3, 10).date()),
    )
    assert message.params["status"] == {"t": "Approved"} and message.params["day"] == {"day": "2027-03-10"}
    stored = Message.stored(message.msgid, message.params)
    assert stored.render("en") == "DANUBE: Approved — 10 March 2027"
    with translation.override("de"):
        german_status = translation.gettext("Approved")
    assert stored.render("de") == f"DANUBE: {german_status} — 10. März 2027" and german_status != "Approved"
    assert Message.text("50% of the budget").render("pl") == "50% of the budget"
    assert Message.lines(Message.text("a"), "", None, "b").render("fr") == "a\nb"


def test_a_notification_from_a_german_page_reads_english_to_an_english_user(client, event):
    english = UserFactory(language="en")
    RegistrationFactory(event=event, user=english)
    with translation.override("de"):  # the organiser works on the German pages
        event_cancel(event=event, by=UserFactory(language="de"))
    row = Notification.objects.get(recipient=english)
    assert row.url == f"/events/{event.slug}/"  # kept without the sender's prefix
    email = OutboxEmail.objects.get(to=english.email)
    assert email.subject.endswith("“Cohesion Days” is cancelled") and "abgesagt" not in email.body
    assert f"{SITE}/events/{event.slug}/" in email.body and "/de/" not in email.body
    client.force_login(english)
    page = client.get("/notifications/").content.decode()
    assert "“Cohesion Days” is cancelled" in page and f'href="/events/{event.slug}/"' in page


def test_a_relayed_interest_is_framed_in_the_owners_language_with_a_link_to_their_pages(ideas_world):
    w = ideas_world
    w.owner.language = "pl"
    w.owner.save(update_fields=["language"])
    idea = idea_create(owner=w.owner, data=ideas.idea_data(w.programme))
    with translation.override("de"):  # the interested person writes from a German page
        interest = interest_express(idea=idea, person=w.person, body="Wir würden gern als Partner mitmachen.")
    email = OutboxEmail.objects.get(key=f"relay:{interest.message.pk}:0")
    assert "Ta osoba jest zainteresowana Twoim pomysłem na projekt." in email.body
    assert f"{SITE}/pl/ideas/{idea.pk}/" in email.body and "/de/" not in email.body
    assert "Wir würden gern als Partner mitmachen." in email.body  # the sender's own words, as written
    note = Notification.objects.get(recipient=w.owner, event="idea.interest")
    assert "jest zainteresowany(-a) Twoim pomysłem" in note.title
