"""The applicant journey's background work through a real Celery worker on Redis."""

from io import BytesIO

import pytest
from django.core import mail
from pypdf import PdfReader

from partnerships.choices import PartnerRole
from projects.models import Submission
from projects.services.invitations import invitation_create
from projects.services.submission import application_submit
from tests.conftest import wait_for

from .factories_application import full_application

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_the_invitation_email_carries_the_signed_link(celery_worker, ready):
    invitation = invitation_create(
        project=ready.project, email="anna@example.org", role=PartnerRole.PARTNER, by=ready.manager
    )
    wait_for(lambda: any(m.to == ["anna@example.org"] for m in mail.outbox), message="no invitation email")
    [message] = [m for m in mail.outbox if m.to == ["anna@example.org"]]
    assert "DANUBE-AIR" in message.subject
    assert f"/applications/invitations/{invitation.token}:" in message.body


def test_submission_renders_the_pdf_and_emails_everyone(celery_worker, ready):
    full_application(ready)  # a budget by category and period: 150,000 EUR computed by partnerships.budget
    application_submit(project=ready.project, by=ready.manager)
    wait_for(lambda: bool(Submission.objects.get().pdf), message="the PDF was not rendered")
    submission = Submission.objects.get()
    with submission.pdf.open("rb") as handle:
        text = "".join(page.extract_text() for page in PdfReader(BytesIO(handle.read())).pages)
    assert "DANUBE-AIR" in text and "Stadt Wien" in text and "Mesto Bratislava" in text and "€150,000.00" in text
    emails = {ready.manager.email, ready.partner_user.email, ready.staff.email}
    wait_for(lambda: emails <= {m.to[0] for m in mail.outbox}, message="not everyone got the email")
    assert all("was submitted" in m.subject for m in mail.outbox)
