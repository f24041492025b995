"""What a call sets up besides its dates: its funds, its eligibility checklist and its quality criteria."""

from decimal import Decimal

from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import Fund
from .core import Call


class CallFund(models.Model):
    """A fund the call's projects are co-financed from, with the highest rate it pays a partner."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="funds")
    fund = models.CharField(_("fund"), max_length=10, choices=Fund.choices)
    max_rate = models.DecimalField(
        _("maximum co-financing rate (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )

    class Meta:
        verbose_name = _("fund of a call")
        ordering = ["call", "fund"]
        constraints = [
            models.UniqueConstraint(fields=["call", "fund"], name="call_fund_once"),
            models.CheckConstraint(condition=Q(max_rate__gte=0, max_rate__lte=100), name="call_fund_rate_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.get_fund_display()} ≤ {self.max_rate.normalize():f} %"


class CallEligibilityItem(models.Model):
    """One item of the call's eligibility checklist (pass/fail), copied from the default template at creation."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="eligibility_items")
    key = models.SlugField(_("key"), max_length=30)
    label = models.CharField(_("item"), max_length=300, blank=True, help_text=_("Blank: the default wording."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("eligibility item")
        ordering = ["call", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["call", "key"], name="eligibility_item_key_per_call")]

    def __str__(self) -> str:
        return str(self.text)

    @property
    def text(self):
        """Staff's own wording, else the default template's (translated when shown, never stored translated)."""
        from ..call_template import ELIGIBILITY_LABELS

        return self.label or ELIGIBILITY_LABELS.get(self.key, self.key)


class CallCriterion(models.Model):
    """One quality criterion (scored 1–5) with its weight; the weights of a call add up to 100."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    key = models.SlugField(_("key"), max_length=30)
    label = models.CharField(_("criterion"), max_length=300, blank=True, help_text=_("Blank: the default wording."))
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    # the application sections assessors read next to this criterion (programmes.application_form.SECTIONS keys)
    sections = ArrayField(models.CharField(max_length=20), verbose_name=_("sections"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("quality criterion")
        verbose_name_plural = _("quality criteria")
        ordering = ["call", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "key"], name="criterion_key_per_call"),
            models.CheckConstraint(condition=Q(weight__gte=1, weight__lte=100), name="criterion_weight_1_100"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight} %)"

    @property
    def text(self):
        from ..call_template import CRITERION_LABELS

        return self.label or CRITERION_LABELS.get(self.key, self.key)

    @property
    def name(self):
        from ..call_template import CRITERION_NAMES

        return self.short_name or CRITERION_NAMES.get(self.key, self.key)
