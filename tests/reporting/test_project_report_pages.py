"""The pages of project reports, verification and payments: the whole way through the forms, who gets a 404 and who
a 403 with the reason, and queries that stay the same with 2 or 20 partners and lines."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnerships.models import PartnerFund
from projects.models import Payment, ProjectReport
from projects.reporting_workflow import PaymentStatus, ProjectReportStatus
from projects.services.verification import certificate_verify, verification_start
from tests.factories import ProjectPartnerFactory, UserFactory
from tests.reporting.conftest import report_with_lines
from tests.reporting.project_helpers import certified, submitted_report, verified_claim

pytestmark = pytest.mark.django_db


def _more_partners(contracted, count: int):
    """`count` more partners, each with a certified report of two lines and an 80 % ERDF rate."""
    for _ in range(count):
        partner = ProjectPartnerFactory(project=contracted.project)
        PartnerFund.objects.create(partner=partner, fund="erdf", rate=Decimal("80"))
        report_with_lines(
            partner,
            status="certified",
            lines=[
                {"category": "staff", "amount": "100", "control": "certified"},
                {
                    "category": "staff",
                    "amount": "50",
                    "control": "deducted",
                    "deducted": "5",
                    "error_type": "calculation",
                },
            ],
        )


def _staff_url(contracted, name, *args):
    return reverse(f"staff:{name}", args=[contracted.programme.slug, *args])


def test_the_whole_way_through_the_pages(client, contracted):
    certified(contracted.lead)
    certified(contracted.partner)
    project = contracted.project
    client.force_login(contracted.manager)
    response = client.post(reverse("projects:project_reports", args=[project.pk]), {"period": "3"})
    assert response.status_code == 400  # period 3 has not started: not even offered
    response = client.post(reverse("projects:project_reports", args=[project.pk]), {"period": "1"})
    report = ProjectReport.objects.get(project=project)
    assert response.status_code == 302
    page = reverse("projects:project_report", args=[project.pk, report.pk])
    assert client.post(page, {"progress_summary": ""}).status_code == 400
    certificates = list(report.certificates.values_list("partner_report_id", flat=True))
    data = {"progress_summary": "Pilots run.", "highlights": "", "certificates": certificates}
    data |= {f"indicator_{v.indicator_id}": "1" for v in report.indicator_values.all()}
    assert client.post(page, data).status_code == 302
    assert client.post(reverse("projects:project_report_submit", args=[project.pk, report.pk])).status_code == 302
    report.refresh_from_db()
    assert report.status == ProjectReportStatus.SUBMITTED
    # the joint secretariat asks; the lead partner answers and submits again
    client.force_login(contracted.staff)
    assert client.get(_staff_url(contracted, "verification", report.pk)).status_code == 200
    response = client.post(_staff_url(contracted, "verification_return", report.pk), {"question": "Invoice 2?"})
    assert response.status_code == 302
    client.force_login(contracted.manager)
    answer = reverse("projects:project_report_answer", args=[project.pk, report.pk])
    assert client.post(answer, {"text": "The sensors."}).status_code == 302
    assert client.post(reverse("projects:project_report_submit", args=[project.pk, report.pk])).status_code == 302
    client.force_login(contracted.staff)
    assert client.post(_staff_url(contracted, "verification_start", report.pk)).status_code == 302
    response = client.post(_staff_url(contracted, "verification_finalise", report.pk))
    assert response.status_code == 400 and "is not verified yet" in response.content.decode()
    for certificate in report.certificates.all():
        url = _staff_url(contracted, "verification_certificate", report.pk, certificate.pk)
        assert client.post(url, {f"cert{certificate.pk}-verified": "on"}).status_code == 302
    line = report.certificates.first().partner_report.lines.get(number=1)
    url = _staff_url(contracted, "verification_line", report.pk, line.pk)
    assert client.post(url, {f"line{line.pk}-deducted": "2000", f"line{line.pk}-note": "x"}).status_code == 400
    assert client.post(url, {f"line{line.pk}-deducted": "10", f"line{line.pk}-note": "No slip."}).status_code == 302
    assert client.post(_staff_url(contracted, "verification_finalise", report.pk), {"note": "Fine."}).status_code == 302
    payment = Payment.objects.filter(claim__project_report=report).first()
    # finance: one authorises, the other confirms
    client.force_login(contracted.finance)
    assert client.get(_staff_url(contracted, "payments")).status_code == 200
    url = _staff_url(contracted, "payment_authorise", payment.pk)
    assert client.post(url, {"amount": str(payment.amount_due + 1)}).status_code == 400
    assert client.post(url, {"amount": str(payment.amount_due)}).status_code == 302
    confirm = _staff_url(contracted, "payment_confirm", payment.pk)
    response = client.post(confirm, {"amount": "1", "paid_on": timezone.localdate().isoformat()})
    assert response.status_code == 403 and "second person" in response.content.decode()
    client.force_login(contracted.finance2)
    assert client.post(confirm, {"amount": "1", "paid_on": timezone.localdate().isoformat()}).status_code == 302
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    client.force_login(contracted.partner_user)  # partners read their payments
    response = client.get(reverse("projects:project_payments", args=[project.pk]))
    assert response.status_code == 200 and "Paid" in response.content.decode()


def test_others_get_a_404_and_the_visible_but_not_allowed_a_403_with_the_reason(client, contracted):
    certified(contracted.lead)
    claim = verified_claim(contracted)
    report, payment = claim.project_report, claim.payments.first()
    project = contracted.project
    stranger = UserFactory()
    client.force_login(stranger)
    for url in (
        reverse("projects:project_reports", args=[project.pk]),
        reverse("projects:project_report", args=[project.pk, report.pk]),
        reverse("projects:project_payments", args=[project.pk]),
        _staff_url(contracted, "verification", report.pk),
        _staff_url(contracted, "payment", payment.pk),
    ):
        assert client.get(url).status_code == 404, url
    client.force_login(contracted.controller)  # controllers see no programme page
    assert client.get(_staff_url(contracted, "payments")).status_code == 404
    client.force_login(contracted.staff)  # an officer sees payments but may not authorise them
    assert client.get(_staff_url(contracted, "payment", payment.pk)).status_code == 200
    response = client.post(_staff_url(contracted, "payment_authorise", payment.pk), {"amount": "1"})
    assert response.status_code == 403 and "may authorise payments" in response.content.decode()
    client.force_login(contracted.finance)  # a finance officer may not verify
    response = client.post(_staff_url(contracted, "verification_start", report.pk))
    assert response.status_code == 403 and "may verify project reports" in response.content.decode()
    client.force_login(contracted.partner_user)  # a collaborator who only views may not write the report
    response = client.post(reverse("projects:project_reports", args=[project.pk]), {"period": "2"})
    assert response.status_code == 403 and "managers" in response.content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_project_report_page_costs_the_same_with_2_or_20_partners(client, contracted):
    certified(contracted.lead)
    certified(contracted.partner)
    client.force_login(contracted.manager)
    two = ProjectReport.objects.create(project=contracted.project, period=1, number=1)
    from projects.models import ProjectReportCertificate

    for partner_report in contracted.project.partner_reports.all():
        ProjectReportCertificate.objects.create(project_report=two, partner_report=partner_report)
    url = reverse("projects:project_report", args=[contracted.project.pk, two.pk])
    before = _queries(client, url)
    _more_partners(contracted, 18)
    for partner_report in contracted.project.partner_reports.filter(in_project_report__isnull=True):
        ProjectReportCertificate.objects.create(project_report=two, partner_report=partner_report)
    assert two.certificates.count() == 20
    assert _queries(client, url) == before
    assert _queries(client, reverse("projects:project_reports", args=[contracted.project.pk])) <= before


def test_the_verification_page_costs_the_same_with_2_or_20_partners(client, contracted):
    certified(contracted.lead)
    certified(contracted.partner)
    report = verification_start(report=submitted_report(contracted), by=contracted.staff)
    client.force_login(contracted.staff)
    url = _staff_url(contracted, "verification", report.pk)
    before = _queries(client, url)
    _more_partners(contracted, 18)
    from projects.models import ProjectReportCertificate

    for partner_report in contracted.project.partner_reports.filter(in_project_report__isnull=True):
        ProjectReportCertificate.objects.create(project_report=report, partner_report=partner_report)
    assert _queries(client, url) == before


def test_the_payment_pages_cost_the_same_with_2_or_20_payments(client, contracted):
    certified(contracted.lead)
    certified(contracted.partner)
    claim = verified_claim(contracted)
    client.force_login(contracted.finance)
    lists = [_staff_url(contracted, "payments"), reverse("projects:project_payments", args=[contracted.project.pk])]
    payment = claim.payments.first()
    detail = _staff_url(contracted, "payment", payment.pk)
    _queries(client, lists[0])  # the first page after signing in stores the session
    before = [_queries(client, url) for url in [lists[0], detail]]
    _more_partners(contracted, 18)
    report = submitted_report(contracted, period=2)
    verification_start(report=report, by=contracted.staff)
    for certificate in report.certificates.all():
        certificate_verify(certificate=certificate, by=contracted.staff, verified=True)
    from projects.services.verification import verification_finalise

    verification_finalise(report=report, by=contracted.staff)
    assert Payment.objects.count() == 20
    assert [_queries(client, url) for url in [lists[0], detail]] == before
    client.force_login(contracted.manager)
    assert _queries(client, lists[1]) < 15


def test_the_payment_page_shows_where_the_money_goes_in_full_to_finance_only(client, contracted):
    from partnerships.models import PartnerBankAccount

    certified(contracted.lead)
    certified(contracted.partner)
    claim = verified_claim(contracted)
    payment = claim.payments.get(partner=contracted.partner)
    url = _staff_url(contracted, "payment", payment.pk)
    client.force_login(contracted.finance)
    assert "Not entered yet by the partner." in client.get(url).content.decode()
    PartnerBankAccount.objects.create(
        partner=contracted.partner, account_holder="Mesto Bratislava", iban="SK3112000000198742637541"
    )
    page = client.get(url).content.decode()
    assert "SK3112000000198742637541" in page and "Mesto Bratislava" in page
    client.force_login(contracted.staff)  # a programme officer sees the money, not the account
    page = client.get(url).content.decode()
    assert client.get(url).status_code == 200
    assert "SK3112000000198742637541" not in page and "SK•• •••• 7541" in page
