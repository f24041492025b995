"""Partner changes of a contracted project, made through a modification (issue 19, item 4).

A partner joins through the usual invitation or "add a partner" flow while a modification is open (the form is the
draft of the next version: projects.workflow.is_editable). A partner of the contract never disappears: its reports,
certificates and payments point at it (PROTECT), and a rejected modification must be able to put it back as it was.
It is *withdrawn* instead: `withdrawn_from_period` says from which period it reports no more. Withdrawing the lead
partner names the new lead in the same transaction (one lead at every moment).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from interact_portal.audit.services import audit_record
from partnerships.choices import PartnerRole
from partnerships.models import ProjectPartner

from ..models import BudgetReallocation, ExpenditureLine, PartnerReport, Payment, Project
from ..permissions import manage_refusal, require
from ..workflow import Status


def current_period(project: Project, today=None) -> int | None:
    """The reporting period running today: the first before the start, the last after the end (None: no dates)."""
    from .contracting import period_dates

    periods = period_dates(project)
    if not periods:
        return None
    today = today or timezone.localdate()
    for number, period in sorted(periods.items()):
        if today <= period.ends:
            return number
    return max(periods)


def partner_has_records(partner: ProjectPartner) -> bool:
    """Has anything of the project's life after the contract been recorded for this partner? (reports and their
    lines, payments, reallocations: rows that keep pointing at it and forbid deleting it)"""
    return (
        PartnerReport.objects.filter(partner=partner).exists()
        or Payment.objects.filter(partner=partner).exists()
        or ExpenditureLine.objects.filter(partner=partner).exists()
        or BudgetReallocation.objects.filter(partner=partner).exists()
    )


def partner_removal_refusal(partner: ProjectPartner, project: Project) -> str | None:
    """Why this partner may not be removed (deleted) from the application, or None."""
    if partner_has_records(partner):
        return _(
            "%(abbr)s has reports, certificates or payments: it cannot be removed, as they would lose their partner. "
            "Withdraw it instead (on its partner page, during a modification): it keeps them and stops reporting."
        ) % {"abbr": partner.abbreviation}
    if project.status in (Status.CONTRACTED, Status.CLOSED) and _in_force(partner, project):
        return _(
            "%(abbr)s is a partner under the contract: it cannot be removed. Withdraw it instead (on its partner "
            "page): it stops reporting from the period you choose."
        ) % {"abbr": partner.abbreviation}
    return None


def _in_force(partner: ProjectPartner, project: Project) -> bool:
    """Is the partner part of the version in force (not one added in the open modification's draft)?"""
    from ..versions import version_in_force

    version = version_in_force(project)
    if version is None:
        return True
    return any(row["id"] == partner.pk for row in version.rows["tables"].get("partnerships.projectpartner", []))


def _locked(partner: ProjectPartner, by) -> tuple[Project, ProjectPartner]:
    project = Project.objects.select_for_update(of=("self",)).select_related("call").get(pk=partner.project_id)
    require(manage_refusal(by, project))  # the application must be editable: a modification is open
    if project.status != Status.CONTRACTED:
        raise ValidationError(
            _("Partners are withdrawn from a contracted project, through a modification; remove this one instead.")
        )
    return project, ProjectPartner.objects.select_for_update().get(pk=partner.pk, project=project)


@transaction.atomic
def partner_withdraw(
    *, partner: ProjectPartner, by, from_period: int | None, new_lead: ProjectPartner | None = None
) -> ProjectPartner:
    """Withdraw a partner from a period on (the current one or later): it keeps its reports, certificates and
    payments. The lead partner is withdrawn only with a new lead, chosen among the partners who stay."""
    project, partner = _locked(partner, by)
    periods = _period_errors(project, from_period)
    if periods:
        raise ValidationError(periods)
    before_role = partner.role
    if partner.role == PartnerRole.LEAD:
        if new_lead is None:
            raise ValidationError(
                {"new_lead": _("The lead partner can only be withdrawn with a new lead: choose one of the others.")}
            )
        new_lead = ProjectPartner.objects.select_for_update().filter(project=project, pk=new_lead.pk).first()
        if (
            new_lead is None
            or new_lead.pk == partner.pk
            or new_lead.withdrawn_from_period is not None
            or new_lead.role != PartnerRole.PARTNER
        ):
            raise ValidationError(
                {"new_lead": _("The new lead must be one of the project's partners who stay (not associated).")}
            )
        # one lead at every moment (a unique index): the former lead steps down first
        ProjectPartner.objects.filter(pk=partner.pk).update(role=PartnerRole.PARTNER)
        ProjectPartner.objects.filter(pk=new_lead.pk).update(role=PartnerRole.LEAD)
        partner.role = PartnerRole.PARTNER
    elif new_lead is not None:
        raise ValidationError({"new_lead": _("Only the lead partner's withdrawal names a new lead.")})
    before = partner.withdrawn_from_period
    ProjectPartner.objects.filter(pk=partner.pk).update(withdrawn_from_period=from_period, changed_by=by)
    partner.withdrawn_from_period = from_period
    changes = {f"{partner.abbreviation} withdrawn from period": (before, from_period)}
    if new_lead is not None:
        changes["lead partner"] = (
            partner.abbreviation if before_role == PartnerRole.LEAD else None,
            new_lead.abbreviation,
        )
    audit_record(action="partner.withdrawn", actor=by, target=project, changes=changes)
    Project.objects.filter(pk=project.pk).update(updated_at=timezone.now())
    return partner


@transaction.atomic
def partner_reinstate(*, partner: ProjectPartner, by) -> ProjectPartner:
    """Undo a withdrawal in the open modification's draft (the partner reports on as before)."""
    project, partner = _locked(partner, by)
    if partner.withdrawn_from_period is None:
        return partner
    before = partner.withdrawn_from_period
    ProjectPartner.objects.filter(pk=partner.pk).update(withdrawn_from_period=None, changed_by=by)
    partner.withdrawn_from_period = None
    audit_record(
        action="partner.reinstated",
        actor=by,
        target=project,
        changes={f"{partner.abbreviation} withdrawn from period": (before, None)},
    )
    return partner


def _period_errors(project: Project, from_period: int | None) -> dict:
    from .contracting import period_dates

    last = max(period_dates(project), default=None)
    now = current_period(project)
    if from_period is None:
        return {"from_period": _("Choose the period from which the partner reports no more.")}
    if last is None:
        return {"from_period": _("The project has no reporting periods yet (no start date).")}
    if from_period > last:
        return {"from_period": _("The project has %(n)d periods: choose one of them.") % {"n": last}}
    if now is not None and from_period < now:
        return {
            "from_period": _(
                "Period %(n)d is over: a partner can be withdrawn from the current period (%(now)d) or a later one."
            )
            % {"n": from_period, "now": now}
        }
    return {}
