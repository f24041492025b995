"""Applications and projects (one model through the whole workflow), collaborators, assessments, decisions."""

import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ..querysets import ProjectQuerySet
from ..search_languages import SEARCH_CONFIGS
from ..workflow import PUBLIC_STATUSES, Status

PUBLIC = Q(status__in=sorted(PUBLIC_STATUSES))


class Stage(models.TextChoices):
    """Which form the applicants fill in: a two-step call's concept note first, then the full application."""

    CONCEPT = "concept", _("Concept note (step 1)")
    FULL = "full", _("Full application")


class Project(models.Model):
    programme = models.ForeignKey("programmes.Programme", on_delete=models.PROTECT, related_name="projects")
    call = models.ForeignKey(
        "programmes.Call", on_delete=models.PROTECT, null=True, blank=True, related_name="projects"
    )
    acronym = models.CharField(_("acronym"), max_length=25)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    # the identification texts in the call's other input languages: {"summary": {"de": "…"}, "title": {…}}
    text_translations = models.JSONField(_("texts in other languages"), default=dict, blank=True)
    # the language its texts are written in: the public search stems its words in it (search_index.SEARCH_CONFIGS)
    language = models.CharField(
        _("language of its texts"),
        max_length=2,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The public project search finds the project's words in this language."),
    )
    specific_objective = models.ForeignKey(
        "programmes.SpecificObjective",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.DRAFT)
    stage = models.CharField(_("stage"), max_length=7, choices=Stage.choices, default=Stage.FULL)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # a modification is open: the application form is a draft of the next version (projects.services.modifications)
    modification_open = models.BooleanField(_("modification open"), default=False, editable=False)
    # closed with a closure summary: the public page shows its results (projects.services.closure)
    has_results = models.BooleanField(_("results available"), default=False, editable=False)
    # optimistic lock of the identification section: a save based on an older version is refused
    identification_version = models.PositiveIntegerField(default=1, editable=False)
    identification_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    # The public database's index of the project: written only by projects.search_index, never edited.
    search_vector = SearchVectorField(null=True, editable=False)
    acronym_trigrams = ArrayField(models.CharField(max_length=3), default=list, editable=False)
    total_budget = models.DecimalField(
        _("total budget (EUR)"), max_digits=14, decimal_places=2, default=Decimal(0), editable=False
    )
    partner_count = models.PositiveSmallIntegerField(_("partners"), default=0, editable=False)
    lead_country = models.CharField(_("lead partner country"), max_length=2, blank=True, editable=False)
    partner_countries = ArrayField(models.CharField(max_length=2), default=list, editable=False)
    partner_regions = ArrayField(models.CharField(max_length=5), default=list, editable=False)  # NUTS 2 codes
    partner_sectors = ArrayField(models.CharField(max_length=10), default=list, editable=False)
    sort_date = models.GeneratedField(
        expression=Coalesce(F("start_date"), Value(date(1, 1, 1))),
        output_field=models.DateField(),
        db_persist=True,
    )

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_months__isnull=True) | Q(duration_months__gte=1),
                name="project_duration_positive",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="project_dates_in_order",
            ),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="project_status_known"),
        ]
        indexes = [
            models.Index(fields=["status", "programme"]),
            models.Index(fields=["call", "status"]),
            # the public database: full-text and acronym search, facets on arrays, keyset orders
            # one full-text index per language its texts can be in: each answers the words parsed in its language
            *(
                GinIndex(fields=["search_vector"], name=f"project_search_{code}", condition=PUBLIC & Q(language=code))
                for code in SEARCH_CONFIGS
            ),
            GinIndex(fields=["acronym_trigrams"], name="project_trigram_gin", condition=PUBLIC),
            GinIndex(fields=["partner_countries"], name="project_countries_gin", condition=PUBLIC),
            GinIndex(fields=["partner_regions"], name="project_regions_gin", condition=PUBLIC),
            models.Index(fields=["sort_date", "id"], name="project_public_date", condition=PUBLIC),
            models.Index(fields=["total_budget", "id"], name="project_public_budget", condition=PUBLIC),
            # the facet "results available": few projects have them, so a search filtered by it walks this
            models.Index(
                fields=["sort_date", "id"], name="project_results_date", condition=PUBLIC & Q(has_results=True)
            ),
        ]

    def __str__(self) -> str:
        return self.acronym


class ProjectStatusChange(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="status_history")
    from_status = models.CharField(_("from"), max_length=30, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=30, choices=Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("status change")
        ordering = ["project", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.project}: {self.from_status or '—'} → {self.to_status}"


class CollaboratorLevel(models.TextChoices):
    VIEW = "view", _("View")
    EDIT = "edit", _("Edit")
    MANAGE = "manage", _("Manage")


class ProjectCollaborator(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="collaborators")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="collaborations")
    level = models.CharField(
        _("level"), max_length=6, choices=CollaboratorLevel.choices, default=CollaboratorLevel.VIEW
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("project collaborator")
        ordering = ["project", "user"]
        constraints = [models.UniqueConstraint(fields=["project", "user"], name="collaborator_once_per_project")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_level_display()}) on {self.project}"


class AssessmentKind(models.TextChoices):
    ELIGIBILITY = "eligibility", _("Eligibility check")
    QUALITY = "quality", _("Quality assessment")


class Assessment(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="assessments")
    kind = models.CharField(_("kind"), max_length=12, choices=AssessmentKind.choices)
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessments")
    passed = models.BooleanField(_("passed"), null=True, blank=True, help_text=_("Eligibility result."))
    total_score = models.DecimalField(
        _("weighted score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(1)), MaxValueValidator(Decimal(5))],
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("assessment")
        ordering = ["project", "kind", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["project", "kind", "assessor"], name="assessment_once_per_assessor"),
            models.CheckConstraint(
                condition=Q(total_score__isnull=True) | Q(total_score__gte=1, total_score__lte=5),
                name="assessment_score_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.project} by {self.assessor}"


class AssessmentItem(models.Model):
    """One line of an assessment: an eligibility checklist item (pass/fail) or a quality criterion (score 1–5)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="items")
    criterion = models.CharField(_("criterion"), max_length=30)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("assessment item")
        ordering = ["assessment", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="assessment_item_once"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5), name="assessment_item_score_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment}: {self.criterion}"


class DecisionOutcome(models.TextChoices):
    APPROVED = Status.APPROVED.value, Status.APPROVED.label
    APPROVED_WITH_CONDITIONS = Status.APPROVED_WITH_CONDITIONS.value, Status.APPROVED_WITH_CONDITIONS.label
    NOT_APPROVED = Status.NOT_APPROVED.value, Status.NOT_APPROVED.label


class Decision(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(_("outcome"), max_length=30, choices=DecisionOutcome.choices)
    decided_on = models.DateField(_("decision date"))
    conditions = models.TextField(_("conditions"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        ordering = ["project", "-decided_on"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome=DecisionOutcome.APPROVED_WITH_CONDITIONS) | ~Q(conditions=""),
                name="decision_conditions_written",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.get_outcome_display()} ({self.decided_on})"


def _annex_path(annex: "Annex", filename: str) -> str:
    """A random stored name outside the static tree; the original name is kept in the row, never on disk."""
    return f"annexes/{annex.project_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class Annex(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="annexes")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=_annex_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("annex")
        verbose_name_plural = _("annexes")
        ordering = ["project", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Submission(models.Model):
    """What was submitted, frozen: a JSON snapshot written once at submission, and its PDF rendered by Celery."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="submissions")
    number = models.PositiveSmallIntegerField(_("submission number"))
    submitted_at = models.DateTimeField(_("submitted"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    snapshot = models.JSONField(_("snapshot"))
    pdf = models.FileField(_("PDF"), upload_to="submissions/", blank=True)
    # the language of the page it was submitted from: the worker writes the PDF in it
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")

    class Meta:
        verbose_name = _("submission")
        ordering = ["project", "-number"]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="submission_number_per_project")]

    def __str__(self) -> str:
        return f"{self.project} #{self.number}"


class ReminderKind(models.TextChoices):
    WEEK = "7d", _("7 days before the deadline")
    DAY = "1d", _("1 day before the deadline")


class DeadlineReminder(models.Model):
    """One row per reminder sent: the unique constraint is what makes each reminder go out once."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="deadline_reminders")
    kind = models.CharField(max_length=2, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("deadline reminder")
        constraints = [models.UniqueConstraint(fields=["project", "kind"], name="deadline_reminder_once")]

    def __str__(self) -> str:
        return f"{self.project}: {self.get_kind_display()}"
