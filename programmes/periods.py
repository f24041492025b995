"""Reporting periods, derived from a project's duration and its call's period length: one rule, used everywhere."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

PREPARATION = 0  # the period number of the preparation lump sum, before the project starts


@dataclass(frozen=True)
class ReportingPeriod:
    number: int
    start_month: int  # 1-based month of the project
    end_month: int

    @property
    def label(self) -> str:
        if self.number == PREPARATION:
            return _("Preparation")
        return _("Period %(n)d (months %(start)d–%(end)d)") % {
            "n": self.number,
            "start": self.start_month,
            "end": self.end_month,
        }

    @property
    def short_label(self) -> str:
        return _("Preparation") if self.number == PREPARATION else _("P%(n)d") % {"n": self.number}


def reporting_periods(duration_months: int | None, period_months: int) -> list[ReportingPeriod]:
    """Periods 1…n of `period_months` each, the last one shorter when the duration is not a multiple."""
    if not duration_months or period_months < 1:
        return []
    count = -(-duration_months // period_months)
    return [
        ReportingPeriod(n, (n - 1) * period_months + 1, min(n * period_months, duration_months))
        for n in range(1, count + 1)
    ]
