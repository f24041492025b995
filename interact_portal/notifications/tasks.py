from smtplib import SMTPException

from celery import shared_task

from .emails import notification_email_send


@shared_task(
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
    time_limit=60,
    soft_time_limit=50,
)
def send_notification_email(notification_id: int) -> bool:
    return notification_email_send(notification_id=notification_id)
