"""The text of an uploaded PDF is read by a real Celery worker on Redis, then found by the library search; a file
changed in the admin is read again."""

import pytest
from django.urls import reverse

from events.choices import TextStatus
from events.models import LibraryItem
from tests.conftest import wait_for

from .conftest import item_make, pdf_upload, topic_make

pytestmark = pytest.mark.worker


def _found(client, word: str) -> bool:
    return "Report on civil society" in client.get(reverse("library:search") + f"?q={word}").content.decode()


def _read(item) -> bool:
    item.refresh_from_db()
    return item.text_status == TextStatus.DONE


def test_a_word_only_in_the_uploaded_pdf_is_found_once_the_worker_read_it(celery_worker, client):
    topic = topic_make("Civil society")
    # saved as the admin does, its text left to the worker (no one else reads it here)
    item = item_make(topic, "Report on civil society", pdf=["Programmes met the xylophonic stakeholders."], read=False)
    wait_for(lambda: _read(item), message="the worker did not read the PDF")
    assert _found(client, "xylophonic")


def _admin_form(item, **changes) -> dict:
    form = {
        "topic": item.topic_id,
        "kind": item.kind,
        "title": item.title,
        "description": item.description,
        "date": item.date.isoformat(),
        "language": item.language,
        "visibility": item.visibility,
        "url": item.url,
    }
    return form | changes


def test_a_file_changed_in_the_admin_is_read_again(celery_worker, client, superuser):
    client.force_login(superuser)
    topic = topic_make("Civil society")
    add = reverse("admin:events_libraryitem_add")
    form = {
        "topic": topic.pk,
        "kind": "report",
        "title": "Report on civil society",
        "description": "",
        "date": "2024-02-15",
        "language": "en",
        "visibility": "public",
        "url": "",
        "file": pdf_upload("The first edition mentions quetzalcoatlus."),
    }
    assert client.post(add, form).status_code == 302
    item = LibraryItem.objects.get(title="Report on civil society")
    wait_for(lambda: _read(item), message="the worker did not read the first PDF")
    assert _found(client, "quetzalcoatlus")

    change = reverse("admin:events_libraryitem_change", args=[item.pk])
    response = client.post(change, _admin_form(item, file=pdf_upload("The second edition mentions pterodactylus.")))
    assert response.status_code == 302
    wait_for(lambda: _read(item) and "pterodactylus" in item.text, message="the changed PDF was not read")
    assert _found(client, "pterodactylus") and not _found(client, "quetzalcoatlus")

    client.post(change, _admin_form(item, title="Report on civil society", description="Edited, same file"))
    item.refresh_from_db()
    assert item.text_status == TextStatus.DONE and "pterodactylus" in item.text  # no new file: text kept
