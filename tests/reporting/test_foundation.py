"""The reporting foundation: the transition tables through their one writer, IBAN checks, the money rules and the
access policy's sides."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from partnerships.iban import iban_problem, masked_iban
from partnerships.models import PartnerBankAccount
from projects.models import ExpenditureLine, LineControl, ReportingStep
from projects.reporting_access import (
    bank_details_refusal,
    is_controller_of,
    partner_reports_for,
    reporting_partners_for,
)
from projects.reporting_money import amounts_of, financial_overview, line_eur
from projects.reporting_workflow import PARTNER_REPORT_TRANSITIONS, PartnerReportStatus
from projects.services.reporting import reporting_transition
from tests.factories import UserFactory
from tests.reporting.conftest import report_with_lines


@pytest.mark.parametrize(
    ("iban", "valid"),
    [
        ("DE89 3704 0044 0532 0130 00", True),
        ("de89370400440532013000", True),
        ("DE89370400440532013001", False),  # one digit wrong
        ("AT611904300234573201", True),
        ("AT6119043002345732011", False),  # Austria has 20 characters
        ("SK3112000000198742637541", True),
        ("12345", False),
    ],
)
def test_iban_checksum(iban, valid):
    assert (iban_problem(iban) is None) is valid
    assert masked_iban("DE89370400440532013000") == "DE•• •••• 3000"


def test_every_partner_report_transition_goes_through_the_table(contracted):
    report = report_with_lines(contracted.partner, lines=[{"category": "staff", "amount": "100"}])
    for current, allowed in PARTNER_REPORT_TRANSITIONS.items():
        for target in PartnerReportStatus.values:
            type(report).objects.filter(pk=report.pk).update(status=current)
            report.refresh_from_db()
            if target in allowed:
                moved = reporting_transition(report, to=target, by=contracted.controller)
                assert moved.status == target
            else:
                with pytest.raises(ValidationError):
                    reporting_transition(report, to=target, by=contracted.controller)
                report.refresh_from_db()
                assert report.status == current
    allowed_count = sum(len(a) for a in PARTNER_REPORT_TRANSITIONS.values())
    assert ReportingStep.objects.filter(partner_report=report).count() == allowed_count


def test_lines_in_another_currency_and_the_flat_rate(contracted):
    assert line_eur(Decimal("1000"), "CZK", Decimal("25.125")) == Decimal("39.80")
    assert line_eur(Decimal("10.005"), "EUR", Decimal("1")) == Decimal("10.01")
    # the ready call computes office costs at 15 % of staff costs
    call = contracted.call
    call.office_flat_rate = Decimal(15)
    call.save()
    report = report_with_lines(
        contracted.partner,
        lines=[
            {"category": "staff", "amount": "1000", "control": LineControl.CERTIFIED},
            {
                "category": "staff",
                "amount": "500",
                "control": LineControl.DEDUCTED,
                "deducted": "100",
                "error_type": "calculation",
            },
            {"category": "staff", "amount": "300", "control": LineControl.PARKED},
        ],
    )
    amounts = amounts_of(report)
    assert amounts.declared["staff"] == Decimal("1800.00")
    assert amounts.declared["office"] == Decimal("270.00")
    assert amounts.certified["staff"] == Decimal("1400.00")
    assert amounts.certified["office"] == Decimal("210.00")
    assert amounts.parked == Decimal("300.00")
    overview = financial_overview(report, {"staff": Decimal("5000"), "office": Decimal("750")})
    total = overview[-1]
    assert total.this_report == Decimal("2070.00")
    assert total.remaining == Decimal("5750") - Decimal("2070.00")


def test_duplicate_invoice_refused_by_the_database(contracted):
    report_with_lines(
        contracted.partner, lines=[{"category": "staff", "amount": "100", "supplier": "ACME", "invoice_number": "7"}]
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        report_with_lines(
            contracted.partner,
            period=2,
            lines=[{"category": "staff", "amount": "100", "supplier": "acme", "invoice_number": "7"}],
        )
    assert ExpenditureLine.objects.count() == 1


def test_who_sees_partner_reports_and_bank_details(contracted):
    draft = report_with_lines(contracted.partner, lines=[{"category": "staff", "amount": "100"}])
    outsider = UserFactory()
    assert draft in partner_reports_for(contracted.partner_user)  # its partner
    assert draft in partner_reports_for(contracted.manager)  # the lead partner's manager
    assert draft not in partner_reports_for(contracted.controller)  # a draft: not yet
    assert draft not in partner_reports_for(contracted.finance)
    assert draft not in partner_reports_for(outsider)
    draft.status, draft.submitted_at = PartnerReportStatus.SUBMITTED, draft.created_at
    draft.save()
    assert draft in partner_reports_for(contracted.controller)
    assert draft in partner_reports_for(contracted.finance)
    assert is_controller_of(contracted.controller, draft)
    assert not is_controller_of(contracted.finance, draft)
    # the partner user writes only their own partner's reports; the manager every partner's
    assert list(reporting_partners_for(contracted.partner_user, contracted.project)) == [contracted.partner]
    assert set(reporting_partners_for(contracted.manager, contracted.project)) == {contracted.lead, contracted.partner}
    PartnerBankAccount.objects.create(
        partner=contracted.partner, account_holder="Mesto", iban="SK3112000000198742637541"
    )
    assert bank_details_refusal(contracted.partner_user, contracted.partner) is None
    assert bank_details_refusal(contracted.finance, contracted.partner) is None
    assert bank_details_refusal(contracted.controller, contracted.partner) is None
    assert bank_details_refusal(contracted.staff, contracted.partner)  # an officer: no
    assert bank_details_refusal(outsider, contracted.partner)


def test_payments_and_project_reports_belong_to_their_side(contracted):
    from projects.models import Payment, PaymentClaim, ProjectReport
    from projects.reporting_access import payments_for, project_reports_for

    report = ProjectReport.objects.create(project=contracted.project, period=1, number=1)
    claim = PaymentClaim.objects.create(project_report=report, project=contracted.project, total_eligible=Decimal(0))
    to_lead = Payment.objects.create(claim=claim, partner=contracted.lead, fund="erdf", amount_due=Decimal(0))
    to_partner = Payment.objects.create(claim=claim, partner=contracted.partner, fund="erdf", amount_due=Decimal(0))
    assert set(payments_for(contracted.manager)) == {to_lead, to_partner}  # the lead partner's side: all
    assert set(payments_for(contracted.partner_user)) == {to_partner}  # a partner: its own
    assert set(payments_for(contracted.finance)) == {to_lead, to_partner}
    assert not payments_for(contracted.controller).exists()
    assert list(project_reports_for(contracted.manager)) == [report]
    assert not project_reports_for(contracted.partner_user).exists()
    assert not project_reports_for(contracted.finance).exists()  # a draft: not yet
