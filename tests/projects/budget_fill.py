"""Filling in a partner's details and budget the way an applicant does (through the services), for fixtures that
need a complete application. New factories of the partner details and budget live here, not in tests/factories."""

from decimal import Decimal

from partnerships.choices import PartnerRole, VatRecovery
from partnerships.models import Organisation, ProjectPartner
from programmes.models import LegalStatus, NutsRegion
from projects.services.budget import budget_version, partner_budget_save


def nuts3(country, code: str | None = None) -> NutsRegion:
    code = code or f"{country.code}999"
    region, _created = NutsRegion.objects.get_or_create(
        code=code, defaults={"level": 3, "name": f"Region {code}", "country": country}
    )
    return region


def fill_partner_details(partner: ProjectPartner) -> ProjectPartner:
    """Every detail the checklist asks for, written straight to the rows (the forms are tested on their own)."""
    status, _created = LegalStatus.objects.get_or_create(name="Public law body", defaults={"is_public_body": True})
    Organisation.objects.filter(pk=partner.organisation_id).update(
        legal_status=status, nuts_region=nuts3(partner.organisation.country), size="large"
    )
    ProjectPartner.objects.filter(pk=partner.pk).update(
        vat_recovery=VatRecovery.NO,
        legal_representative="Dr. Anna Mayor",
        experience="Twenty years of air-quality measurement.",
        role_in_project="Leads the measurement campaign.",
        state_aid_economic_activity=False,
        state_aid_selective_advantage=False,
        state_aid_trade_effect=False,
        state_aid_other_public_funding=False,
    )
    partner.refresh_from_db()
    return partner


def fill_budget(partner: ProjectPartner, *, by, staff: Decimal = Decimal("10000"), rate: Decimal = Decimal("80")):
    """Staff costs in every period, one ERDF rate, the own contribution from one public source: saved through the
    budget service, so the denormalised totals are what they would be."""
    from partnerships.budget import project_periods

    project = partner.project
    periods = project_periods(project)
    amounts = {("staff", n): staff for n in periods}
    own = _own(partner, amounts, rate)
    lock = budget_version(partner)
    partner_budget_save(
        partner=partner,
        by=by,
        version=lock.version if lock else 1,
        amounts=amounts,
        funds={"erdf": rate},
        contributions=[("public", "Municipal budget", own)] if own else [],
    )
    partner.refresh_from_db()
    return partner


def _own(partner, amounts, rate) -> Decimal:
    from partnerships.budget import CostOptions, partner_budget, project_periods

    budget = partner_budget(
        partner_id=partner.pk,
        options=CostOptions.of(partner.project.call),
        periods=project_periods(partner.project),
        typed=amounts,
        fund_rates={"erdf": rate},
        is_lead=partner.role == PartnerRole.LEAD,
    )
    return budget.own_contribution
