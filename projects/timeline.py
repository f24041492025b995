"""A project's timeline: one chronological list of what happened to it — submissions, status changes, decisions,
the contract, versions coming into force, modification steps, budget reallocations, partner and project report
steps, control certificates and payments — each with when, who and a link to its record.

Who sees an entry is decided by the policies of its record, never here: the project's records (versions,
modifications, reallocations) by projects.modification_access; partner reports, project reports and payments by
projects.reporting_access, filtered in the same query (a viewer who may not see a payment gets no entry of it, so
no amount and no link). A person is named, never by address; applicants read programme staff as the programme and
their role, as in the status history (projects.history).

One query per source, whatever the number of entries; a kind filtered out costs no query.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from interact_portal.core.formatting import format_date
from programmes.choices import StaffRole
from programmes.models import ProgrammeStaff

from .models import (
    Decision,
    ModificationStep,
    PartnerReport,
    ProjectCollaborator,
    ProjectContract,
    ProjectStatusChange,
    ReportingStep,
    Submission,
    VersionOrigin,
)
from .modification_access import modifications_for, reallocations_for, versions_for
from .modification_workflow import ModificationStatus
from .reporting_access import partner_reports_for, payments_for, project_reports_for
from .reporting_workflow import PartnerReportStatus, PaymentStatus, ProjectReportStatus
from .workflow import Status

APPLICANT, STAFF = "applicant", "staff"

# the kinds of entries, in the order the filter offers them
KINDS = {
    "submission": gettext_lazy("Submissions"),
    "status": gettext_lazy("Status changes"),
    "decision": gettext_lazy("Decisions"),
    "contract": gettext_lazy("Contract"),
    "version": gettext_lazy("Versions in force"),
    "modification": gettext_lazy("Modifications"),
    "reallocation": gettext_lazy("Budget reallocations"),
    "partner_report": gettext_lazy("Partner reports"),
    "certificate": gettext_lazy("Control certificates"),
    "project_report": gettext_lazy("Project reports"),
    "payment": gettext_lazy("Payments"),
}
_RANK = {kind: rank for rank, kind in enumerate(KINDS)}


@dataclass(frozen=True)
class Entry:
    at: datetime  # aware
    kind: str  # a key of KINDS
    text: str
    who: str = ""  # a name, or the programme and a role; never an address
    url: str | None = None  # its record, only if the viewer may open it
    amount: Decimal | None = None  # money, only where the viewer may see it
    key: tuple = field(default=(), compare=False)  # ties broken by source and row

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])


def chosen_kinds(values) -> set[str]:
    """The kinds asked for in a filter (unknown ones ignored); nothing known asked for: every kind."""
    kinds = {value for value in values if value in KINDS}
    return kinds or set(KINDS)


def project_timeline(project, user, *, side: str = APPLICANT, kinds=None, newest_first: bool = False) -> list[Entry]:
    """The project's entries the user may see, oldest first (or newest first). `side`: whose pages the links go to
    (the applicants' workspace, or the staff pages of the project's programme)."""
    kinds = set(KINDS) if kinds is None else set(kinds)
    context = _Context(project, user, side)
    entries: list[Entry] = []
    for kind, source in _SOURCES:
        if kinds & kind:
            entries.extend(entry for entry in source(context) if entry.kind in kinds)
    entries.sort(key=lambda entry: (entry.at, _RANK[entry.kind], entry.key), reverse=newest_first)
    return entries


class _Context:
    """What every source needs: the project, the viewer, their side, and how to name a person."""

    def __init__(self, project, user, side: str):
        self.project, self.user, self.side = project, user, side
        self.programme = project.programme  # select_related by the views
        self._roles = None
        self._collaborators = None

    def url(self, name: str, *args) -> str | None:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:  # a page not (yet) in the URLconf: the entry has no link
            return None

    def application_url(self) -> str:
        if self.side == STAFF:
            return reverse("staff:application", args=[self.programme.slug, self.project.pk])
        return reverse("projects:detail", args=[self.project.pk])

    def who(self, person) -> str:
        """A person as the viewer's side reads them: staff read names; applicants read a collaborator's name and
        programme staff as the programme and their role (projects.history)."""
        if person is None:
            return ""
        if self.side == STAFF:
            return person.get_full_name()
        if self._collaborators is None:  # two queries for the whole timeline, on the first person named
            self._collaborators = set(
                ProjectCollaborator.objects.filter(project=self.project).values_list("user_id", flat=True)
            )
            self._roles = dict(ProgrammeStaff.objects.filter(programme=self.programme).values_list("user_id", "role"))
        if person.pk in self._collaborators:
            return person.get_full_name()
        role = self._roles.get(person.pk)
        if role is None and not person.is_superuser:
            return self.programme.name
        label = StaffRole(role or StaffRole.MANAGER).label.lower()  # a superuser acts as a manager
        return _("%(programme)s · %(role)s") % {"programme": self.programme.name, "role": label}


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _submissions(c: _Context):
    for submission in Submission.objects.filter(project=c.project).select_related("submitted_by"):
        yield Entry(
            at=submission.submitted_at,
            kind="submission",
            text=_("Submission %(n)d") % {"n": submission.number},
            who=c.who(submission.submitted_by),
            url=reverse("projects:submission_pdf", args=[c.project.pk, submission.pk]),
            key=(submission.pk,),
        )


def _status_changes(c: _Context):
    """Status changes (eligibility, decisions, contract, closure, reopening); the first change to Contracted also
    dates the contract (its row keeps only when it was last edited)."""
    changes = list(ProjectStatusChange.objects.filter(project=c.project).select_related("by").order_by("at", "pk"))
    for change in changes:
        if change.from_status == Status.CLOSED and change.to_status == Status.CONTRACTED:
            text = _("Reopened after closure")
        else:
            text = _("Status: %(status)s") % {"status": _label(Status, change.to_status)}
        yield Entry(
            at=change.at,
            kind="status",
            text=text,
            who=c.who(change.by),
            url=c.application_url(),
            key=(change.pk,),
        )
    contract = ProjectContract.objects.filter(project=c.project).select_related("changed_by").first()
    if contract is not None:
        recorded = next((change for change in changes if change.to_status == Status.CONTRACTED), None)
        if contract.contract_date:
            text = _("Contract recorded, signed on %(day)s") % {"day": _day(contract.contract_date)}
        else:
            text = _("Contract recorded")
        yield Entry(
            at=recorded.at if recorded else contract.changed_at,
            kind="contract",
            text=text,
            who=c.who(recorded.by if recorded else contract.changed_by),
            url=c.application_url() if c.side == STAFF else reverse("projects:contract", args=[c.project.pk]),
            key=(contract.pk,),
        )


def _day(value) -> str:
    return format_date(value)


def _decisions(c: _Context):
    for decision in Decision.objects.filter(project=c.project).select_related("decided_by"):
        yield Entry(
            at=decision.created_at,
            kind="decision",
            text=_("Decision: %(outcome)s (decided on %(day)s)")
            % {"outcome": decision.get_outcome_display(), "day": _day(decision.decided_on)},
            who=c.who(decision.decided_by),
            url=c.application_url(),
            key=(decision.pk,),
        )


def _modification_url(c: _Context, project_pk: int, modification_pk: int) -> str | None:
    name = "projects:staff_modification" if c.side == STAFF else "projects:modification"
    return c.url(name, project_pk, modification_pk)


def _versions(c: _Context):
    versions = (
        versions_for(c.user)
        .filter(project=c.project)
        .select_related("created_by", "modification")
        .defer("answers", "rows")  # the whole application, twice: not read here
    )
    for version in versions:
        text = _("Version %(n)d in force from %(day)s (%(origin)s)") % {
            "n": version.number,
            "day": _day(version.in_force_from),
            "origin": _label(VersionOrigin, version.origin).lower(),
        }
        modification = getattr(version, "modification", None)
        if modification is not None:
            url = _modification_url(c, c.project.pk, modification.pk)
        elif version.origin == VersionOrigin.CONTRACT:
            url = c.application_url() if c.side == STAFF else reverse("projects:contract", args=[c.project.pk])
        else:
            url = None
        yield Entry(
            at=version.created_at, kind="version", text=text, who=c.who(version.created_by), url=url, key=(version.pk,)
        )


def _modification_steps(c: _Context):
    steps = (
        ModificationStep.objects.filter(modification__in=modifications_for(c.user).filter(project=c.project))
        .select_related("modification", "by")
        .defer("modification__snapshot", "modification__reason", "modification__decision_note")
    )
    for step in steps:
        yield Entry(
            at=step.at,
            kind="modification",
            text=_("Modification %(n)d: %(status)s")
            % {"n": step.modification.number, "status": _label(ModificationStatus, step.to_status)},
            who=c.who(step.by),
            url=_modification_url(c, c.project.pk, step.modification_id),
            key=(step.pk,),
        )


def _reallocations(c: _Context):
    reallocations = reallocations_for(c.user).filter(project=c.project).select_related("partner", "by")
    for reallocation in reallocations:
        yield Entry(
            at=reallocation.at,
            kind="reallocation",
            text=_("Budget reallocation of %(partner)s, period %(period)d: %(source)s → %(target)s")
            % {
                "partner": reallocation.partner.abbreviation,
                "period": reallocation.period,
                "source": reallocation.from_category,
                "target": reallocation.to_category,
            },
            who=c.who(reallocation.by),
            amount=reallocation.amount,
            key=(reallocation.pk,),
        )


# a partner report's long texts: not read by the timeline
_REPORT_TEXT = ("snapshot", "control_checklist", "summary", "deviations", "problems", "findings", "conclusion")


def _partner_report_steps(c: _Context):
    """Partner report steps and control certificates: only the reports the viewer may see (their own partner's, a
    manager's every partner's, money staff's submitted ones)."""
    visible = partner_reports_for(c.user).filter(project=c.project)
    steps = (
        ReportingStep.objects.filter(partner_report__in=visible.values("pk"))
        .select_related("partner_report__partner", "by")
        .defer(*(f"partner_report__{name}" for name in _REPORT_TEXT))
    )
    for step in steps:
        report = step.partner_report
        yield Entry(
            at=step.at,
            kind="partner_report",
            text=_("Partner report %(n)d of %(partner)s (period %(period)d): %(status)s")
            % {
                "n": report.number,
                "partner": report.partner.abbreviation,
                "period": report.period,
                "status": _label(PartnerReportStatus, step.to_status),
            },
            who=c.who(step.by),
            url=_partner_report_url(c, report),
            key=(step.pk,),
        )
    certified = (
        visible.filter(certified_at__isnull=False)
        .select_related("partner", "confirmed_by", "finalised_by")
        .defer(*_REPORT_TEXT)
    )
    for report in certified:
        yield Entry(
            at=report.certified_at,
            kind="certificate",
            text=_("Control certificate of partner report %(n)d of %(partner)s (period %(period)d)")
            % {"n": report.number, "partner": report.partner.abbreviation, "period": report.period},
            who=c.who(report.confirmed_by or report.finalised_by),
            url=reverse("projects:control_certificate", args=[report.pk]) if report.certificate else None,
            key=(report.pk,),
        )


def _partner_report_url(c: _Context, report: PartnerReport) -> str | None:
    if c.side == STAFF:
        return None  # programme staff read a partner report through its certificate and its project report
    return reverse("projects:partner_report", args=[report.project_id, report.pk])


def _project_report_steps(c: _Context):
    visible = project_reports_for(c.user).filter(project=c.project)
    steps = (
        ReportingStep.objects.filter(project_report__in=visible.values("pk"))
        .select_related("project_report", "by")
        .defer("project_report__snapshot", "project_report__progress_summary", "project_report__highlights")
    )
    for step in steps:
        report = step.project_report
        if c.side == STAFF:
            url = reverse("staff:verification", args=[c.programme.slug, report.pk])
        else:
            url = reverse("projects:project_report", args=[c.project.pk, report.pk])
        text = _("Project report %(n)d (period %(period)d): %(status)s") % {
            "n": report.number,
            "period": report.period,
            "status": _label(ProjectReportStatus, step.to_status),
        }
        if report.is_final:
            text = _("%(entry)s — final report") % {"entry": text}
        yield Entry(at=step.at, kind="project_report", text=text, who=c.who(step.by), url=url, key=(step.pk,))


def _payment_steps(c: _Context):
    visible = payments_for(c.user).filter(claim__project=c.project)
    steps = (
        ReportingStep.objects.filter(payment__in=visible.values("pk"))
        .select_related("payment__partner", "payment__claim__project_report", "by")
        .defer(
            "payment__claim__project_report__snapshot",
            "payment__claim__project_report__progress_summary",
            "payment__claim__project_report__highlights",
        )
    )
    for step in steps:
        payment = step.payment
        amount = {
            PaymentStatus.PENDING: payment.amount_due,
            PaymentStatus.AUTHORISED: payment.authorised_amount,
            PaymentStatus.PAID: payment.paid_amount,
        }.get(step.to_status)
        if c.side == STAFF:
            url = reverse("staff:payment", args=[c.programme.slug, payment.pk])
        else:
            url = reverse("projects:project_payments", args=[c.project.pk])
        text = _("Payment to %(partner)s (%(fund)s) for project report %(n)d: %(status)s") % {
            "partner": payment.partner.abbreviation,
            "fund": payment.fund.upper(),
            "n": payment.claim.project_report.number,
            "status": _label(PaymentStatus, step.to_status),
        }
        yield Entry(at=step.at, kind="payment", text=text, who=c.who(step.by), url=url, amount=amount, key=(step.pk,))


# (the kinds a source yields, the source): a source none of whose kinds is asked for is not queried
_SOURCES = (
    ({"submission"}, _submissions),
    ({"status", "contract"}, _status_changes),
    ({"decision"}, _decisions),
    ({"version"}, _versions),
    ({"modification"}, _modification_steps),
    ({"reallocation"}, _reallocations),
    ({"partner_report", "certificate"}, _partner_report_steps),
    ({"project_report"}, _project_report_steps),
    ({"payment"}, _payment_steps),
)


ORDERS = {"oldest": gettext_lazy("Oldest first"), "newest": gettext_lazy("Newest first")}


def timeline_context(request, project, *, side: str) -> dict:
    """The page's entries and its filter, from the query string (unknown kinds and orders are ignored)."""
    asked = request.GET.getlist("kind")
    kinds = chosen_kinds(asked)
    order = request.GET.get("order")
    order = order if order in ORDERS else "oldest"
    entries = project_timeline(project, request.user, side=side, kinds=kinds, newest_first=order == "newest")
    return {
        "entries": entries,
        "kinds": [(key, label, key in kinds and len(kinds) < len(KINDS)) for key, label in KINDS.items()],
        "orders": list(ORDERS.items()),
        "order": order,
        "filtered": len(kinds) < len(KINDS),
    }
