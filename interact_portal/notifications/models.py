"""In-app notifications; each may also be emailed once."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from interact_portal.accounts.language import language_of

from .languages import path_in
from .messages import Message


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(recipient=user) if user.is_authenticated else self.none()

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    event = models.CharField(_("event"), max_length=60, help_text=_("Machine name, e.g. application.submitted."))
    # kept as a message key and its parameters (notifications.messages), written out in the recipient's language
    title_msgid = models.TextField(_("title"))
    title_params = models.JSONField(_("parameters"), default=dict, blank=True)
    body_msgid = models.TextField(_("message"), blank=True)
    body_params = models.JSONField(_("parameters"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    target_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.title_message.render(settings.LANGUAGE_CODE)} → {self.recipient_id}"

    @property
    def title_message(self) -> Message:
        return Message.stored(self.title_msgid, self.title_params)

    @property
    def body_message(self) -> Message:
        return Message.stored(self.body_msgid, self.body_params)

    @property
    def language(self) -> str:
        """The recipient's language (the list page selects the recipient with the notification: no query)."""
        return language_of(self.recipient)

    # on a page: in the page's language, which a shared /de/ link or the switcher may have chosen over the recipient's
    @property
    def page_title(self) -> str:
        return self.title_message.render(translation.get_language() or self.language)

    @property
    def page_body(self) -> str:
        return self.body_message.render(translation.get_language() or self.language)

    @property
    def page_link(self) -> str:
        return path_in(self.url, translation.get_language() or self.language)

    @property
    def title(self) -> str:
        return self.title_message.render(self.language)

    @property
    def body(self) -> str:
        return self.body_message.render(self.language)

    @property
    def link(self) -> str:
        """The notification's page in the recipient's language (/de/…)."""
        return path_in(self.url, self.language)


class OutboxEmail(models.Model):
    """An email written in the same transaction as the change it tells about, relayed by Celery at least once.

    `key` is the idempotency key: one row per message, and the row's lock and `sent_at` make a redelivered task
    send nothing. The Message-ID derives from the key, so even a resend after a crash can be deduplicated downstream.
    """

    key = models.CharField(_("idempotency key"), max_length=120, unique=True)
    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    notification = models.ForeignKey(Notification, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["created_at"], condition=models.Q(sent_at__isnull=True), name="outbox_pending")]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"
