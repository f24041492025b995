from celery import shared_task

from .privacy import registrations_anonymise_old
from .services import reminders_send


@shared_task(time_limit=300, soft_time_limit=270)
def send_event_reminders() -> int:
    return reminders_send()


@shared_task(time_limit=600, soft_time_limit=570)
def anonymise_old_registrations() -> int:
    """Beat, daily: registrations past their retention period lose the person's details."""
    return registrations_anonymise_old()


# the library's tasks live beside their service; imported here so that the worker's autodiscovery registers them
from .library_services import extract_library_text, recover_library_texts  # noqa: E402, F401
