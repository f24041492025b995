"""Learning events (webinars, seminars, the Interreg Knowledge Fair), their timetable, people and materials."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interact_portal.core.uploads import RandomName, validate_upload
from programmes.choices import BodyKind
from programmes.models import TIMEZONE_CHOICES

from .choices import (
    LIBRARY_LANGUAGES,
    EventFormat,
    EventStatus,
    EventType,
    LibraryKind,
    LibraryVisibility,
    MaterialKind,
    RegistrationStatus,
    TextStatus,
    Visibility,
)
from .querysets import EventQuerySet, LibraryItemQuerySet


class Topic(models.Model):
    """A subject of Interact's learning offer: events are tagged with it, and it is a shelf of the knowledge library
    with the person to ask about it (a name, role and office; never an address)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_role = models.CharField(_("contact's role"), max_length=150, blank=True)
    contact_office = models.CharField(_("contact's office"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("topic")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Audience(models.Model):
    """A target audience: the programme body roles (plus applicants), as a table so admins can filter by it."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("target audience")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def defaults(cls) -> list[tuple[str, str]]:
        return [(kind.value, str(kind.label)) for kind in BodyKind] + [("applicants", str(_("Project applicants")))]


class Event(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    type = models.CharField(_("type"), max_length=20, choices=EventType.choices)
    format = models.CharField(_("format"), max_length=10, choices=EventFormat.choices)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    timezone = models.CharField(_("time zone"), max_length=64, choices=TIMEZONE_CHOICES, default="Europe/Brussels")
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"))
    registration_opens_at = models.DateTimeField(_("registration opens"))
    registration_closes_at = models.DateTimeField(_("registration closes"))
    status = models.CharField(_("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="events")
    audiences = models.ManyToManyField(Audience, verbose_name=_("target audiences"), blank=True, related_name="events")
    organising_office = models.ForeignKey(
        "programmes.Office",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("organising office"),
        related_name="events",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"),
            models.CheckConstraint(
                condition=Q(registration_closes_at__gt=F("registration_opens_at")),
                name="event_registration_window_in_order",
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="event_capacity_positive"),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def seats_left(self) -> int | None:
        """Free seats, from the with_seats() annotation (None when not annotated)."""
        taken = getattr(self, "seats_taken", None)
        return None if taken is None else max(self.capacity - taken, 0)


class Session(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("session")
        ordering = ["event", "starts_at"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start")]

    def __str__(self) -> str:
        return self.title


class Speaker(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=150)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    bio = models.TextField(_("biography"), blank=True)
    sessions = models.ManyToManyField(Session, verbose_name=_("sessions"), blank=True, related_name="speakers")

    class Meta:
        verbose_name = _("speaker")
        ordering = ["event", "name"]

    def __str__(self) -> str:
        return self.name


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    # emptied, with the other personal fields, REGISTRATION_RETENTION_MONTHS after the event (privacy.py)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="registrations"
    )
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    organisation_name = models.CharField(_("organisation"), max_length=255, blank=True)
    country = models.ForeignKey(
        "programmes.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("country"),
        related_name="+",
    )
    body_role = models.ForeignKey(
        Audience,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("programme body role"),
        related_name="+",
    )
    listed_consent = models.BooleanField(_("may appear in the participant list"), default=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    queued_at = models.DateTimeField(
        _("in the queue since"),
        default=timezone.now,
        help_text=_("Arrival time: the waiting list is served in this order."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    reminded_day_at = models.DateTimeField(_("1-day reminder sent"), null=True, blank=True, editable=False)
    reminded_hour_at = models.DateTimeField(_("1-hour reminder sent"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("registration")
        ordering = ["event", "created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="registration_once_per_event")]
        indexes = [models.Index(fields=["event", "status", "queued_at"])]

    def __str__(self) -> str:
        """Names the person and the event only when they were loaded with it (select_related): never a query,
        so lists and delete pages of thousands of registrations do not fetch a user and an event per row."""
        loaded = self._state.fields_cache
        person = loaded.get("user") or (f"#{self.user_id}" if self.user_id else "–")
        event = loaded.get("event") or f"#{self.event_id}"
        return f"{person} → {event} ({self.get_status_display()})"


class Material(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(_("kind"), max_length=12, choices=MaterialKind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"), upload_to=RandomName("event-materials"), blank=True, validators=[validate_upload]
    )
    url = models.URLField(_("link"), blank=True)
    visibility = models.CharField(_("visible to"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    announced_at = models.DateTimeField(_("announced to participants"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("material")
        ordering = ["event", "kind", "title"]
        constraints = [models.CheckConstraint(condition=~Q(file="") | ~Q(url=""), name="material_file_or_link")]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if not self.file and not self.url:
            raise ValidationError({"url": _("Upload a file or give a link.")})


class LibraryItem(models.Model):
    """A document or link of the knowledge library, on a topic's shelf. The text of its PDF is read in the background
    (events.library_services) and searched with its title and description through the stored search vector."""

    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, verbose_name=_("topic"), related_name="library_items")
    kind = models.CharField(_("kind"), max_length=12, choices=LibraryKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    date = models.DateField(_("date"), help_text=_("When it was published or presented."))
    language = models.CharField(_("language"), max_length=2, choices=LIBRARY_LANGUAGES, default="en")
    visibility = models.CharField(
        _("visible to"), max_length=10, choices=LibraryVisibility.choices, default=LibraryVisibility.PUBLIC
    )
    file = models.FileField(
        _("file"),
        upload_to=RandomName("library"),
        blank=True,
        validators=[validate_upload],
        help_text=_("A PDF (its text is searched), DOCX, XLSX, PNG or JPEG file; or give a link."),
    )
    url = models.URLField(_("link"), blank=True, max_length=500)
    text = models.TextField(_("text of the file"), blank=True, editable=False)
    text_status = models.CharField(
        _("text of the file"), max_length=8, choices=TextStatus.choices, default=TextStatus.NONE, editable=False
    )
    text_source = models.CharField(max_length=200, blank=True, editable=False)  # the stored file the text was read from
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = LibraryItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("library item")
        ordering = ["-date", "-pk"]
        constraints = [models.CheckConstraint(condition=~Q(file="") | ~Q(url=""), name="library_item_file_or_link")]
        indexes = [
            GinIndex(fields=["search_vector"], name="library_item_search"),
            models.Index(F("date").desc(), F("id").desc(), name="library_item_newest"),
            models.Index(fields=["topic", "date"], name="library_item_topic"),
            models.Index(fields=["text_status"], name="library_item_text_status"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if not self.file and not self.url:
            raise ValidationError({"url": _("Upload a file or give a link.")})
