"""Who may ask for and download a programme's reports: its staff with the report right (programmes.staff)."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from programmes.staff import StaffAction, may


def object_id(parameters: dict, name: str) -> int:
    value = str(parameters.get(name, ""))
    if not value.isdigit():
        raise ValidationError({name: _("Choose what the report is about.")})
    return int(value)


def require_reporting(user, programme) -> None:
    if not may(user, programme, StaffAction.REPORT):
        raise Http404


def may_download(user, report) -> bool:
    return report.programme is not None and may(user, report.programme, StaffAction.REPORT)
