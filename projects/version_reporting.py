"""What reporting reads from a version of the application (projects.versions): the budget a partner report is
measured against, which partners report for a period, which work plan items a report covers, and whether a newer
version came into force since a report was made.

The live tables are the version in force only while no modification is open (then they are the draft of the next
one), so reporting never measures against them when the project has versions. A project without any version
(recorded before versions, or a test that sets the status directly) falls back to the live tables, as before.

A report's period is measured against `version_for_period` (the version in force on the period's last day); the
version is read once per report object (`period_version` keeps it on the instance).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from django.utils.translation import gettext as _

from .models import ApplicationVersion
from .versions import version_for_period

PARTNERS = "partnerships.projectpartner"
WORK_PACKAGES = "projects.workpackage"
ACTIVITIES = "projects.activity"
DELIVERABLES = "projects.deliverable"
OUTPUTS = "projects.projectoutput"
_UNSET = object()


def period_version(report) -> ApplicationVersion | None:
    """The version a (partner or project) report's period is measured against, or None without versions (one
    query, once per report object)."""
    cached = getattr(report, "_period_version", _UNSET)
    if cached is _UNSET:
        cached = report._period_version = version_for_period(report.project, report.period)
    return cached


def version_budget_by_category(version: ApplicationVersion, partner_id: int) -> dict[str, Decimal]:
    """A partner's budget per cost category as the version holds it (flat rates computed, as
    partnerships.budget's `by_category`); empty for a partner without a budget in that version."""
    for partner in version.answers.get("budget", {}).get("partners", []):
        if partner["id"] == partner_id:
            return {row["category"]: Decimal(str(row["total"])) for row in partner["rows"]}
    return {}


def version_budget(version: ApplicationVersion) -> SimpleNamespace:
    """The project's budget as the version holds it, shaped as the parts of partnerships.budget.project_budget's
    result the money overview reads: `.partners` (budgeted ones, each with pk, abbreviation, organisation.name and
    computed_budget.total / by_fund / fund_rates), `.by_category` and `.categories`."""
    money = version.answers.get("budget", {})
    partners = []
    for row in version.answers.get("partners", []):
        budget = row.get("budget")
        if budget is None:  # an associated partner: no budget
            continue
        funds = budget.get("funds", [])
        partners.append(
            SimpleNamespace(
                pk=row["id"],
                abbreviation=row["abbreviation"],
                organisation=SimpleNamespace(name=row["organisation"]["name"]),
                computed_budget=SimpleNamespace(
                    total=Decimal(str(budget["total"])),
                    by_fund={f["fund"]: Decimal(str(f["amount"])) for f in funds},
                    fund_rates={f["fund"]: Decimal(str(f["rate"])) for f in funds if f.get("rate") is not None},
                ),
            )
        )
    return SimpleNamespace(
        partners=partners,
        categories=[c["key"] for c in money.get("categories", [])],
        by_category={c["category"]: Decimal(str(c["total"])) for c in money.get("by_category", [])},
    )


def version_partners(version: ApplicationVersion) -> dict[int, dict]:
    """The version's partner rows by id (role, withdrawn_from_period, …, as the live table held them)."""
    return {row["id"]: row for row in version.rows["tables"].get(PARTNERS, [])}


def reporting_refusal(version: ApplicationVersion | None, partner_id: int, period: int) -> str | None:
    """Why a partner may not report for a period under the version of that period (None: it may). A partner reports
    only if it is in the version and was not withdrawn from that period or an earlier one; without a version
    (legacy) every partner may, as before."""
    if version is None:
        return None
    row = version_partners(version).get(partner_id)
    if row is None:
        return _("This partner is not part of version %(v)d of the application, in force for period %(n)d.") % {
            "v": version.number,
            "n": period,
        }
    withdrawn = row.get("withdrawn_from_period")
    if withdrawn is not None and withdrawn <= period:
        message = _("This partner withdrew from the project from period %(from)d: it does not report for period %(n)d.")
        return message % {"from": withdrawn, "n": period}
    return None


def reports_in_period(version: ApplicationVersion | None, partner_id: int, period: int) -> bool:
    return reporting_refusal(version, partner_id, period) is None


def work_plan_ids(version: ApplicationVersion, period: int) -> dict[str, set[int]]:
    """The ids of the work packages and activities running in the period, the deliverables due in it, and every
    output — as the version holds them (a draft row of an open modification is not among them)."""
    tables = version.rows["tables"]

    def running(label):
        return {
            r["id"]
            for r in tables.get(label, [])
            if (r.get("start_period") or 0) <= period <= (r.get("end_period") or 0)
        }

    return {
        "work_package": running(WORK_PACKAGES),
        "activity": running(ACTIVITIES),
        "deliverable": {r["id"] for r in tables.get(DELIVERABLES, []) if r.get("period") == period},
        "output": {r["id"] for r in tables.get(OUTPUTS, [])},
    }


@dataclass(frozen=True)
class NewerVersion:
    """A version in force that is newer than the one a report was made on."""

    made_on: int  # the report's version number
    number: int
    in_force_from: date


def newer_version(report, today: date) -> NewerVersion | None:
    """The newest version in force today if it is newer than the report's own (one query; none for a report made
    without a version)."""
    if report.application_version_id is None:
        return None
    versions = list(
        ApplicationVersion.objects.filter(project_id=report.project_id, in_force_from__lte=today)
        .order_by("number")
        .values_list("pk", "number", "in_force_from")
    )
    made_on = next((number for pk, number, _day in versions if pk == report.application_version_id), None)
    if not versions or made_on is None:
        return None
    _pk, number, since = versions[-1]
    return NewerVersion(made_on, number, since) if number > made_on else None
