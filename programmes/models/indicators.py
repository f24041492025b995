"""Programme indicators: reference data (code, name, unit, output or result) that projects set targets against."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import IndicatorKind
from .core import Programme, SpecificObjective


class Indicator(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=20, help_text=_("E.g. RCO 84 or RCR 79."))
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("measurement unit"), max_length=100)
    kind = models.CharField(_("kind"), max_length=6, choices=IndicatorKind.choices)
    objectives = models.ManyToManyField(
        SpecificObjective,
        verbose_name=_("specific objectives"),
        related_name="indicators",
        blank=True,
        help_text=_("The objectives whose projects may report on this indicator."),
    )

    class Meta:
        verbose_name = _("indicator")
        ordering = ["programme", "kind", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="indicator_code_per_programme"),
            models.CheckConstraint(condition=models.Q(kind__in=IndicatorKind.values), name="indicator_kind_known"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
