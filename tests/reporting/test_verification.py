"""Verification by the joint secretariat through its services: per certificate and per sampled line, the
clarification thread's round trip, finalising into one claim and its payments, and the sums agreeing from the
certificates to the payments due (a property over random certified reports and fund rates)."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from interact_portal.notifications.models import Notification
from partnerships.models import PartnerFund
from projects.models import Clarification, ExpenditureLine, Payment, PaymentClaim, ProjectReport
from projects.reporting_money import amounts_of
from projects.reporting_workflow import ProjectReportStatus
from projects.services.project_reports import clarification_answer, project_report_submit, report_money
from projects.services.verification import (
    certificate_verify,
    line_verify,
    report_return,
    verification_finalise,
    verification_start,
)
from tests.reporting.conftest import report_with_lines
from tests.reporting.project_helpers import certified, submitted_report


@pytest.fixture
def in_verification(contracted):
    certified(contracted.lead)
    certified(contracted.partner, lines=[{"category": "staff", "amount": "400", "control": "certified"}])
    report = submitted_report(contracted)
    return verification_start(report=report, by=contracted.staff)


def test_only_managers_and_officers_verify(contracted, in_verification):
    certificate = in_verification.certificates.first()
    for user in (contracted.finance, contracted.controller):
        with pytest.raises(PermissionDenied):
            certificate_verify(certificate=certificate, by=user, verified=True)
    with pytest.raises(PermissionDenied) as refused:
        verification_finalise(report=in_verification, by=contracted.finance)
    assert "may verify project reports" in str(refused.value)
    assert certificate_verify(certificate=certificate, by=contracted.programme_manager, verified=True).verified


def test_finalising_needs_every_certificate_verified_and_says_which_is_missing(contracted, in_verification):
    first, second = in_verification.certificates.order_by("pk")
    certificate_verify(certificate=first, by=contracted.staff, verified=True, note="Checked.")
    with pytest.raises(ValidationError) as refused:
        verification_finalise(report=in_verification, by=contracted.staff)
    assert str(second.partner_report.partner) in " ".join(refused.value.messages)
    assert not PaymentClaim.objects.exists()
    in_verification.refresh_from_db()
    assert in_verification.status == ProjectReportStatus.IN_VERIFICATION


def test_a_sampled_line_is_deducted_within_its_certified_amount(contracted, in_verification):
    certificate = in_verification.certificates.get(partner_report__partner=contracted.lead)
    deducted = ExpenditureLine.objects.get(report=certificate.partner_report, number=2)  # 300, 50 deducted
    with pytest.raises(ValidationError) as refused:
        line_verify(certificate=certificate, line=deducted, by=contracted.staff, deducted="250.01", note="Too much")
    assert "deducted" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        line_verify(certificate=certificate, line=deducted, by=contracted.staff, deducted="10")
    assert "note" in refused.value.error_dict
    before = amounts_of(certificate.partner_report)
    line_verify(certificate=certificate, line=deducted, by=contracted.staff, deducted="250", note="No evidence.")
    after = amounts_of(certificate.partner_report)
    assert after.total_certified == before.total_certified
    assert after.verified["staff"] == before.certified["staff"] - Decimal("250")
    certificate.refresh_from_db()
    assert certificate.sampled
    other = in_verification.certificates.get(partner_report__partner=contracted.partner)
    with pytest.raises(ExpenditureLine.DoesNotExist):  # a line of another certificate's report
        line_verify(certificate=other, line=deducted, by=contracted.staff, deducted="1", note="x")


def test_a_parked_line_has_nothing_to_deduct(contracted):
    certified(contracted.lead, lines=[{"category": "staff", "amount": "80", "control": "parked"}])
    report = verification_start(report=submitted_report(contracted), by=contracted.staff)
    certificate = report.certificates.get()
    line = certificate.partner_report.lines.get()
    with pytest.raises(ValidationError):
        line_verify(certificate=certificate, line=line, by=contracted.staff, deducted="1", note="x")


def test_the_clarification_thread_round_trip(contracted, in_verification):
    report_return(report=in_verification, by=contracted.staff, question="Which invoice is the 300 EUR one?")
    report = ProjectReport.objects.get(pk=in_verification.pk)
    assert report.status == ProjectReportStatus.RETURNED
    asked = Notification.objects.get(event="project_report.returned")
    assert asked.recipient == contracted.manager
    with pytest.raises(ValidationError) as refused:  # not before answering
        project_report_submit(report=report, by=contracted.manager)
    assert "answer" in refused.value.error_dict
    with pytest.raises(PermissionDenied):
        clarification_answer(report=report, by=contracted.partner_user, text="Not mine to answer.")
    with pytest.raises(ValidationError):
        clarification_answer(report=report, by=contracted.manager, text="   ")
    clarification_answer(report=report, by=contracted.manager, text="Invoice 2, the sensors.")
    report = project_report_submit(report=report, by=contracted.manager)
    assert report.status == ProjectReportStatus.SUBMITTED
    thread = list(Clarification.objects.filter(project_report=report).values_list("from_programme", "text"))
    assert thread == [(True, "Which invoice is the 300 EUR one?"), (False, "Invoice 2, the sensors.")]
    with pytest.raises(ValidationError):  # submitted again: no more answers until the next question
        clarification_answer(report=report, by=contracted.manager, text="More")
    with pytest.raises(ValidationError):
        report_return(report=report, by=contracted.staff, question=" ")


def test_finalising_creates_the_claim_and_one_payment_per_partner_and_fund(contracted, in_verification):
    PartnerFund.objects.create(partner=contracted.partner, fund="ipa", rate=Decimal("5"))
    lead_certificate = in_verification.certificates.get(partner_report__partner=contracted.lead)
    line = ExpenditureLine.objects.get(report=lead_certificate.partner_report, number=1)
    line_verify(certificate=lead_certificate, line=line, by=contracted.staff, deducted="100", note="Half-time.")
    for certificate in in_verification.certificates.all():
        certificate_verify(certificate=certificate, by=contracted.staff, verified=True)
    claim = verification_finalise(report=in_verification, by=contracted.staff, note="Verified with one deduction.")
    verified = report_money(in_verification, stage="verified")
    assert claim.total_eligible == verified.total == report_money(in_verification).total - Decimal("100")
    payments = {(p.partner_id, p.fund): p.amount_due for p in Payment.objects.filter(claim=claim)}
    assert payments == verified.by_partner_fund
    assert set(payments) == {
        (contracted.lead.pk, "erdf"),
        (contracted.partner.pk, "erdf"),
        (contracted.partner.pk, "ipa"),
    }
    report = ProjectReport.objects.get(pk=in_verification.pk)
    assert report.status == ProjectReportStatus.VERIFIED and report.verified_by == contracted.staff
    told = set(Notification.objects.filter(event="project_report.verified").values_list("recipient", flat=True))
    assert told == {contracted.manager.pk}
    finance = set(Notification.objects.filter(event="payment_claim.created").values_list("recipient", flat=True))
    assert finance == {contracted.finance.pk, contracted.finance2.pk}


def test_a_verified_report_cannot_be_finalised_twice(contracted, in_verification):
    for certificate in in_verification.certificates.all():
        certificate_verify(certificate=certificate, by=contracted.staff, verified=True)
    verification_finalise(report=in_verification, by=contracted.staff)
    with pytest.raises(ValidationError):
        verification_finalise(report=in_verification, by=contracted.staff)
    with pytest.raises(ValidationError):
        certificate_verify(certificate=in_verification.certificates.first(), by=contracted.staff, verified=False)
    assert PaymentClaim.objects.count() == 1


AMOUNT = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)
LINE = st.tuples(AMOUNT, st.sampled_from(["certified", "deducted", "parked"]), st.integers(0, 100))
RATE = st.decimals(min_value=Decimal("0"), max_value=Decimal("85"), places=2)


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(  # a split ending in half a cent, which the test's own sum once rounded half to even
    lead_lines=[(Decimal("0.01"), "certified", 0)],
    partner_lines=[(Decimal("1456.73"), "deducted", 54)],
    lead_rate=Decimal("0.00"),
    partner_rates=(Decimal("85.00"), None),
    cut=0,
)
@given(
    lead_lines=st.lists(LINE, min_size=1, max_size=4),
    partner_lines=st.lists(LINE, min_size=0, max_size=4),
    lead_rate=RATE,
    partner_rates=st.tuples(RATE, st.none() | st.decimals(min_value=Decimal("0"), max_value=Decimal("15"), places=2)),
    cut=st.integers(0, 100),
)
def test_the_sums_agree_from_the_certificates_to_the_payments(
    contracted, lead_lines, partner_lines, lead_rate, partner_rates, cut
):
    """certificate amounts = project report = claim = the payments due (per partner: the split of its amount)."""
    with transaction.atomic():  # each example rolled back: every example meets the same project
        _sums_agree(contracted, lead_lines, partner_lines, lead_rate, partner_rates, cut)
        transaction.set_rollback(True)


def _sums_agree(contracted, lead_lines, partner_lines, lead_rate, partner_rates, cut):
    PartnerFund.objects.filter(partner=contracted.lead).update(rate=lead_rate)
    PartnerFund.objects.filter(partner=contracted.partner).update(rate=partner_rates[0])
    if partner_rates[1] is not None:
        PartnerFund.objects.create(partner=contracted.partner, fund="ipa", rate=partner_rates[1])

    def lines(rows):
        out = []
        for amount, control, share in rows:
            line = {"category": "staff", "amount": amount, "control": control}
            if control == "deducted":
                line.update(deducted=max(Decimal("0.01"), (amount * share / 100).quantize(Decimal("0.01"))))
                line["error_type"] = "calculation"
            out.append(line)
        return out

    reports = [report_with_lines(contracted.lead, status="certified", lines=lines(lead_lines))]
    if partner_lines:
        reports.append(report_with_lines(contracted.partner, status="certified", lines=lines(partner_lines)))
    report = verification_start(report=submitted_report(contracted), by=contracted.staff)
    requested = report_money(report)
    assert requested.total == sum((amounts_of(r).total_certified for r in reports), Decimal(0))
    certificate = report.certificates.get(partner_report=reports[0])
    first = ExpenditureLine.objects.get(report=reports[0], number=1)
    from projects.services.verification import line_certified

    deduction = (line_certified(first) * cut / 100).quantize(Decimal("0.01"))
    line_verify(certificate=certificate, line=first, by=contracted.staff, deducted=deduction, note="Sample.")
    for each in report.certificates.all():
        certificate_verify(certificate=each, by=contracted.staff, verified=True)
    claim = verification_finalise(report=report, by=contracted.staff)
    assert claim.total_eligible == sum((amounts_of(r).total_verified for r in reports), Decimal(0))
    payments = list(Payment.objects.filter(claim=claim))
    verified = report_money(report, stage="verified")
    assert sum((p.amount_due for p in payments), Decimal(0)) == sum(verified.by_fund.values(), Decimal(0))
    for partner_id, amount in verified.by_partner.items():
        due = sum((p.amount_due for p in payments if p.partner_id == partner_id), Decimal(0))
        rates = dict(PartnerFund.objects.filter(partner_id=partner_id).values_list("fund", "rate"))
        # money is rounded half up (partnerships.budget.money): 670.10 × 85 % = 569.585 is 569.59, not half-even's .58
        split = ((amount * r / 100).quantize(Decimal("0.01"), ROUND_HALF_UP) for r in rates.values())
        assert due == sum(split, Decimal(0))
        assert due <= amount
