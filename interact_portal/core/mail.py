"""Development email backend: each message goes to the console and to a file under var/mail/."""

from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend


class FileAndConsoleBackend(FileBackend):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._console = ConsoleBackend(*args, **kwargs)

    def send_messages(self, email_messages):
        self._console.send_messages(email_messages)
        return super().send_messages(email_messages)
