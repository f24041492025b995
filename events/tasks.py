from celery import shared_task

from .services import reminders_send


@shared_task(time_limit=300, soft_time_limit=270)
def send_event_reminders() -> int:
    return reminders_send()
