"""The one writer of reporting statuses: partner reports, project reports and payments move only through
`reporting_transition`, which refuses what projects.reporting_workflow's tables do not allow and records the step."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from interact_portal.audit.services import audit_record

from ..models import PartnerReport, Payment, ProjectReport, ReportingStep
from ..reporting_workflow import (
    PARTNER_REPORT_TRANSITIONS,
    PAYMENT_TRANSITIONS,
    PROJECT_REPORT_TRANSITIONS,
    PartnerReportStatus,
    PaymentStatus,
    ProjectReportStatus,
)

TABLES = {
    PartnerReport: (PARTNER_REPORT_TRANSITIONS, PartnerReportStatus, "partner_report"),
    ProjectReport: (PROJECT_REPORT_TRANSITIONS, ProjectReportStatus, "project_report"),
    Payment: (PAYMENT_TRANSITIONS, PaymentStatus, "payment"),
}


def can_move(record, to: str) -> bool:
    table, _statuses, _field = TABLES[type(record)]
    return to in table.get(record.status, frozenset())


def locked(record):
    """The record's row locked for a step (callers are in a transaction), fresh from the database."""
    return type(record).objects.select_for_update().get(pk=record.pk)


@transaction.atomic
def reporting_transition(record, *, to: str, by, note: str = "", fields: dict | None = None):
    """Move a partner report, project report or payment to `to`, with other `fields` set in the same save; the row
    is locked, the table checked against its current status, the step recorded and audited. Returns the record."""
    table, statuses, key = TABLES[type(record)]
    record = locked(record)
    if to not in table.get(record.status, frozenset()):
        raise ValidationError(
            _("This record cannot go from “%(current)s” to “%(target)s”.")
            % {"current": statuses(record.status).label, "target": statuses(to).label}
        )
    ReportingStep.objects.create(**{key: record}, from_status=record.status, to_status=to, by=by, note=note)
    audit_record(action=f"{key}.status", actor=by, target=record, changes={"status": (record.status, to)}, note=note)
    record.status = to
    for name, value in (fields or {}).items():
        setattr(record, name, value)
    record.save()
    return record
