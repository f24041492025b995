"""The programme's EU allocations per fund and year: what must be paid out by the end of year N+3 (the
decommitment rule of Regulation (EU) 2021/1060 art. 105) — the money overview reads them."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import Fund
from .core import Programme


class FundCommitment(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="commitments")
    fund = models.CharField(_("fund"), max_length=10, choices=Fund.choices)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2014)])
    amount = models.DecimalField(
        _("EU allocation (EUR)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )

    class Meta:
        verbose_name = _("annual EU allocation")
        ordering = ["programme", "fund", "year"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "fund", "year"], name="commitment_once_per_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="commitment_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.fund} {self.year}: {self.amount}"

    @property
    def deadline_year(self) -> int:
        """The last year by which the allocation must be paid (N+3)."""
        return self.year + 3
