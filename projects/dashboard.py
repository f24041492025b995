"""The figures of a programme's staff dashboard, each in one grouped query, shaped as bar charts."""

from datetime import timedelta

from django.db.models import Count, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext as _

from interact_portal.core.charts import bar_chart
from interact_portal.core.formatting import format_money
from partnerships.models import ProjectPartner

from .models import Submission
from .permissions import staff_visible, staff_visible_filter
from .reports.columns import EU_CONTRIBUTION
from .workflow import Status

WEEKS = 12


def programme_dashboard(programme) -> dict:
    """The figures of one programme, whose staff the caller checked (staff_visible(None, …): drafts not counted)."""
    calls = list(programme.calls.open_now().order_by("closes_at"))
    by_status: dict[int, dict[str, int]] = {call.pk: {} for call in calls}
    for row in (
        staff_visible(None, programme=programme)
        .filter(call__in=calls)
        .values("call_id", "status")
        .annotate(n=Count("pk"))
    ):
        by_status[row["call_id"]][row["status"]] = row["n"]
    requested = dict(
        ProjectPartner.objects.filter(staff_visible_filter(None, "project__"), project__call__in=calls)
        .values("project__call_id")
        .annotate(total=Sum(EU_CONTRIBUTION))
        .values_list("project__call_id", "total")
    )
    open_calls = [
        {
            "call": call,
            "chart": bar_chart(
                _("Applications to %(reference)s by status") % {"reference": call.reference},
                [(str(label), n, str(n)) for value, label in Status.choices if (n := by_status[call.pk].get(value))],
            ),
            "requested": requested.get(call.pk) or 0,
        }
        for call in calls
    ]
    return {
        "open_calls": open_calls,
        "funding": bar_chart(
            _("Requested EU funding against the call budget"),
            [
                row
                for item in open_calls
                for row in (
                    (
                        _("%(ref)s budget") % {"ref": item["call"].reference},
                        float(item["call"].budget),
                        _euro(item["call"].budget),
                    ),
                    (
                        _("%(ref)s requested") % {"ref": item["call"].reference},
                        float(item["requested"]),
                        _euro(item["requested"]),
                    ),
                )
            ],
        ),
        "submissions": _submissions_chart(programme),
        "countries": _countries_chart(programme),
        "deadlines": programme.calls.published().filter(closes_at__gt=timezone.now()).order_by("closes_at")[:5],
    }


def _euro(value) -> str:
    return format_money(value)


def _submissions_chart(programme):
    since = timezone.now() - timedelta(weeks=WEEKS)
    weeks = (
        Submission.objects.filter(project__programme=programme, submitted_at__gte=since)
        .annotate(week=TruncWeek("submitted_at"))
        .values("week")
        .annotate(n=Count("pk"))
        .order_by("week")
    )
    rows = [(_("Week of %(day)s") % {"day": row["week"].date().isoformat()}, row["n"], str(row["n"])) for row in weeks]
    return bar_chart(_("Submissions per week, last %(n)d weeks") % {"n": WEEKS}, rows)


def _countries_chart(programme):
    rows = (
        ProjectPartner.objects.filter(staff_visible_filter(None, "project__"), project__programme=programme)
        .values("organisation__country__name")
        .annotate(n=Count("project", distinct=True))
        .order_by("-n", "organisation__country__name")
    )
    return bar_chart(
        _("Submitted applications by partner country"),
        [(row["organisation__country__name"], row["n"], str(row["n"])) for row in rows],
    )
