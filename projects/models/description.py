"""The project description: context, objectives, target groups, horizontal principles, durability, communication."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from partnerships.choices import OrganisationType

from .core import Project


class Effect(models.TextChoices):
    POSITIVE = "positive", _("Positive effect")
    NEUTRAL = "neutral", _("Neutral")
    NEGATIVE = "negative", _("Negative effect")


class ProjectDescription(models.Model):
    """One per application, created with it; its version is the optimistic lock of the description section."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="description")
    context = models.TextField(_("context and challenge"), blank=True)
    overall_objective = models.TextField(_("overall objective"), blank=True)
    durability = models.TextField(_("durability"), blank=True)
    transferability = models.TextField(_("transferability"), blank=True)
    communication = models.TextField(_("communication"), blank=True)
    # horizontal principles (Regulation (EU) 2021/1060 art. 9): effect and justification of each
    sustainable_development = models.CharField(
        _("sustainable development"), max_length=8, choices=Effect.choices, blank=True
    )
    sustainable_development_justification = models.TextField(_("justification"), blank=True)
    equal_opportunities = models.CharField(
        _("equal opportunities and non-discrimination"), max_length=8, choices=Effect.choices, blank=True
    )
    equal_opportunities_justification = models.TextField(_("justification"), blank=True)
    gender_equality = models.CharField(
        _("equality between women and men"), max_length=8, choices=Effect.choices, blank=True
    )
    gender_equality_justification = models.TextField(_("justification"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("project description")

    def __str__(self) -> str:
        return str(_("Description of %(project)s") % {"project": self.project})


class ProjectObjective(models.Model):
    """A project specific objective, contributing to the programme's specific objective the project chose."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="objectives")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("project specific objective")
        ordering = ["project", "number"]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="project_objective_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class TargetGroup(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="target_groups")
    group = models.CharField(_("target group"), max_length=30, choices=OrganisationType.choices)
    description = models.TextField(_("description"), blank=True)
    target_value = models.PositiveIntegerField(_("target value"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("target group")
        ordering = ["project", "pk"]
        constraints = [models.UniqueConstraint(fields=["project", "group"], name="target_group_once")]

    def __str__(self) -> str:
        return f"{self.get_group_display()}: {self.target_value}"
