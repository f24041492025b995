"""Background work of the applicant journey. Tasks take ids and call services."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings

from interact_portal.core.queue import enqueue_each

from .search_index import search_index_refresh
from .services.reminders import deadline_reminders_send
from .services.reporting_reminders import reporting_reminders_send
from .services.submission import submission_pdf_render, submission_pdfs_missing


@shared_task(time_limit=300, soft_time_limit=270)
def send_deadline_reminders() -> int:
    return deadline_reminders_send()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5, time_limit=120, soft_time_limit=110)
def render_submission_pdf(submission_id: int) -> bool:
    return submission_pdf_render(submission_id=submission_id)


@shared_task(time_limit=1800, soft_time_limit=1700)
def search_index_rebuild() -> int:
    """Nightly: rewrite the whole public index (catches organisation renames made in the admin)."""
    return search_index_refresh()


@shared_task(time_limit=60, soft_time_limit=50)
def recover_submission_pdfs() -> int:
    """Beat, and every worker start: render the PDFs whose task never reached the broker."""
    missing = submission_pdfs_missing(older_than=timedelta(seconds=settings.OUTBOX_RELAY_AFTER_SECONDS))
    return enqueue_each(render_submission_pdf, missing)


# first-level control (helper C)
@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5, time_limit=120, soft_time_limit=110)
def render_control_certificate(report_id: int) -> bool:
    from .services.control import control_certificate_render

    return control_certificate_render(report_id=report_id)


@shared_task(time_limit=60, soft_time_limit=50)
def recover_control_certificates() -> int:
    """Beat, and every worker start: render the certificates whose task never reached the broker."""
    from .services.control import certificates_missing

    missing = certificates_missing(older_than=timedelta(seconds=settings.OUTBOX_RELAY_AFTER_SECONDS))
    return enqueue_each(render_control_certificate, missing)


@shared_task(time_limit=300, soft_time_limit=270)
def send_reporting_reminders() -> int:
    """Beat: remind the partners of their report before, on and after each reporting deadline (once each)."""
    return reporting_reminders_send()
