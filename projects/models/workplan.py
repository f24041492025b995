"""The work plan: work packages with activities and deliverables, outputs against the programme's output
indicators, and results against its result indicators. Periods are numbers (programmes.periods)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .core import Project

PERIOD = [MinValueValidator(1)]


class WorkPackage(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="work_packages")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    title = models.CharField(_("title"), max_length=200)
    objectives = models.TextField(_("objectives"), blank=True)
    responsible = models.ForeignKey(
        "partnerships.ProjectPartner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("responsible partner"),
        related_name="responsible_for",
    )
    partners = models.ManyToManyField(
        "partnerships.ProjectPartner",
        verbose_name=_("participating partners"),
        related_name="work_packages",
        blank=True,
    )
    start_period = models.PositiveSmallIntegerField(_("start period"), validators=PERIOD)
    end_period = models.PositiveSmallIntegerField(_("end period"), validators=PERIOD)
    # optimistic lock of the work package with its activities, deliverables and outputs
    version = models.PositiveIntegerField(default=1, editable=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("work package")
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="work_package_number"),
            models.CheckConstraint(condition=Q(end_period__gte=F("start_period")), name="work_package_periods"),
        ]

    def __str__(self) -> str:
        return f"WP{self.number} {self.title}"


class Activity(models.Model):
    work_package = models.ForeignKey(WorkPackage, on_delete=models.CASCADE, related_name="activities")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    start_period = models.PositiveSmallIntegerField(_("start period"), validators=PERIOD)
    end_period = models.PositiveSmallIntegerField(_("end period"), validators=PERIOD)
    partners = models.ManyToManyField(
        "partnerships.ProjectPartner", verbose_name=_("partners involved"), related_name="activities", blank=True
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["work_package", "number"]
        constraints = [
            models.UniqueConstraint(fields=["work_package", "number"], name="activity_number"),
            models.CheckConstraint(condition=Q(end_period__gte=F("start_period")), name="activity_periods"),
        ]

    def __str__(self) -> str:
        return f"A{self.work_package.number}.{self.number} {self.title}"


class Deliverable(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="deliverables")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    period = models.PositiveSmallIntegerField(_("period"), validators=PERIOD)

    class Meta:
        verbose_name = _("deliverable")
        ordering = ["activity", "number"]
        constraints = [models.UniqueConstraint(fields=["activity", "number"], name="deliverable_number")]

    def __str__(self) -> str:
        return f"D{self.number} {self.title}"


class ProjectOutput(models.Model):
    """What a work package produces, counted by one of the programme's output indicators."""

    work_package = models.ForeignKey(WorkPackage, on_delete=models.CASCADE, related_name="outputs")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    indicator = models.ForeignKey(
        "programmes.Indicator", on_delete=models.PROTECT, verbose_name=_("output indicator"), related_name="outputs"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    target_value = models.DecimalField(
        _("target value"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    period = models.PositiveSmallIntegerField(_("delivered in period"), validators=PERIOD)

    class Meta:
        verbose_name = _("project output")
        ordering = ["work_package", "number"]
        constraints = [
            models.UniqueConstraint(fields=["work_package", "number"], name="output_number"),
            models.CheckConstraint(condition=Q(target_value__gt=0), name="output_target_positive"),
        ]

    def __str__(self) -> str:
        return f"O{self.work_package.number}.{self.number} {self.title}"


class ProjectResult(models.Model):
    """A change the project brings about, measured by one of the programme's result indicators."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="results")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    indicator = models.ForeignKey(
        "programmes.Indicator", on_delete=models.PROTECT, verbose_name=_("result indicator"), related_name="results"
    )
    description = models.TextField(_("description"), blank=True)
    baseline = models.DecimalField(
        _("baseline"), max_digits=12, decimal_places=2, default=Decimal(0), validators=[MinValueValidator(Decimal(0))]
    )
    target_value = models.DecimalField(
        _("target value"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    period = models.PositiveSmallIntegerField(_("achieved by period"), validators=PERIOD)

    class Meta:
        verbose_name = _("project result")
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="result_number"),
            models.CheckConstraint(condition=Q(baseline__gte=0, target_value__gt=0), name="result_values"),
        ]

    def __str__(self) -> str:
        return f"R{self.number} {self.indicator.code}"


class SectionVersion(models.Model):
    """The optimistic lock of a section stored in many rows (results, a partner's budget, target groups): saving
    the section bumps this row's version with `update_if_current`, so a stale save is refused as a whole."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="section_versions")
    section = models.CharField(max_length=40)  # e.g. "results", "budget-<partner pk>"
    version = models.PositiveIntegerField(default=1)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("section version")
        constraints = [models.UniqueConstraint(fields=["project", "section"], name="section_version_once")]

    def __str__(self) -> str:
        return f"{self.section} v{self.version}"  # no query: admin pages list many
