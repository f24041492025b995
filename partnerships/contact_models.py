"""Messages relayed to an organisation's contacts (issue 21): the sender never learns an address."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactKind(models.TextChoices):
    CONTACT = "contact", _("Contact this organisation")
    INTEREST = "interest", _("Interest in a project idea")


class ContactMessage(models.Model):
    """One message from a signed-in person to an organisation, written to the outbox once per contact address.

    Kept for the rate limits, the repeat check and abuse reports; its recipients' addresses are not stored here
    (they are in the outbox only, which no page shows)."""

    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_messages_sent")
    organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.CASCADE, related_name="contact_messages", null=True, blank=True
    )
    # a message to one person instead (an idea's owner with no organisation: relay.message_relay_to_person)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contact_messages_received",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ContactKind.choices, default=ContactKind.CONTACT)
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"))
    digest = models.CharField(max_length=64, editable=False)  # SHA-256 of the normalised body: repeats refused
    recipients = models.PositiveSmallIntegerField(_("contacts reached"), default=0)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    abuse_reported_at = models.DateTimeField(_("reported as abuse"), null=True, blank=True)
    abuse_note = models.TextField(_("abuse report"), blank=True)

    class Meta:
        verbose_name = _("relayed message")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["sender", "created_at"]), models.Index(fields=["sender", "digest"])]

    def __str__(self) -> str:
        return f"{self.subject} → {self.organisation_id}"
