"""Background work of the applicant journey. Tasks take ids and call services."""

from celery import shared_task

from interact_portal.notifications.tasks import EMAIL_TASK_OPTIONS

from .emails import invitation_email_send
from .search_index import search_index_refresh
from .services.reminders import deadline_reminders_send
from .services.submission import submission_pdf_render


@shared_task(**EMAIL_TASK_OPTIONS)
def send_invitation_email(invitation_id: int) -> bool:
    return invitation_email_send(invitation_id=invitation_id)


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
