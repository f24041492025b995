from django.db import models
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    WEBINAR = "webinar", _("Webinar")
    SEMINAR = "seminar", _("Seminar")
    WORKSHOP = "workshop", _("Workshop")
    KNOWLEDGE_FAIR = "knowledge_fair", _("Knowledge fair")
    CONFERENCE = "conference", _("Conference")


class EventFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    ONSITE = "onsite", _("On site")
    HYBRID = "hybrid", _("Hybrid")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("Waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended")


# Registrations that occupy a seat: counted against capacity, and allowed to see participants-only materials.
SEAT_HOLDING = (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED)


class MaterialKind(models.TextChoices):
    REPORT = "report", _("Report")
    PRESENTATION = "presentation", _("Presentation")
    RECORDING = "recording", _("Recording")
    OTHER = "other", _("Other")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    PARTICIPANTS = "participants", _("Participants only")


class LibraryKind(models.TextChoices):
    """What a knowledge library item is."""

    REPORT = "report", _("Report")
    GUIDANCE = "guidance", _("Guidance")
    TEMPLATE = "template", _("Template")
    PRESENTATION = "presentation", _("Presentation")
    RECORDING = "recording", _("Recording")
    LINK = "link", _("Link")


class LibraryVisibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    SIGNED_IN = "signed_in", _("Signed-in people")


class TextStatus(models.TextChoices):
    """The text of a library item's file: extracted in the background (events.library_services)."""

    NONE = "none", _("No file")
    PENDING = "pending", _("Waiting to be read")
    DONE = "done", _("Read")
    FAILED = "failed", _("Could not be read")


# The EU's official languages: what a library item is written in.
LIBRARY_LANGUAGES = [
    ("bg", _("Bulgarian")),
    ("cs", _("Czech")),
    ("da", _("Danish")),
    ("de", _("German")),
    ("el", _("Greek")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("et", _("Estonian")),
    ("fi", _("Finnish")),
    ("fr", _("French")),
    ("ga", _("Irish")),
    ("hr", _("Croatian")),
    ("hu", _("Hungarian")),
    ("it", _("Italian")),
    ("lt", _("Lithuanian")),
    ("lv", _("Latvian")),
    ("mt", _("Maltese")),
    ("nl", _("Dutch")),
    ("pl", _("Polish")),
    ("pt", _("Portuguese")),
    ("ro", _("Romanian")),
    ("sk", _("Slovak")),
    ("sl", _("Slovenian")),
    ("sv", _("Swedish")),
]
