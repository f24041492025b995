from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from partnerships.choices import PartnerRole
from partnerships.models import ProjectPartner
from tests.factories import OrganisationFactory, ProjectFactory, ProjectPartnerFactory

pytestmark = pytest.mark.django_db


def _refused(create) -> bool:
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_only_one_lead_partner_per_project():
    project = ProjectFactory()
    ProjectPartnerFactory(project=project, role=PartnerRole.LEAD)
    assert _refused(lambda: ProjectPartnerFactory(project=project, role=PartnerRole.LEAD))
    assert not _refused(lambda: ProjectPartnerFactory(project=project, role=PartnerRole.PARTNER))


def test_abbreviation_unique_within_a_project_only():
    partner = ProjectPartnerFactory(abbreviation="ABC")
    assert _refused(lambda: ProjectPartnerFactory(project=partner.project, abbreviation="ABC"))
    assert not _refused(lambda: ProjectPartnerFactory(abbreviation="ABC"))


def test_partner_budget_not_negative_and_rate_a_percentage():
    assert _refused(lambda: ProjectPartnerFactory(budget=Decimal(-1)))
    assert _refused(lambda: ProjectPartnerFactory(cofinancing_rate=Decimal(120)))


def test_own_contribution_is_computed_by_the_database():
    partner = ProjectPartnerFactory(budget=Decimal("200000"), cofinancing_rate=Decimal("80"))
    partner.refresh_from_db()
    assert partner.own_contribution == Decimal("40000")
    ProjectPartner.objects.filter(pk=partner.pk).update(cofinancing_rate=Decimal("75"))
    partner.refresh_from_db()
    assert partner.own_contribution == Decimal("50000")


def test_pic_is_nine_digits_and_unique():
    OrganisationFactory(pic="123456789")
    assert _refused(lambda: OrganisationFactory(pic="12345678"))
    assert _refused(lambda: OrganisationFactory(pic="123456789"))
    assert not _refused(lambda: OrganisationFactory(pic=""))
    assert not _refused(lambda: OrganisationFactory(pic=""))  # many organisations have no PIC


def test_pic_validation_message_for_forms():
    organisation = OrganisationFactory.build(pic="12ab", country=OrganisationFactory().country)
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "exactly 9 digits" in str(error.value.message_dict["pic"])
