"""Every application rule, on the stored application (the checklist) and where it applies, in the forms."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from partnerships.choices import PartnerRole
from partnerships.forms import OrganisationForm
from partnerships.models import PartnerBudgetLine, PartnerFund, ProjectPartner
from projects.forms import IdentificationForm
from projects.forms_partner import PartnerForm
from projects.rules import MAX_PARTNERS, submission_problems
from tests.factories import CountryFactory, OrganisationFactory, ProjectPartnerFactory, SpecificObjectiveFactory
from tests.projects.budget_fill import fill_partner_details

pytestmark = pytest.mark.django_db


def _messages(project) -> list[str]:
    project.refresh_from_db()
    return [problem.message for problem in submission_problems(project)]


def _has(project, text: str) -> bool:
    return any(text in message for message in _messages(project))


def test_the_complete_application_has_no_problems(ready):
    assert submission_problems(ready.project) == []


def test_acronym_over_25_characters_is_refused_in_form_and_checklist(ready):
    ready.project.acronym = "A" * 26  # the column is varchar(25): the rule is what explains it to the user
    assert any("at most 25 characters" in p.message for p in submission_problems(ready.project))
    form = IdentificationForm(
        {"acronym": "B" * 26, "title": "t", "version": 1, "specific_objective": ready.objective.pk},
        instance=ready.project,
    )
    assert not form.is_valid()
    assert "at most 25 characters" in form.errors["acronym"][0]


def _partner_form(partner, **changes):
    data = {
        "abbreviation": partner.abbreviation,
        "contact_name": "Someone",
        "contact_email": "someone@example.org",
        "version": partner.version,
        **changes,
    }
    return PartnerForm(data, instance=partner)


def test_abbreviation_at_most_15_characters(ready):
    form = _partner_form(ready.partner, abbreviation="X" * 16)
    assert not form.is_valid()
    assert "abbreviation" in form.errors


def test_abbreviation_unique_in_the_project_whatever_the_case(ready):
    form = _partner_form(ready.partner, abbreviation="lp")
    assert not form.is_valid()
    assert "already uses the abbreviation" in form.errors["abbreviation"][0]


def test_a_project_without_lead_partner_cannot_be_submitted(ready):
    ProjectPartner.objects.filter(pk=ready.lead.pk).update(role=PartnerRole.PARTNER)
    assert _has(ready.project, "exactly one lead partner")


def test_the_database_refuses_a_second_lead_partner(ready):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectPartner.objects.filter(pk=ready.partner.pk).update(role=PartnerRole.LEAD)


def test_more_than_50_partners_is_refused(ready):
    ProjectPartner.objects.bulk_create(
        ProjectPartner(project=ready.project, organisation=ready.partner.organisation, abbreviation=f"X{n}")
        for n in range(MAX_PARTNERS - 1)
    )
    assert _has(ready.project, "at most 50 partners")


def test_pic_is_exactly_9_digits(ready):
    form = OrganisationForm({"name": "Org", "type": "sme", "sector": "private", "country": "AT", "pic": "12345678"})
    assert not form.is_valid()
    assert form.errors["pic"] == ["The PIC is exactly 9 digits."]


def test_cofinancing_above_the_fund_maximum_is_in_the_checklist(ready):
    PartnerFund.objects.filter(partner=ready.partner).update(rate=Decimal("85"))
    assert _has(ready.project, "ERDF co-finances at most 80 %")


def test_negative_budget_amount_is_refused(ready):
    from partnerships.budget import CostOptions
    from projects.forms_budget import PartnerBudgetForm

    form = PartnerBudgetForm(
        {"version": "1", "amount_staff_1": "-1"},
        options=CostOptions.of(ready.call),
        periods=[1, 2],
        period_months=6,
        funds={"erdf": Decimal(80)},
    )
    assert not form.is_valid()
    assert "amount_staff_1" in form.errors


def test_total_budget_must_be_positive(ready):
    PartnerBudgetLine.objects.filter(partner__project=ready.project).delete()
    assert _has(ready.project, "total budget must be more than zero")


def test_own_contribution_is_computed_not_typed(ready):
    ProjectPartner.objects.filter(pk=ready.partner.pk).update(budget=Decimal("200000"), cofinancing_rate=Decimal("75"))
    ready.partner.refresh_from_db()
    assert ready.partner.own_contribution == Decimal("50000")
    assert "own_contribution" not in PartnerForm.Meta.fields


def test_call_minimum_of_partners_does_not_count_associated_partners(ready):
    ProjectPartner.objects.filter(pk=ready.partner.pk).update(role=PartnerRole.ASSOCIATED)
    assert _has(ready.project, "at least 2 partners")


def test_call_minimum_of_distinct_countries(ready):
    ready.partner.organisation.country = ready.austria
    ready.partner.organisation.save()
    assert _has(ready.project, "at least 2 countries")


def test_lead_partner_must_be_inside_the_programme_area(ready):
    ready.lead.organisation.country = CountryFactory(code="DE")
    ready.lead.organisation.save()
    assert _has(ready.project, "must be located in the programme area")
    ready.call.lead_partner_in_programme_area = False
    ready.call.save()
    assert not _has(ready.project, "programme area")


def test_specific_objective_must_be_allowed_by_the_call(ready):
    other = SpecificObjectiveFactory(priority=ready.objective.priority)
    ready.project.specific_objective = other
    ready.project.save()
    assert _has(ready.project, "does not fund specific objective")
    form = IdentificationForm(
        {"acronym": "OK", "title": "t", "version": 1, "specific_objective": other.pk}, instance=ready.project
    )
    assert not form.is_valid()
    assert "specific_objective" in form.errors


def test_missing_identification_fields_each_link_to_their_field(ready):
    ready.project.title = ""
    ready.project.summary = ""
    ready.project.duration_months = None
    ready.project.save()
    urls = {p.url for p in submission_problems(ready.project)}
    base = f"/applications/{ready.project.pk}/identification/"
    assert {f"{base}#id_title", f"{base}#id_summary", f"{base}#id_duration_months"} <= urls


def test_partner_contact_missing_links_to_the_partner_section(ready):
    ProjectPartner.objects.filter(pk=ready.partner.pk).update(contact_name="")
    [problem] = submission_problems(ready.project)
    assert problem.url == f"/applications/{ready.project.pk}/partners/{ready.partner.pk}/#id_contact_name"
    assert problem.message.startswith("PP2:")


def test_a_closed_call_is_a_problem(ready):
    ready.call.opens_at = timezone.now() - timedelta(days=30)
    ready.call.closes_at = timezone.now() - timedelta(minutes=1)
    ready.call.save()
    assert _has(ready.project, "The call closed on")


def test_nuts_region_must_be_in_the_organisation_country(db):
    from programmes.models import NutsRegion

    austria = CountryFactory(code="AT")
    root = NutsRegion.objects.create(code="SK", level=0, name="Slovensko", country=CountryFactory(code="SK"))
    region = NutsRegion.objects.create(
        code="SK01", level=2, name="Bratislavský kraj", parent=root, country=root.country
    )
    form = OrganisationForm(
        {"name": "Org", "type": "sme", "sector": "private", "country": austria.pk, "nuts_region": region.pk}
    )
    assert not form.is_valid()
    assert "not in Austria" in form.errors["nuts_region"][0]


def test_partner_factory_default_is_valid_against_rules(ready):
    extra = ProjectPartnerFactory(
        project=ready.project,
        organisation=OrganisationFactory(country=ready.slovakia),
        contact_name="x",
        contact_email="x@example.org",
    )
    fill_partner_details(extra)  # since issue 17 a partner section has details the factory leaves blank
    assert not [p for p in submission_problems(ready.project) if p.section == f"partner-{extra.pk}"]
