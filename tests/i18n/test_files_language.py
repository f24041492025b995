"""Files made by the worker speak the language of the page they were asked from (issue 20): the worker itself runs
in English, so the language travels with the job (kept on its row, which the recovery tasks read too)."""

import csv
import io
from io import BytesIO

import pytest
from django.utils import translation
from pypdf import PdfReader

from interact_portal.reports.models import ReportStatus
from interact_portal.reports.services import report_generate, report_request
from projects.models import Submission
from projects.services.submission import application_submit, submission_pdf_render
from tests.factories import RegistrationFactory, UserFactory
from tests.projects import conftest as projects
from tests.projects.factories_application import full_application

pytestmark = pytest.mark.django_db
ready = projects.ready  # the applicant journey's fixture: an application ready to submit


def _german(*msgids: str) -> list[str]:
    with translation.override("de"):
        return [translation.gettext(msgid) for msgid in msgids]


def test_a_report_asked_from_a_german_page_is_written_in_german(django_capture_on_commit_callbacks):
    registration = RegistrationFactory(organisation_name="Interact Office Vienna")
    admin = UserFactory(is_staff=True, is_superuser=True, language="en")
    with translation.override("de"), django_capture_on_commit_callbacks(execute=False):
        report = report_request(
            user=admin, kind="attendance", format="csv", parameters={"event": registration.event_id}
        )
    assert report.language == "de"
    assert report_generate(report_id=report.pk)  # in the worker: no language active
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE, report.error
    with report.file.open("rb") as f:
        content = f.read().decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(content)))
    expected = _german("Email", "Programme body role", "Registered")
    assert set(expected) <= set(header) and expected != ["Email", "Programme body role", "Registered"]
    assert "Interact Office Vienna" in content


def test_the_submission_pdf_speaks_the_language_it_was_submitted_from(ready, django_capture_on_commit_callbacks):
    full_application(ready)
    with translation.override("de"), django_capture_on_commit_callbacks(execute=False):
        application_submit(project=ready.project, by=ready.manager)
    submission = Submission.objects.get()
    assert submission.language == "de"
    assert submission_pdf_render(submission_id=submission.pk)  # in the worker: no language active
    submission.refresh_from_db()
    with submission.pdf.open("rb") as handle:
        reader = PdfReader(BytesIO(handle.read()))
    assert str(reader.trailer["/Root"]["/Lang"]) == "de"
    text = "".join(page.extract_text() for page in reader.pages)
    assert "DANUBE-AIR" in text
    with translation.override("de"):
        german = [translation.gettext(words) for words in ("Identification", "Summary", "Lead partner", "Work plan")]
    assert german != ["Identification", "Summary", "Lead partner", "Work plan"]
    for words in german:  # the PDF's own headings and labels, not only its language tag
        assert words in text, words
    assert "Work plan" not in text
