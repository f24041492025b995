"""The admin's links to uploaded files (annexes, call documents, event materials, submission PDFs, reports) lead to a
download that checks, as every admin page does, that this person may see the object; never to MEDIA_URL, which
nothing serves (uploads leave the portal only through a view that checks who asks: core.uploads.attachment)."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from events.models import Material
from interact_portal.reports.models import Report
from programmes.models import CallDocument
from projects.models import Annex, Submission
from tests.factories import CallFactory, EventFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 admin file link test"


def _with_file(obj, field: str, name: str = "x.pdf"):
    getattr(obj, field).save(name, ContentFile(PDF), save=False)
    obj.save()
    return obj


@pytest.fixture
def files(settings, tmp_path, superuser):
    """Each kind of uploaded file the admin shows: (object, its file field, the admin page that shows the link)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    project = ProjectFactory(status="submitted")
    call = CallFactory(is_published=False)  # a call still being prepared: its documents are not public yet
    event = EventFactory()
    annex = _with_file(
        Annex(project=project, title="Plan", original_name="plan.pdf", content_type="application/pdf", size=len(PDF)),
        "file",
    )
    document = _with_file(CallDocument(call=call, title="Terms of reference"), "file")
    material = _with_file(Material(event=event, kind="report", title="Slides"), "file")
    submission = _with_file(
        Submission(project=project, number=1, submitted_at=timezone.now(), submitted_by=superuser, snapshot={}), "pdf"
    )
    report = _with_file(Report(kind="applications", format="pdf", title="All", requested_by=superuser), "file")
    return {
        "annex": (annex, "file", reverse("admin:projects_annex_change", args=[annex.pk])),
        "call document": (document, "file", reverse("admin:programmes_calldocument_change", args=[document.pk])),
        "call document inline": (document, "file", reverse("admin:programmes_call_change", args=[call.pk])),
        "material": (material, "file", reverse("admin:events_material_change", args=[material.pk])),
        "material inline": (material, "file", reverse("admin:events_event_change", args=[event.pk])),
        "submission": (submission, "pdf", reverse("admin:projects_submission_change", args=[submission.pk])),
        "submission list": (submission, "pdf", reverse("admin:projects_submission_changelist")),
        "report": (report, "file", reverse("admin:reports_report_change", args=[report.pk])),
    }


def _download_url(obj, field: str) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_file", args=[obj.pk, field])


@pytest.mark.parametrize(
    "page",
    [
        "annex",
        "call document",
        "call document inline",
        "material",
        "material inline",
        "submission",
        "submission list",
        "report",
    ],
)
def test_admin_file_links_lead_to_a_checked_download_not_to_media(client, superuser, files, page):
    obj, field, url = files[page]
    client.force_login(superuser)
    html = client.get(url).content.decode()
    assert "/media/" not in html
    link = _download_url(obj, field)
    assert f'href="{link}"' in html
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF


def test_admin_file_download_refuses_staff_without_the_right_to_see_the_object(client, files):
    annex, field, _ = files["annex"]
    client.force_login(UserFactory(is_staff=True))  # in the admin, but no permission on annexes
    assert client.get(_download_url(annex, field)).status_code in (403, 404)


def test_admin_file_download_of_an_empty_or_unknown_field_is_404(client, superuser, files):
    annex, _, _ = files["annex"]
    client.force_login(superuser)
    assert client.get(_download_url(annex, "title")).status_code == 404
    assert client.get(_download_url(annex, "nothing")).status_code == 404
