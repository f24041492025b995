"""Project ideas of the partner search (issue 21): a signed-in person posts an idea and looks for partners; others
express interest through the contact relay; the owner turns the idea into an application.

An idea's status moves only along IDEA_TRANSITIONS (partnerships.idea_services.idea_transition): open, then closed by
its owner, expired by the beat task, or converted into an application. Who sees which idea: idea_policy.py.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import OrganisationType


class IdeaStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    EXPIRED = "expired", _("Expired")
    CONVERTED = "converted", _("Turned into an application")


# from → the statuses it may move to (one table: the services and the admin read it, nothing else decides)
IDEA_TRANSITIONS: dict[str, frozenset[str]] = {
    IdeaStatus.OPEN: frozenset({IdeaStatus.CLOSED, IdeaStatus.EXPIRED, IdeaStatus.CONVERTED}),
    IdeaStatus.CLOSED: frozenset(),
    IdeaStatus.EXPIRED: frozenset(),
    IdeaStatus.CONVERTED: frozenset(),
}


class ProjectIdea(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_ideas")
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=4000)
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="project_ideas", verbose_name=_("programme")
    )
    priority = models.ForeignKey(
        "programmes.Priority",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="project_ideas",
        verbose_name=_("priority"),
    )
    call = models.ForeignKey(
        "programmes.Call",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="project_ideas",
        verbose_name=_("call"),
    )
    countries_sought = models.ManyToManyField(
        "programmes.Country", blank=True, related_name="project_ideas", verbose_name=_("partner countries sought")
    )
    partner_types_sought = ArrayField(
        models.CharField(max_length=30, choices=OrganisationType.choices),
        blank=True,
        default=list,
        verbose_name=_("partner types sought"),
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="project_ideas",
        verbose_name=_("your organisation"),
    )
    expires_on = models.DateField(_("looking for partners until"))
    reminded_at = models.DateTimeField(_("owner reminded"), null=True, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=IdeaStatus.choices, default=IdeaStatus.OPEN, editable=False
    )
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("application"),
    )
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("project idea")
        ordering = ["-created_at", "-pk"]
        indexes = [
            GinIndex(fields=["search_vector"], name="idea_search_vector"),
            models.Index(fields=["status", "expires_on"], name="idea_status_expiry"),
            models.Index(fields=["owner", "status"], name="idea_owner_status"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def partner_type_labels(self) -> list[str]:
        labels = dict(OrganisationType.choices)
        return [str(labels.get(value, value)) for value in self.partner_types_sought]


class IdeaInterest(models.Model):
    """One person's interest in an idea (once per person and idea), relayed to the owner as a ContactMessage."""

    idea = models.ForeignKey(ProjectIdea, on_delete=models.CASCADE, related_name="interests")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_interests")
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="idea_interests",
        verbose_name=_("organisation"),
    )
    message = models.ForeignKey(
        "partnerships.ContactMessage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("expressed"), auto_now_add=True)

    class Meta:
        verbose_name = _("interest in a project idea")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["idea", "person"], name="idea_interest_once_per_person")]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.idea_id}"
