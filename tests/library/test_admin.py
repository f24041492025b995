"""The library in the Django admin: saved through the services (an upload queues the reading of its text), files
checked like every upload, audited like the rest of the admin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from events.choices import TextStatus
from events.models import LibraryItem
from interact_portal.audit.models import AuditEntry

from .conftest import item_make, pdf_upload

pytestmark = pytest.mark.django_db


def _form(topic, **changes) -> dict:
    form = {
        "topic": topic.pk,
        "kind": "report",
        "title": "Report on civil society",
        "description": "",
        "date": "2024-02-15",
        "language": "en",
        "visibility": "public",
        "url": "",
    }
    return form | changes


def test_an_upload_in_the_admin_queues_the_reading_of_its_text(admin_client, topic, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:events_libraryitem_add"), _form(topic, file=pdf_upload("The axolotl study."))
        )
    assert response.status_code == 302
    item = LibraryItem.objects.get()
    # the broker got the task at the commit (no worker here: tests/library/test_worker.py has one)
    assert item.text_status == TextStatus.PENDING and item.file.name.startswith("library/")
    assert AuditEntry.objects.filter(target_id=str(item.pk)).exists()


def test_the_admin_refuses_a_file_that_is_not_what_it_claims(admin_client, topic):
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf")
    response = admin_client.post(reverse("admin:events_libraryitem_add"), _form(topic, file=fake))
    assert response.status_code == 200 and "file" in response.context["adminform"].form.errors
    assert not LibraryItem.objects.exists()


def test_the_admin_asks_for_a_file_or_a_link(admin_client, topic):
    response = admin_client.post(reverse("admin:events_libraryitem_add"), _form(topic))
    assert response.status_code == 200 and "url" in response.context["adminform"].form.errors


def test_the_topic_list_counts_library_items(admin_client, topic):
    item_make(topic, "One")
    page = admin_client.get(reverse("admin:events_topic_changelist")).content.decode()
    assert f"?topic__id__exact={topic.pk}" in page


def test_deleting_in_the_admin_removes_the_item_from_the_search(admin_client, topic):
    visitor = Client()
    item = item_make(topic, "Soon gone")
    assert "Soon gone" in visitor.get(reverse("library:search")).content.decode()
    admin_client.post(reverse("admin:events_libraryitem_delete", args=[item.pk]), {"post": "yes"})
    assert not LibraryItem.objects.exists()
    assert "Soon gone" not in visitor.get(reverse("library:search")).content.decode()  # no cached count keeps it
