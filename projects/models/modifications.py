"""A contracted project changes and ends: its versions, modification requests, small budget reallocations, closure.

A version is the whole application frozen when it came into force (the contract is version 1, every approved
modification or reallocation the next one). The application's live tables are the version in force — or, while a
modification is open, the draft of the next one; a rejected or withdrawn modification puts the live tables back
from the version in force (projects/versions.py). Versions are never updated or deleted: the services have no such
path and a database trigger refuses it (migration 0011).
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from interact_portal.core.uploads import validate_upload

from ..modification_workflow import ModificationStatus
from .core import Project


class VersionOrigin(models.TextChoices):
    CONTRACT = "contract", _("Contract")
    MODIFICATION = "modification", _("Modification")
    REALLOCATION = "reallocation", _("Budget reallocation")


class ApplicationVersion(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    origin = models.CharField(_("origin"), max_length=12, choices=VersionOrigin.choices)
    # in force from this date (the contract: the project's start; a modification: its entry into force)
    in_force_from = models.DateField(_("in force from"))
    # what a reader sees: projects.answers.application_answers, as JSON (the diff reads this)
    answers = models.JSONField(_("application"), editable=False)
    # the live tables' rows as serialised by Django (model, pk, fields): what a rejected modification restores
    rows = models.JSONField(editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("application version")
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="application_version_once"),
            models.CheckConstraint(condition=Q(number__gte=1), name="application_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.project} v{self.number}"


class Modification(models.Model):
    """A change to a contracted project: requested by its managers, opened by staff, drafted on the live tables,
    submitted, then approved (a new version in force) or rejected (the version in force stays, untouched)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="modifications")
    number = models.PositiveSmallIntegerField(_("modification"))
    status = models.CharField(
        _("status"), max_length=10, choices=ModificationStatus.choices, default=ModificationStatus.REQUESTED
    )
    reason = models.TextField(_("reason for the modification"))
    # the version in force when it was opened (what the draft starts from, and what a rejection restores)
    base_version = models.ForeignKey(
        ApplicationVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # the version it brought into force (approved only)
    new_version = models.OneToOneField(
        ApplicationVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="modification"
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    entry_into_force = models.DateField(_("entry into force"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    snapshot = models.JSONField(default=dict, blank=True, editable=False)  # the draft as submitted

    class Meta:
        verbose_name = _("modification")
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="modification_number_once"),
            # one modification at a time: requested, open or submitted
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(status__in=["requested", "open", "submitted"]),
                name="one_modification_at_a_time",
            ),
            models.CheckConstraint(condition=Q(status__in=ModificationStatus.values), name="modification_status_known"),
            models.CheckConstraint(
                condition=Q(entry_into_force__isnull=True)
                | Q(decision_date__isnull=True)
                | Q(entry_into_force__gte=F("decision_date")),
                name="modification_in_force_after_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} — modification {self.number}"


class ModificationStep(models.Model):
    """One status change of a modification: who, when, why (the history and the timeline read these)."""

    modification = models.ForeignKey(Modification, on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(_("from"), max_length=10, choices=ModificationStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=10, choices=ModificationStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("modification step")
        ordering = ["modification", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.modification}: {self.from_status or '—'} → {self.to_status}"


class BudgetReallocation(models.Model):
    """A small move of a partner's budget between cost categories in one period, within the call's limit, without
    a modification: recorded, told to staff, and in force at once as the next version."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="reallocations")
    partner = models.ForeignKey("partnerships.ProjectPartner", on_delete=models.PROTECT, related_name="+")
    period = models.PositiveSmallIntegerField(_("period"))
    from_category = models.CharField(_("from cost category"), max_length=20)
    to_category = models.CharField(_("to cost category"), max_length=20)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=14, decimal_places=2)
    justification = models.TextField(_("justification"))
    version = models.OneToOneField(ApplicationVersion, on_delete=models.PROTECT, related_name="reallocation")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("budget reallocation")
        ordering = ["project", "at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="reallocation_amount_positive"),
            models.CheckConstraint(condition=~Q(from_category=F("to_category")), name="reallocation_two_categories"),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.amount} {self.from_category} → {self.to_category} (P{self.period})"


def _closure_picture_path(closure: "ProjectClosure", filename: str) -> str:
    return f"closure/{closure.project_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class ProjectClosure(models.Model):
    """The closure section the lead partner writes with the final report; its summary and picture are public once
    the project is closed."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="closure")
    main_achievements = models.TextField(_("main achievements"), blank=True)
    durable_outputs = models.TextField(_("durable outputs and their use after the project"), blank=True)
    public_summary = models.TextField(_("summary for the public"), blank=True)
    picture = models.FileField(_("picture"), upload_to=_closure_picture_path, blank=True, validators=[validate_upload])
    picture_alt = models.CharField(_("picture description (alternative text)"), max_length=250, blank=True)
    # achieved value per indicator code: {"RCO84": "12", …} (Decimal as string), against the version's targets
    indicator_achievements = models.JSONField(_("indicators achieved"), default=dict, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)  # optimistic lock
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("project closure")

    def __str__(self) -> str:
        return str(self.project)
