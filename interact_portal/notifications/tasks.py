from smtplib import SMTPException

from celery import shared_task

from .outbox import outbox_relay, outbox_send

# Options of every task that sends an email: retried with backoff while the mail server is unreachable. Like every
# task it is acknowledged only when done (CELERY_TASK_ACKS_LATE); the outbox row stops a resend.
EMAIL_TASK_OPTIONS = {
    "autoretry_for": (SMTPException, ConnectionError, TimeoutError),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "max_retries": 8,
    "time_limit": 60,
    "soft_time_limit": 50,
}


@shared_task(**EMAIL_TASK_OPTIONS)
def send_outbox_email(email_id: int) -> bool:
    return outbox_send(email_id=email_id)


@shared_task(time_limit=300, soft_time_limit=280)
def relay_outbox() -> int:
    """Beat, every minute: what the broker never received, or every retry failed to send."""
    return outbox_relay()
