"""GDPR self-service: privacy notice and cookie notice, "download my data", "delete my account", and the
retention of event registrations."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Registration
from events.privacy import registrations_anonymise_old
from interact_portal.audit.models import AuditEntry
from interact_portal.notifications.models import Notification
from interact_portal.notifications.services import notify
from interact_portal.reports.models import Report
from interact_portal.reports.services import report_generate
from projects.models import ProjectCollaborator
from projects.services.submission import application_submit
from tests.factories import PASSWORD, EventFactory, RegistrationFactory, UserFactory
from tests.projects.conftest import ready  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_privacy_notice_and_the_cookie_notice_are_public(client):
    page = client.get(reverse("privacy")).content.decode()
    assert "only essential cookies" in page and "24 months" in page
    assert "Only essential cookies" in client.get("/").content.decode()


def test_my_data_page_needs_a_login(client):
    response = client.get(reverse("my_data"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_download_my_data_is_built_in_the_background_and_only_for_me(client, ready, superuser):  # noqa: F811
    person = ready.manager
    RegistrationFactory(user=person, organisation_name="Stadt Wien")
    notify(event="t", actor=None, target=None, recipients=[person], title="Hello", email=False)
    client.force_login(person)
    assert client.post(reverse("reports:new"), {"kind": "personal_data", "format": "json"}).status_code == 302
    report = Report.objects.get(kind="personal_data")
    assert report_generate(report_id=report.pk) is True
    download = client.get(reverse("reports:download", args=[report.pk]))
    data = json.loads(b"".join(download.streaming_content))
    assert data["account"]["email"] == person.email
    assert data["event_registrations"][0]["organisation_name"] == "Stadt Wien"
    assert data["applications"][0]["project__acronym"] == "DANUBE-AIR"
    assert data["notifications"][0]["title"] == "Hello"
    for other in (ready.partner_user, superuser):
        client.force_login(other)
        assert client.get(reverse("reports:download", args=[report.pk])).status_code == 404


def test_a_wrong_password_deletes_nothing(client):
    person = UserFactory()
    client.force_login(person)
    response = client.post(reverse("my_data"), {"password": "not-my-password", "confirm": "on"})
    assert response.status_code == 400 and "This is not your password." in response.content.decode()
    person.refresh_from_db()
    assert person.is_active and person.email.endswith("@example.org")


def test_deleting_the_account_erases_the_person_and_keeps_submitted_applications_pseudonymised(
    client,
    ready,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    person = ready.partner_user
    application_submit(project=ready.project, by=ready.manager)
    upcoming = EventFactory(capacity=1)
    RegistrationFactory(event=upcoming, user=person)
    waiting = RegistrationFactory(event=upcoming, status="waitlisted")
    notify(event="t", actor=None, target=None, recipients=[person], title="Hello")
    email = person.email
    client.force_login(person)
    response = client.post(reverse("my_data"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302 and "_auth_user_id" not in client.session
    person.refresh_from_db()
    assert not person.is_active and email not in person.email and person.email.endswith("@deleted.invalid")
    assert person.first_name == "Deleted" and not person.has_usable_password()
    assert not person.emailaddress_set.exists() and not Notification.objects.filter(recipient=person).exists()
    assert ProjectCollaborator.objects.filter(project=ready.project, user=person).exists()  # the legal record
    assert ready.project.submissions.get().snapshot  # unchanged
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"  # the freed seat moved on
    assert not Registration.objects.filter(user=person).exists()
    assert AuditEntry.objects.filter(action="account.deleted", target_id=str(person.pk)).exists()
    assert not client.login(email=email, password=PASSWORD)


def test_registrations_are_anonymised_after_the_retention_period(settings):
    settings.REGISTRATION_RETENTION_MONTHS = 24
    long_ago = timezone.now() - timedelta(days=365 * 2 + 40)
    old = RegistrationFactory(
        event=EventFactory(
            starts_at=long_ago,
            ends_at=long_ago + timedelta(hours=2),
            registration_opens_at=long_ago - timedelta(days=30),
            registration_closes_at=long_ago - timedelta(hours=1),
        ),
        organisation_name="Region Skåne",
        status="attended",
    )
    recent = RegistrationFactory(organisation_name="Stadt Graz")
    assert registrations_anonymise_old() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.user is None and old.organisation_name == "" and old.anonymised_at and old.status == "attended"
    assert recent.user is not None and recent.organisation_name == "Stadt Graz"
    assert registrations_anonymise_old() == 0  # once
