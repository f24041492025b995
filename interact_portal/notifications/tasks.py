from smtplib import SMTPException

from celery import shared_task

from .emails import notification_email_send

# Options of every task that sends an email: retried with backoff while the mail server is unreachable.
EMAIL_TASK_OPTIONS = {
    "autoretry_for": (SMTPException, ConnectionError, TimeoutError),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "max_retries": 8,
    "time_limit": 60,
    "soft_time_limit": 50,
}


@shared_task(**EMAIL_TASK_OPTIONS)
def send_notification_email(notification_id: int) -> bool:
    return notification_email_send(notification_id=notification_id)
