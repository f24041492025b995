"""The contact relay (issue 21): a signed-in person writes to an organisation, the portal writes the message to the
outbox once per contact address of the organisation, and the sender never learns an address.

An organisation's contacts are the contact people of its partnerships in public projects (the address typed for
the partner and the account of its contact person). The sender's name and address travel with the message so the
organisation can answer (the form says so). Refused: anonymous senders, an empty or over-long subject or message,
the same message again (any organisation, within REPEAT_DAYS), more than the hourly or daily number of messages
(settings CONTACT_RELAY_PER_HOUR / CONTACT_RELAY_PER_DAY, counted under a lock on the sender's row), and an
organisation with no contact. Each recipient can report a message as abuse through a signed link in it.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from interact_portal.accounts.language import language_of
from interact_portal.audit.services import audit_record
from interact_portal.notifications.languages import in_language, language_for_address, url_in
from interact_portal.notifications.messages import Message
from interact_portal.notifications.outbox import outbox_add
from interact_portal.notifications.services import notify

from .contact_models import ContactKind, ContactMessage

MAX_SUBJECT = 150
MAX_BODY = 3000
MIN_BODY = 10
REPEAT_DAYS = 30
ABUSE_SALT = "partnerships.relay.abuse"
ABUSE_MAX_AGE = timedelta(days=180)


def _contact_partnerships(organisation):
    """The organisation's partnerships in public projects with someone to write to (a typed address or an active
    contact person's account)."""
    from projects.models import Project  # projects depends on partnerships: imported when called

    from .models import ProjectPartner

    reachable = Q(contact_email__gt="") | Q(contact_user__is_active=True, contact_user__email__gt="")
    return ProjectPartner.objects.filter(reachable, organisation=organisation, project__in=Project.objects.public())


def organisation_has_contacts(organisation) -> bool:
    """Whether the relay can reach the organisation (one query; the addresses themselves stay in the relay)."""
    return _contact_partnerships(organisation).exists()


def organisation_contact_addresses(organisation) -> list[str]:
    """The addresses the relay writes to (never shown anywhere): distinct, lower case, in a stable order."""
    partnerships = _contact_partnerships(organisation).select_related("contact_user")
    addresses = set()
    for partner in partnerships:
        if partner.contact_email:
            addresses.add(partner.contact_email.strip().lower())
        if partner.contact_user is not None and partner.contact_user.is_active and partner.contact_user.email:
            addresses.add(partner.contact_user.email.strip().lower())
    return sorted(addresses)


def _digest(text: str) -> str:
    return hashlib.sha256(" ".join(text.lower().split()).encode()).hexdigest()


def _limits(sender) -> list[str]:
    now = timezone.now()
    sent = ContactMessage.objects.filter(sender=sender)
    problems = []
    per_hour, per_day = settings.CONTACT_RELAY_PER_HOUR, settings.CONTACT_RELAY_PER_DAY
    if sent.filter(created_at__gte=now - timedelta(hours=1)).count() >= per_hour:
        problems.append(_("You have sent %(n)d messages in the last hour: please try again later.") % {"n": per_hour})
    elif sent.filter(created_at__gte=now - timedelta(days=1)).count() >= per_day:
        problems.append(_("You have sent %(n)d messages today: please try again tomorrow.") % {"n": per_day})
    return problems


def relay_refusal(*, sender, subject: str, body: str) -> dict[str, list[str]]:
    """What stops this message, per form field (``__all__`` for the sender's limits); empty when it may go."""
    errors: dict[str, list[str]] = {}
    if not subject:
        errors["subject"] = [_("Write a subject.")]
    elif "\x00" in subject:
        errors["subject"] = [_("The subject contains a character that cannot be sent.")]
    elif len(subject) > MAX_SUBJECT:
        errors["subject"] = [_("The subject is at most %(n)d characters.") % {"n": MAX_SUBJECT}]
    if "\x00" in body:  # PostgreSQL stores no NUL character: refused here rather than failing on the insert
        errors["body"] = [_("The message contains a character that cannot be sent.")]
    elif len(body) < MIN_BODY:
        errors["body"] = [_("Write a message of at least %(n)d characters.") % {"n": MIN_BODY}]
    elif len(body) > MAX_BODY:
        errors["body"] = [_("The message is at most %(n)d characters.") % {"n": MAX_BODY}]
    elif ContactMessage.objects.filter(
        sender=sender, digest=_digest(body), created_at__gte=timezone.now() - timedelta(days=REPEAT_DAYS)
    ).exists():
        errors["body"] = [_("You have sent this message already.")]
    if limits := _limits(sender):
        errors["__all__"] = limits
    return errors


def abuse_token(message: ContactMessage) -> str:
    return signing.dumps(message.pk, salt=ABUSE_SALT)


def abuse_url(message: ContactMessage) -> str:
    return settings.SITE_URL + reverse("database:contact_abuse", kwargs={"token": abuse_token(message)})


def message_from_token(token: str) -> ContactMessage | None:
    """The message a recipient's abuse link names, or None for a forged or expired link."""
    try:
        pk = signing.loads(token, salt=ABUSE_SALT, max_age=ABUSE_MAX_AGE)
    except signing.BadSignature:
        return None
    return ContactMessage.objects.filter(pk=pk).select_related("organisation", "sender").first()


@transaction.atomic
def message_relay(
    *, sender, organisation, subject: str, body: str, kind: str = ContactKind.CONTACT, link: str = ""
) -> ContactMessage:
    """Relay one message to the organisation's contacts; raises ValidationError (per field) when refused."""
    if sender is None or not sender.is_authenticated:
        raise PermissionDenied(_("Sign in to write to an organisation."))
    get_user_model().objects.select_for_update().filter(pk=sender.pk).first()  # one sender's messages in turn
    subject, body = " ".join(subject.split()), body.strip()
    if errors := relay_refusal(sender=sender, subject=subject, body=body):
        raise ValidationError(errors)
    addresses = organisation_contact_addresses(organisation)
    if not addresses:
        raise ValidationError(_("This organisation has no contact person who can receive messages."))
    message = ContactMessage.objects.create(
        sender=sender,
        organisation=organisation,
        kind=kind,
        subject=subject,
        body=body,
        digest=_digest(body),
        recipients=len(addresses),
    )
    for number, address in enumerate(addresses):
        language = language_for_address(address)  # the frame around the sender's words: the reader's language
        with in_language(language):
            text = render_to_string(
                "partnerships/emails/relay.txt",
                {"message": message, "sender": sender, "link": url_in(link, language), "abuse_url": abuse_url(message)},
            )
        outbox_add(
            key=f"relay:{message.pk}:{number}",
            to=address,
            subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
            body=text,
        )
    audit_record(action="relay.sent", actor=sender, target=organisation, note=f"{kind}: {len(addresses)} contacts")
    return message


@transaction.atomic
def message_report_abuse(*, message: ContactMessage, note: str = "") -> ContactMessage:
    """A recipient reports a relayed message (once): the portal's administrators are told, the sender is not."""
    message = ContactMessage.objects.select_for_update().get(pk=message.pk)
    if message.abuse_reported_at is not None:
        return message  # a second click changes nothing
    message.abuse_reported_at = timezone.now()
    message.abuse_note = note.strip()[:MAX_BODY]
    message.save(update_fields=["abuse_reported_at", "abuse_note"])
    audit_record(action="relay.abuse_reported", target=message.organisation, note=f"message {message.pk}")
    admins = get_user_model().objects.filter(is_superuser=True, is_active=True)
    notify(
        event="relay.abuse",
        actor=None,
        target=message,
        recipients=admins,
        title=Message(gettext_noop("A relayed message was reported as abuse")),
        body=Message(
            gettext_noop("Message %(pk)d from %(sender)s to %(organisation)s."),
            pk=message.pk,
            sender=message.sender.get_full_name() or message.sender.pk,
            organisation=message.organisation.name if message.organisation else gettext_lazy("a person"),
        ),
        url=reverse("admin:partnerships_contactmessage_change", args=[message.pk]),
    )
    return message


@transaction.atomic
def message_relay_to_person(
    *, sender, recipient, subject: str, body: str, kind: str = ContactKind.INTEREST, link: str = ""
) -> ContactMessage:
    """Relay one message to one person's own address (a project idea's owner with no organisation), with the same
    refusals and limits as message_relay; the sender never learns the address. Raises ValidationError per field."""
    if sender is None or not sender.is_authenticated:
        raise PermissionDenied(_("Sign in to write to an organisation."))
    get_user_model().objects.select_for_update().filter(pk=sender.pk).first()  # one sender's messages in turn
    subject, body = " ".join(subject.split()), body.strip()
    if errors := relay_refusal(sender=sender, subject=subject, body=body):
        raise ValidationError(errors)
    if not recipient.is_active or not recipient.email:
        raise ValidationError(_("This person can no longer receive messages."))
    message = ContactMessage.objects.create(
        sender=sender, recipient=recipient, kind=kind, subject=subject, body=body, digest=_digest(body), recipients=1
    )
    language = language_of(recipient)
    with in_language(language):
        text = render_to_string(
            "partnerships/emails/relay_person.txt",
            {"message": message, "sender": sender, "link": url_in(link, language)},
        )
    outbox_add(
        key=f"relay:{message.pk}:0",
        to=recipient.email,
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=text,
    )
    audit_record(
        action="relay.sent", actor=sender, target=recipient, label=recipient.get_full_name(), note=f"{kind}: 1 person"
    )
    return message
