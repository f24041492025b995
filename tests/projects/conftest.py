"""A complete application, ready to submit: an open call, a lead partner in the programme area and a partner
from a second country, every section filled in. Tests break one thing at a time."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from partnerships.choices import PartnerRole
from programmes.models import ProgrammeStaff, StaffRole
from projects.models import CollaboratorLevel
from tests.factories import (
    CallFactory,
    CollaboratorFactory,
    CountryFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ProjectFactory,
    ProjectPartnerFactory,
    SpecificObjectiveFactory,
    UserFactory,
)
from tests.projects.budget_fill import fill_budget, fill_partner_details
from tests.projects.workplan_data import workplan_fill


@pytest.fixture
def ready(db):
    austria, slovakia = CountryFactory(code="AT"), CountryFactory(code="SK")
    programme = ProgrammeFactory()
    programme.countries.set([austria, slovakia])
    objective = SpecificObjectiveFactory(priority__programme=programme)
    call = CallFactory(programme=programme, min_partners=2, min_countries=2, max_cofinancing_rate=Decimal("80"))
    call.allowed_objectives.set([objective])
    manager = UserFactory(first_name="Maria", last_name="Lead")
    project = ProjectFactory(
        programme=programme,
        call=call,
        acronym="DANUBE-AIR",
        title="Cleaner air along the Danube",
        summary="Cities measure and reduce air pollution together.",
        specific_objective=objective,
        duration_months=30,
        created_by=manager,
    )
    CollaboratorFactory(project=project, user=manager, level=CollaboratorLevel.MANAGE)
    lead = ProjectPartnerFactory(
        project=project,
        organisation=OrganisationFactory(country=austria, name="Stadt Wien"),
        role=PartnerRole.LEAD,
        abbreviation="LP",
        contact_name="Maria Lead",
        contact_email=manager.email,
        contact_user=manager,
    )
    partner_user = UserFactory()
    CollaboratorFactory(project=project, user=partner_user, level=CollaboratorLevel.VIEW)
    partner = ProjectPartnerFactory(
        project=project,
        organisation=OrganisationFactory(country=slovakia, name="Mesto Bratislava"),
        abbreviation="PP2",
        contact_name="Peter Partner",
        contact_email=partner_user.email,
        contact_user=partner_user,
    )
    for each in (lead, partner):  # partner details and a budget by category and period (items 5 and 6)
        fill_partner_details(each)
        each.project = project
        fill_budget(each, by=manager, staff=Decimal("20000"))
    staff = UserFactory(is_staff=True)
    ProgrammeStaff.objects.create(programme=programme, user=staff, role=StaffRole.OFFICER)
    ready = SimpleNamespace(
        programme=programme,
        call=call,
        objective=objective,
        project=project,
        manager=manager,
        lead=lead,
        partner=partner,
        partner_user=partner_user,
        staff=staff,
        austria=austria,
        slovakia=slovakia,
    )
    return workplan_fill(ready)  # the description, work plan and results too
