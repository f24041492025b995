"""Files attached to a notification's email, supplied by the app that owns the notification's event name.

An app registers a function for its event names (the events app: the event's iCalendar file for a seat); the
outbox asks for the files when it sends. This module imports nothing domain-specific.
"""

from collections.abc import Callable, Iterable

Attachment = tuple[str, bytes, str]  # file name, content, MIME type
_PROVIDERS: dict[str, Callable[..., Iterable[Attachment]]] = {}


def email_attachments(*events: str):
    """Decorator: `function(notification)` returns the files to attach to the emails of these notification events."""

    def register(function):
        for event in events:
            _PROVIDERS[event] = function
        return function

    return register


def attachments_for(notification) -> list[Attachment]:
    provider = _PROVIDERS.get(notification.event) if notification is not None else None
    return list(provider(notification)) if provider is not None else []
