"""The end of a contracted project: when its closure section opens, what it must hold before staff close the
project, and its indicators against the targets of the version in force (projects/services/closure.py writes).

The rule for the closure section: it opens on a contracted project once its final reporting period has started —
the period of the schedule's final deadline (ReportingDeadline.final), or, without a schedule, the project's last
reporting period — or as soon as the final project report exists. (The final deadline alone is no sign: the
schedule marks one at the contract.) A closed project keeps its section, read-only, until it is reopened.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.budget import project_periods

from .models import Modification, Project, ProjectClosure, ProjectReport, ReportIndicatorValue, ReportingDeadline
from .modification_workflow import ACTIVE
from .reporting_workflow import ProjectReportStatus
from .versions import version_in_force
from .workflow import Status

# the final project report counts as given once it reached the programme (returned to the lead partner: not)
FINAL_REPORT_GIVEN = (ProjectReportStatus.SUBMITTED, ProjectReportStatus.IN_VERIFICATION, ProjectReportStatus.VERIFIED)
# the closure's picture: images a browser shows, checked by their first bytes
PICTURE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}


def final_period(project: Project) -> int | None:
    """The final reporting period: the schedule's final deadline's, else the project's last period."""
    marked = ReportingDeadline.objects.filter(project=project, final=True).values_list("period", flat=True).first()
    if marked is not None:
        return marked
    periods = project_periods(project)
    return max(periods) if periods else None


def closure_refusal(project: Project) -> str | None:
    """Why the project has no closure section (yet), or None."""
    if project.status == Status.CLOSED:
        return None
    if project.status != Status.CONTRACTED:
        return _("The closure section opens once the project is contracted and its final period has started.")
    if ProjectReport.objects.filter(project=project, is_final=True).exists():
        return None
    from .services.project_reports import period_start  # the periods' dates live with the reports

    final = final_period(project)
    start = period_start(project, final) if final is not None else None
    if start is None or start > timezone.localdate():
        if start is None:
            return _("The closure section opens once the final reporting period starts.")
        return _("The closure section opens when the final reporting period starts, on %(day)s.") % {
            "day": start.isoformat()
        }
    return None


def final_report(project: Project) -> ProjectReport | None:
    return ProjectReport.objects.filter(project=project, is_final=True).order_by("-number").first()


def close_problems(project: Project, closure: ProjectClosure | None) -> list[str]:
    """What stops staff from closing the project now (empty: it may be closed)."""
    problems = []
    if project.status != Status.CONTRACTED:
        problems.append(
            _("Only a contracted project can be closed; this one is “%(status)s”.")
            % {"status": Status(project.status).label}
        )
    if closure is None or not closure.main_achievements.strip():
        problems.append(_("The closure section has no main achievements."))
    if closure is None or not closure.durable_outputs.strip():
        problems.append(_("The closure section has no durable outputs."))
    if closure is None or not closure.public_summary.strip():
        problems.append(_("The closure section has no summary for the public."))
    report = final_report(project)
    if report is None:
        problems.append(_("The final project report has not been started."))
    elif report.status not in FINAL_REPORT_GIVEN:
        problems.append(
            _("The final project report is “%(status)s”: it must be submitted first.")
            % {"status": ProjectReportStatus(report.status).label}
        )
    if Modification.objects.filter(project=project, status__in=ACTIVE).exists():
        problems.append(_("A modification of the project is under way: it must be decided or withdrawn first."))
    return problems


@dataclass
class IndicatorRow:
    code: str
    name: str
    unit: str
    kind: str  # "output" or "result"
    target: Decimal
    achieved: str = ""  # as typed, or as saved

    @property
    def field(self) -> str:
        return "indicator_" + re.sub(r"[^A-Za-z0-9]", "_", self.code)

    @property
    def target_text(self) -> str:
        return _plain(self.target)

    @property
    def achieved_number(self) -> Decimal | None:
        try:
            return Decimal(self.achieved) if self.achieved else None
        except InvalidOperation:
            return None


def target_rows(answers: dict | None) -> list[IndicatorRow]:
    """The indicators of a version's outputs and results, each with its target (summed when several outputs or
    results use it), outputs first, in code order."""
    rows: dict[tuple[str, str], IndicatorRow] = {}
    if not answers:
        return []
    outputs = [o for wp in answers.get("work_packages", []) for o in wp.get("outputs", [])]
    for kind, items in (("output", outputs), ("result", answers.get("results", []))):
        for item in items:
            indicator = item.get("indicator") or {}
            code = indicator.get("code", "")
            if not code:
                continue
            row = rows.setdefault(
                (kind, code),
                IndicatorRow(code, indicator.get("name", ""), indicator.get("unit", ""), kind, Decimal(0)),
            )
            row.target += Decimal(str(item.get("target_value") or 0))
    ordered = sorted(rows.values(), key=lambda r: (r.kind != "output", r.code))
    seen, unique = set(), []
    for row in ordered:  # a code is one input: an indicator used as an output and a result (unusual) counts once
        if row.code not in seen:
            seen.add(row.code)
            unique.append(row)
    return unique


def reported_values(project: Project) -> dict[str, Decimal]:
    """The latest cumulative value of each indicator (by code) in the project's reports, the newest report first."""
    values: dict[str, Decimal] = {}
    rows = (
        ReportIndicatorValue.objects.filter(project_report__project=project)
        .order_by("-project_report__number")
        .values_list("indicator__code", "cumulative")
    )
    for code, value in rows:
        values.setdefault(code, value)
    return values


def indicator_rows(project: Project, closure: ProjectClosure | None, *, prefill: bool = True) -> list[IndicatorRow]:
    """The indicators of the version in force with their targets and the values achieved: the closure's saved
    ones, else (for the form) the latest reported cumulative values."""
    version = version_in_force(project)
    rows = target_rows(version.answers if version else None)
    saved = closure.indicator_achievements if closure else {}
    reported = reported_values(project) if prefill and rows and not saved else {}
    for row in rows:
        if row.code in saved:
            row.achieved = str(saved[row.code])
        elif row.code in reported:
            row.achieved = _plain(reported[row.code])
    return rows


def _plain(value: Decimal) -> str:
    """12.00 → "12", 12.50 → "12.5"."""
    return format(value.normalize(), "f")


def public_results(project: Project) -> dict | None:
    """What the public page shows of a closed project's results, or None (not closed, or nothing published)."""
    if project.status != Status.CLOSED or not project.has_results:
        return None
    closure = ProjectClosure.objects.filter(project=project).first()
    if closure is None:
        return None
    return {"closure": closure, "indicators": indicator_rows(project, closure, prefill=False)}
