from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from programmes.models import Call, Country, NutsRegion, ProgrammeFund
from tests.factories import CallFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def _refused(create) -> bool:
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_call_must_close_after_it_opens():
    now = timezone.now()
    assert _refused(lambda: CallFactory(opens_at=now, closes_at=now - timedelta(days=1)))


def test_call_budget_must_be_positive():
    assert _refused(lambda: CallFactory(budget=Decimal(0)))


def test_call_cofinancing_rate_is_a_percentage():
    assert _refused(lambda: CallFactory(max_cofinancing_rate=Decimal("100.01")))
    assert not _refused(lambda: CallFactory(max_cofinancing_rate=Decimal(100)))


def test_call_reference_is_unique_per_programme_only():
    call = CallFactory(reference="X-1")
    assert _refused(lambda: CallFactory(programme=call.programme, reference="X-1"))
    assert not _refused(lambda: CallFactory(reference="X-1"))


def test_programme_cofinancing_rate_is_a_percentage():
    assert _refused(lambda: ProgrammeFactory(eu_cofinancing_rate=Decimal(101)))


def test_programme_fund_once_per_programme_and_not_negative():
    programme = ProgrammeFactory()
    ProgrammeFund.objects.create(programme=programme, fund="erdf", amount=Decimal(1))
    assert _refused(lambda: ProgrammeFund.objects.create(programme=programme, fund="erdf", amount=Decimal(2)))
    assert _refused(lambda: ProgrammeFund.objects.create(programme=programme, fund="ipa", amount=Decimal(-1)))


def test_country_code_is_two_capital_letters():
    assert _refused(lambda: Country.objects.create(code="at", name="lower case"))


def test_nuts_level_between_0_and_3():
    at = Country.objects.create(code="AT", name="Austria")
    assert _refused(lambda: NutsRegion.objects.create(code="AT12", level=4, name="too deep", country=at))


def test_call_querysets_split_open_upcoming_closed():
    now = timezone.now()
    open_call = CallFactory()
    upcoming = CallFactory(opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=30))
    closed = CallFactory(opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1))
    CallFactory(is_published=False)  # drafts are never listed
    assert list(Call.objects.open_now()) == [open_call]
    assert list(Call.objects.upcoming()) == [upcoming]
    assert list(Call.objects.closed()) == [closed]
    assert (open_call.state, upcoming.state, closed.state) == ("open", "upcoming", "closed")
