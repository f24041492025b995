"""The stored amounts of a submitted partner report at each stage it has reached, per cost category and in total:
the aggregate the programme money overview sums (projects.money_aggregates writes it, from reporting_money)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .partner_reports import PartnerReport

TOTAL = "total"  # the row holding the report's total (every category, flat rates included)


class ReportAmount(models.Model):
    """One partner report's amount in one cost category (or `TOTAL`) at each stage: declared once submitted,
    certified once certified, verified once its project report is verified (a stage not reached is NULL). Drafts
    have no rows. Written only by `projects.money_aggregates.refresh_report_amounts` (reporting_money's
    `report_amounts`); programme, project and partner are the report's, copied for grouping."""

    report = models.ForeignKey(PartnerReport, on_delete=models.CASCADE, related_name="amounts", db_index=False)
    programme = models.ForeignKey("programmes.Programme", on_delete=models.DO_NOTHING, related_name="+", db_index=False)
    project = models.ForeignKey("projects.Project", on_delete=models.DO_NOTHING, related_name="+", db_index=False)
    partner = models.ForeignKey(
        "partnerships.ProjectPartner", on_delete=models.DO_NOTHING, related_name="+", db_index=False
    )
    category = models.CharField(_("cost category"), max_length=20)
    declared = models.DecimalField(_("declared"), max_digits=16, decimal_places=2)
    certified = models.DecimalField(_("certified"), max_digits=16, decimal_places=2, null=True, blank=True)
    verified = models.DecimalField(_("verified"), max_digits=16, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("partner report amount")
        verbose_name_plural = _("partner report amounts")
        ordering = ["report", "category"]
        constraints = [models.UniqueConstraint(fields=["report", "category"], name="report_amount_unique")]
        indexes = [
            models.Index(
                fields=["programme", "category"],
                include=["project", "partner", "declared", "certified", "verified"],
                name="report_amount_programme",
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_id} {self.category}: {self.declared}"
