"""Payments through their services: authorised by a finance officer, confirmed by a second person (never the one who
authorised: the service says why, the database refuses it too), the amounts and dates checked, every transition, and
the outstanding amounts per project."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from programmes.models import ProgrammeStaff
from projects.models import Payment, ReportingStep
from projects.reporting_workflow import PAYMENT_TRANSITIONS, PaymentStatus
from projects.services.payments import (
    confirm_refusal,
    outstanding_by_project,
    payment_authorise,
    payment_confirm,
    second_person_missing,
)
from projects.services.reporting import reporting_transition
from tests.reporting.project_helpers import certified, verified_claim


@pytest.fixture
def payment(contracted):
    certified(contracted.lead)
    certified(contracted.partner)
    claim = verified_claim(contracted)
    return Payment.objects.get(claim=claim, partner=contracted.lead, fund="erdf")


def test_a_finance_officer_authorises_at_most_the_amount_due(contracted, payment):
    for user in (contracted.staff, contracted.programme_manager, contracted.controller):
        with pytest.raises(PermissionDenied) as refused:
            payment_authorise(payment=payment, by=user, amount="1")
        assert "may authorise payments" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        payment_authorise(payment=payment, by=contracted.finance, amount=payment.amount_due + Decimal("0.01"))
    assert "amount" in refused.value.error_dict
    for bad in ("-1", "abc", "1.001"):
        with pytest.raises(ValidationError):
            payment_authorise(payment=payment, by=contracted.finance, amount=bad)
    authorised = payment_authorise(payment=payment, by=contracted.finance, amount=payment.amount_due)
    assert authorised.status == PaymentStatus.AUTHORISED and authorised.authorised_by == contracted.finance
    with pytest.raises(ValidationError):  # authorised once
        payment_authorise(payment=payment, by=contracted.finance2, amount="1")


def test_four_eyes_the_one_who_authorised_cannot_confirm(contracted, payment):
    payment = payment_authorise(payment=payment, by=contracted.finance, amount=payment.amount_due)
    with pytest.raises(PermissionDenied) as refused:
        payment_confirm(payment=payment, by=contracted.finance, amount="1", paid_on=timezone.localdate())
    assert "second person" in str(refused.value)
    assert confirm_refusal(contracted.finance, payment) and confirm_refusal(contracted.finance2, payment) is None
    with pytest.raises(IntegrityError), transaction.atomic():  # whatever writes the row
        Payment.objects.filter(pk=payment.pk).update(confirmed_by=contracted.finance)
    with pytest.raises(PermissionDenied):  # an officer may not confirm payments at all
        payment_confirm(payment=payment, by=contracted.staff, amount="1", paid_on=timezone.localdate())


def test_the_second_person_confirms_the_amount_and_date_paid(contracted, payment):
    payment = payment_authorise(payment=payment, by=contracted.finance, amount=payment.amount_due - Decimal("10"))
    today = timezone.localdate()
    cases = [
        ({"amount": payment.authorised_amount + Decimal("0.01"), "paid_on": today}, "amount"),
        ({"amount": "1", "paid_on": today + timedelta(days=1)}, "paid_on"),
        ({"amount": "1", "paid_on": today - timedelta(days=1)}, "paid_on"),  # before the authorisation
        ({"amount": "1", "paid_on": None}, "paid_on"),
    ]
    for fields, field in cases:
        with pytest.raises(ValidationError) as refused:
            payment_confirm(payment=payment, by=contracted.finance2, **fields)
        assert field in refused.value.error_dict
    paid = payment_confirm(
        payment=payment, by=contracted.programme_manager, amount=payment.authorised_amount, paid_on=today
    )
    assert paid.status == PaymentStatus.PAID and paid.confirmed_by == contracted.programme_manager
    with pytest.raises(ValidationError):  # paid once
        payment_confirm(payment=payment, by=contracted.finance2, amount="1", paid_on=today)
    steps = list(ReportingStep.objects.filter(payment=payment).values_list("from_status", "to_status", "by"))
    assert steps == [
        ("pending", "authorised", contracted.finance.pk),
        ("authorised", "paid", contracted.programme_manager.pk),
    ]


def test_a_pending_payment_cannot_be_confirmed(contracted, payment):
    with pytest.raises(ValidationError):
        payment_confirm(payment=payment, by=contracted.finance2, amount="0", paid_on=timezone.localdate())


def test_a_second_person_missing_is_said(contracted, payment):
    payment = payment_authorise(payment=payment, by=contracted.finance, amount="1")
    assert not second_person_missing(payment)
    ProgrammeStaff.objects.filter(programme=contracted.programme, role__in=("finance", "manager")).exclude(
        user=contracted.finance
    ).delete()
    assert second_person_missing(payment)


def test_every_payment_transition_goes_through_the_table(contracted, payment):
    for current, allowed in PAYMENT_TRANSITIONS.items():
        for target in PaymentStatus.values:
            Payment.objects.filter(pk=payment.pk).update(status=current)
            payment.refresh_from_db()
            if target in allowed:
                assert reporting_transition(payment, to=target, by=contracted.finance).status == target
            else:
                with pytest.raises(ValidationError):
                    reporting_transition(payment, to=target, by=contracted.finance)


def test_outstanding_per_project_is_due_minus_paid(contracted, payment):
    other = Payment.objects.filter(claim=payment.claim).exclude(pk=payment.pk).get()
    payment = payment_authorise(payment=payment, by=contracted.finance, amount=payment.amount_due)
    payment_confirm(payment=payment, by=contracted.finance2, amount="100", paid_on=timezone.localdate())
    payment_authorise(payment=other, by=contracted.finance, amount="5")  # authorised, not paid: still outstanding
    [row] = outstanding_by_project(Payment.objects.all())
    assert row["due"] == payment.amount_due + other.amount_due
    assert row["paid"] == Decimal("100")
    assert row["outstanding"] == row["due"] - Decimal("100")


@pytest.mark.django_db(transaction=True)
def test_two_confirmations_at_once_pay_once(contracted):
    """Two people confirm the same payment at the same moment: the row lock lets one through."""
    certified(contracted.lead)
    payment = Payment.objects.filter(claim=verified_claim(contracted)).first()
    payment = payment_authorise(payment=payment, by=contracted.finance, amount=payment.amount_due)
    barrier, outcomes = threading.Barrier(2), []

    def confirm(user):
        try:
            barrier.wait()
            payment_confirm(payment=payment, by=user, amount="1", paid_on=timezone.localdate())
            outcomes.append("paid")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(u,)) for u in (contracted.finance2, contracted.programme_manager)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["paid", "refused"]
    assert ReportingStep.objects.filter(payment=payment, to_status="paid").count() == 1
