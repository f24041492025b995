"""The stored stage amounts of partner reports (`ReportAmount`), which the programme money overview sums instead
of every expenditure line of the programme.

`refresh_report_amounts` is the one writer: it recomputes a report's rows with reporting_money (`line_sums`,
`report_amounts` — flat rates included —, `report_stages`, `staged_amounts`) and replaces them; a draft has none
("reported" means submitted and later). The receivers below call it whenever a report's stage figures can change:
a partner report saved (every status change — reporting_transition saves the row — , a reopening to draft), a line
of a submitted report saved (drafts are skipped: their lines count nothing; lines are deleted only in drafts, and a
receiver on their deletion would stop Django deleting a report's lines in one query), a project report saved (it
may have become verified, or stopped being) and a certificate added to or removed from one. Bulk updates bypass the
receivers: the control's and the verification's bulk line updates happen before the transition that makes their
amounts count (certification, verification), which refreshes the report. `backfill_report_amounts` (migration
0010, `manage.py refresh_report_amounts`) fills the rows of existing reports.

The rows follow a call's flat rates as they were when the report last changed; rebuild them with
`manage.py refresh_report_amounts --programme …` after changing the rates of a call with submitted reports.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from partnerships.budget import ZERO, CostOptions

from .models import ExpenditureLine, PartnerReport, ProjectReportCertificate, ReportAmount
from .models.money import TOTAL
from .reporting_money import line_sums, report_amounts, report_stages, staged_amounts
from .reporting_workflow import PartnerReportStatus


def _rows(reports: list[tuple]) -> list[ReportAmount]:
    """The rows of submitted reports: (pk, partner, project, programme, call) tuples. Four queries whatever their
    number (calls, stages, line sums)."""
    from programmes.models import Call

    ids = [r[0] for r in reports]
    calls = {call.pk: call for call in Call.objects.filter(pk__in={r[4] for r in reports if r[4]})}
    options = {pk: CostOptions.of(call) for pk, call in calls.items()}
    options[None] = CostOptions.of(None)
    stages = report_stages(ids)
    sums = line_sums(ids)
    rows = []
    for pk, partner_id, project_id, programme_id, call_id in reports:
        staged = staged_amounts(report_amounts(sums[pk], options[call_id if call_id in options else None]), *stages[pk])
        where = {"report_id": pk, "partner_id": partner_id, "project_id": project_id, "programme_id": programme_id}
        totals = {stage: sum(cells.values(), ZERO) for stage, cells in staged.items()}
        rows.append(ReportAmount(category=TOTAL, **totals, **where))
        for category, declared in staged["declared"].items():
            amounts = {stage: cells.get(category, ZERO) for stage, cells in staged.items()}
            if any(amounts.values()):  # a category the report has nothing in is left out (as the lines leave it)
                rows.append(ReportAmount(category=category, **{"declared": declared, **amounts}, **where))
    return rows


def refresh_report_amounts(report_ids) -> None:
    """Recompute the stored amounts of these partner reports (none for a draft)."""
    ids = sorted(set(report_ids))
    if not ids:
        return
    with transaction.atomic():
        # the reports locked (in order): two refreshes of one report follow each other, the later one reading what
        # the earlier committed, instead of both deleting the rows and then inserting them twice
        reports = list(
            PartnerReport.objects.select_for_update(of=("self",))
            .filter(pk__in=ids)
            .exclude(status=PartnerReportStatus.DRAFT)
            .order_by("pk")
            .values_list("pk", "partner_id", "project_id", "project__programme_id", "project__call_id")
        )
        rows = _rows(reports) if reports else []
        ReportAmount.objects.filter(report_id__in=ids).delete()
        ReportAmount.objects.bulk_create(rows)


def backfill_report_amounts(programme_ids=None, batch: int = 2000) -> int:
    """Rebuild the rows of every submitted partner report (of these programmes); returns the reports counted."""
    reports = PartnerReport.objects.exclude(status=PartnerReportStatus.DRAFT)
    stale = ReportAmount.objects.all()
    if programme_ids is not None:
        reports = reports.filter(project__programme_id__in=list(programme_ids))
        stale = stale.filter(programme_id__in=list(programme_ids))
    stale.delete()
    ids = list(reports.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        chunk = list(
            PartnerReport.objects.filter(pk__in=ids[start : start + batch])
            .order_by("pk")
            .values_list("pk", "partner_id", "project_id", "project__programme_id", "project__call_id")
        )
        ReportAmount.objects.bulk_create(_rows(chunk), batch_size=5000)
    return len(ids)


# --- when a report's figures can change ----------------------------------------------------------------------


@receiver(post_save, sender=PartnerReport, dispatch_uid="report_amounts_report")
def _report_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if instance.status == PartnerReportStatus.DRAFT:
        ReportAmount.objects.filter(report_id=instance.pk).delete()  # reopened: no longer reported
    else:
        refresh_report_amounts([instance.pk])


@receiver(post_save, sender=ExpenditureLine, dispatch_uid="report_amounts_line")
def _line_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if ExpenditureLine.report.is_cached(instance):
        status = instance.report.status
    else:
        status = PartnerReport.objects.filter(pk=instance.report_id).values_list("status", flat=True).first()
    if status is not None and status != PartnerReportStatus.DRAFT:
        refresh_report_amounts([instance.report_id])


@receiver(post_save, sender="projects.ProjectReport", dispatch_uid="report_amounts_project_report")
def _project_report_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    refresh_report_amounts(
        ProjectReportCertificate.objects.filter(project_report_id=instance.pk).values_list(
            "partner_report_id", flat=True
        )
    )


@receiver(post_save, sender=ProjectReportCertificate, dispatch_uid="report_amounts_certificate")
@receiver(post_delete, sender=ProjectReportCertificate, dispatch_uid="report_amounts_certificate_gone")
def _certificate_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    refresh_report_amounts([instance.partner_report_id])
