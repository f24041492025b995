"""Payments of a programme: waiting for authorisation, waiting for confirmation, paid, and the outstanding amount per
project. Finance officers authorise; a second person (another finance officer or a manager, never the one who
authorised) confirms the payment made. Others who may see the money read the pages; a step they may not take is a
403 with the reason."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerships.iban import masked_iban
from partnerships.models import PartnerBankAccount
from programmes.staff import StaffAction

from ...forms_project_reports import AuthoriseForm, ConfirmForm
from ...permissions import require
from ...reporting_access import bank_details_refusal, payments_for
from ...reporting_workflow import PaymentStatus
from ...services.payments import (
    authorise_refusal,
    confirm_refusal,
    outstanding_by_project,
    payment_authorise,
    payment_confirm,
    second_person_missing,
)
from ..common import add_service_error
from .common import programme_or_404, staff_context, staff_only


def _payments(request, programme):
    return (
        payments_for(request.user)
        .filter(claim__project__programme=programme)
        .select_related("partner__organisation", "claim__project", "claim__project_report")
    )


@staff_only
def payment_list(request, slug: str):
    programme = programme_or_404(request, slug, StaffAction.SEE_MONEY)
    payments = list(_payments(request, programme).order_by("claim__project__acronym", "claim", "partner_id", "fund"))
    groups = [
        (label, [p for p in payments if p.status == status])
        for status, label in (
            (PaymentStatus.PENDING, _("Waiting for authorisation")),
            (PaymentStatus.AUTHORISED, _("Waiting for confirmation")),
            (PaymentStatus.PAID, _("Paid")),
        )
    ]
    context = {
        **staff_context(request, programme, "payments"),
        "groups": groups,
        "outstanding": outstanding_by_project(_payments(request, programme)),
    }
    return render(request, "projects/staff/payments.html", context)


def _bank(user, partner) -> dict | None:
    """Where the payment goes: in full for finance officers and managers (the policy), masked for other staff."""
    account = PartnerBankAccount.objects.filter(partner=partner).first()
    if account is None:
        return None
    shown = bank_details_refusal(user, partner) is None
    return {
        "holder": account.account_holder,
        "iban": account.iban if shown else masked_iban(account.iban),
        "bic": account.bic if shown else "",
        "full": shown,
    }


def _detail(request, programme, payment, *, authorise=None, confirm=None, status: int = 200):
    context = {
        "bank": _bank(request.user, payment.partner),
        **staff_context(request, programme, "payments"),
        "payment": payment,
        "steps": payment.steps.select_related("by"),
        "authorise_refusal": authorise_refusal(request.user, payment),
        "confirm_refusal": confirm_refusal(request.user, payment),
        "second_person_missing": payment.status == PaymentStatus.AUTHORISED and second_person_missing(payment),
        "authorise_form": authorise or AuthoriseForm(initial={"amount": payment.amount_due}),
        "confirm_form": confirm or ConfirmForm(initial={"amount": payment.authorised_amount}),
    }
    return render(request, "projects/staff/payment.html", context, status=status)


def _payment_or_404(request, slug: str, pk: int):
    programme = programme_or_404(request, slug, StaffAction.SEE_MONEY)
    return programme, get_object_or_404(_payments(request, programme), pk=pk)


@staff_only
def payment_detail(request, slug: str, pk: int):
    programme, payment = _payment_or_404(request, slug, pk)
    return _detail(request, programme, payment)


@require_POST
@staff_only
def payment_authorise_view(request, slug: str, pk: int):
    programme, payment = _payment_or_404(request, slug, pk)
    require(authorise_refusal(request.user, payment))
    form = AuthoriseForm(request.POST)
    if form.is_valid():
        try:
            payment_authorise(payment=payment, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Payment authorised: a second person confirms it once paid."))
            return redirect("staff:payment", slug=programme.slug, pk=payment.pk)
    return _detail(request, programme, payment, authorise=form, status=400)


@require_POST
@staff_only
def payment_confirm_view(request, slug: str, pk: int):
    programme, payment = _payment_or_404(request, slug, pk)
    require(confirm_refusal(request.user, payment))
    form = ConfirmForm(request.POST)
    if form.is_valid():
        try:
            payment_confirm(payment=payment, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Payment confirmed as paid."))
            return redirect("staff:payment", slug=programme.slug, pk=payment.pk)
    return _detail(request, programme, payment, confirm=form, status=400)
