"""Uploads: types checked by extension and content, size limit, random stored names, downloads only through views
that check permission, always as attachments that a browser never renders."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.models import Material
from interact_portal.core.uploads import upload_problem
from programmes.models import CallDocument
from tests.factories import CallFactory, EventFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 32
PDF = b"%PDF-1.4 a document"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize(("name", "content"), [("map.png", PNG), ("photo.JPG", JPEG), ("terms.pdf", PDF)])
def test_allowed_types_with_matching_content_are_accepted(name, content):
    assert upload_problem(SimpleUploadedFile(name, content)) is None


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("page.html", b"<script>alert(1)</script>", "Upload a PDF, DOCX, XLSX, PNG or JPEG file."),
        ("fake.png", PDF, "not a PNG file"),
        ("fake.pdf", b"<html>", "not a PDF file"),
        ("fake.docx", PDF, "not a DOCX file"),
        ("empty.pdf", b"", "The file is empty."),
    ],
)
def test_other_types_and_disguised_content_are_refused(name, content, problem):
    assert problem in upload_problem(SimpleUploadedFile(name, content))


def test_files_above_the_size_limit_are_refused(settings):
    settings.ANNEX_MAX_MB = 1
    big = SimpleUploadedFile("big.pdf", PDF + b"\0" * (1024 * 1024))
    assert "larger than 1 MB" in upload_problem(big)


def test_an_admin_upload_is_validated_and_stored_under_a_random_name():
    event = EventFactory()
    bad = Material(event=event, kind="presentation", title="Slides", file=SimpleUploadedFile("slides.html", b"<html>"))
    with pytest.raises(ValidationError):
        bad.full_clean()
    good = Material(event=event, kind="presentation", title="Slides", file=SimpleUploadedFile("my slides.pdf", PDF))
    good.full_clean()
    good.save()
    assert good.file.name.startswith("event-materials/") and "slides" not in good.file.name
    assert good.file.name.endswith(".pdf")


def _material(visibility: str) -> Material:
    material = Material(event=EventFactory(), kind="presentation", title="Slides", visibility=visibility)
    material.file.save("slides.pdf", io.BytesIO(PDF), save=True)
    return material


def test_participants_only_material_is_downloaded_by_participants_only(client):
    material = _material("participants")
    url = reverse("events:material", args=[material.event.slug, material.pk])
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404  # signed in, not registered
    participant = RegistrationFactory(event=material.event).user
    client.force_login(participant)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff" and "sandbox" in response["Content-Security-Policy"]
    assert response["Content-Type"] == "application/pdf" and b"".join(response.streaming_content) == PDF


def test_public_material_is_for_anyone_and_uploads_are_not_served_from_media(client):
    material = _material("public")
    response = client.get(reverse("events:material", args=[material.event.slug, material.pk]))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    assert client.get(f"/media/{material.file.name}").status_code == 404


def test_call_documents_of_unpublished_calls_are_not_downloadable(client):
    published, draft = CallFactory(is_published=True), CallFactory(is_published=False)
    for call in (published, draft):
        document = CallDocument(call=call, title="Terms of reference")
        document.file.save("terms.pdf", io.BytesIO(PDF), save=True)
    documents = CallDocument.objects.order_by("pk")
    ok = client.get(documents[0].href)
    assert ok.status_code == 200 and "terms-of-reference.pdf" in ok["Content-Disposition"]
    assert client.get(documents[1].href).status_code == 404
