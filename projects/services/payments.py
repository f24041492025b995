"""Payments of a claim, one per partner and fund: a finance officer authorises an amount (at most the amount due),
then a second person — another finance officer or a manager, never the one who authorised — confirms the amount
paid (at most the authorised one) and the day it was paid. The service refuses the same person with the reason; the
database constraint `payment_four_eyes` refuses it too, whatever writes the row."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from programmes.staff import StaffAction, staff_refusal

from ..models import Payment
from ..reporting_workflow import PaymentStatus
from .project_reports import programme_staff
from .reporting import reporting_transition

ZERO = Decimal(0)


def _amount(typed, field: str) -> Decimal:
    try:
        amount = Decimal(str(typed).strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationError({field: _("Enter an amount in euro.")}) from None
    if not amount.is_finite() or amount < 0 or amount != round(amount, 2):
        raise ValidationError({field: _("Enter an amount of at least 0 with at most two decimals.")})
    return amount


def _locked(payment: Payment) -> Payment:
    return (
        Payment.objects.select_for_update(of=("self",)).select_related("claim__project__programme").get(pk=payment.pk)
    )


def authorise_refusal(user, payment: Payment) -> str | None:
    return staff_refusal(user, payment.claim.project.programme, StaffAction.AUTHORISE_PAYMENT)


def confirm_refusal(user, payment: Payment) -> str | None:
    """Four eyes: whoever may confirm payments, except the person who authorised this one."""
    if refusal := staff_refusal(user, payment.claim.project.programme, StaffAction.CONFIRM_PAYMENT):
        return refusal
    if payment.authorised_by_id is not None and payment.authorised_by_id == user.pk:
        return _("You authorised this payment: a second person (another finance officer or a manager) must confirm it.")
    return None


def second_person_missing(payment: Payment) -> bool:
    """No one but the authorising officer may confirm this payment in its programme."""
    confirmers = programme_staff(payment.claim.project.programme, StaffAction.CONFIRM_PAYMENT)
    return not confirmers.exclude(pk=payment.authorised_by_id).exists()


@transaction.atomic
def payment_authorise(*, payment: Payment, by, amount, note: str = "") -> Payment:
    payment = _locked(payment)
    if refusal := authorise_refusal(by, payment):
        raise PermissionDenied(refusal)
    if payment.status != PaymentStatus.PENDING:
        raise ValidationError(
            _("This payment is already %(status)s.") % {"status": payment.get_status_display().lower()}
        )
    amount = _amount(amount, "amount")
    if amount > payment.amount_due:
        raise ValidationError({"amount": _("At most the amount due, %(due)s EUR.") % {"due": payment.amount_due}})
    return reporting_transition(
        payment,
        to=PaymentStatus.AUTHORISED,
        by=by,
        note=note.strip(),
        fields={
            "authorised_amount": amount,
            "authorised_by": by,
            "authorised_at": timezone.now(),
            "note": note.strip(),
        },
    )


@transaction.atomic
def payment_confirm(*, payment: Payment, by, amount, paid_on: date | None) -> Payment:
    payment = _locked(payment)
    if payment.status != PaymentStatus.AUTHORISED:
        raise ValidationError(
            _("Only an authorised payment can be confirmed; this one is %(status)s.")
            % {"status": payment.get_status_display().lower()}
        )
    if refusal := confirm_refusal(by, payment):
        raise PermissionDenied(refusal)
    amount = _amount(amount, "amount")
    errors = {}
    if amount > payment.authorised_amount:
        errors["amount"] = _("At most the authorised amount, %(amount)s EUR.") % {"amount": payment.authorised_amount}
    if paid_on is None:
        errors["paid_on"] = _("Enter the day the payment was made.")
    elif paid_on > timezone.localdate():
        errors["paid_on"] = _("The payment date cannot be in the future.")
    elif paid_on < timezone.localdate(payment.authorised_at):
        errors["paid_on"] = _("The payment cannot be dated before its authorisation on %(date)s.") % {
            "date": timezone.localdate(payment.authorised_at).isoformat()
        }
    if errors:
        raise ValidationError(errors)
    return reporting_transition(
        payment,
        to=PaymentStatus.PAID,
        by=by,
        fields={"paid_amount": amount, "paid_on": paid_on, "confirmed_by": by, "confirmed_at": timezone.now()},
    )


def outstanding_by_project(payments):
    """Per project of `payments`: due, paid and outstanding (due − paid), one query."""
    money = DecimalField(max_digits=16, decimal_places=2)
    rows = (
        payments.values("claim__project", "claim__project__acronym")
        .annotate(
            due=Coalesce(Sum("amount_due"), Value(ZERO), output_field=money),
            paid=Coalesce(Sum("paid_amount", filter=Q(status=PaymentStatus.PAID)), Value(ZERO), output_field=money),
        )
        .order_by("claim__project__acronym")
    )
    return [
        {
            "project_id": row["claim__project"],
            "acronym": row["claim__project__acronym"],
            "due": row["due"],
            "paid": row["paid"],
            "outstanding": row["due"] - row["paid"],
        }
        for row in rows
    ]
