"""Issue 18's browser journey in Chromium, after the contract (the `contracted` project of tests/reporting): the
partner enters its bank account, reports two invoices through the form and imports ten more from a CSV file made
from the template download, and submits; the assigned controller (second factor) takes the report into control,
deducts part of one line with an error type, certifies the rest, fills in the checklist and conclusion and
finalises; the lead partner starts and submits the project report bundling the certificate; the joint secretariat
verifies and finishes the verification; a finance officer authorises the payment and a second one confirms it.
The amounts on the pages are checked against what was typed minus the deduction (and the fund's share of that).
axe-core checks every new page; the expenditure table, the control, verification, project report and payments
pages must not scroll sideways at 320 px."""

import csv
import io
import re
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from partnerships.budget import stored
from projects.models import PartnerReport
from projects.services.control import CHECKLIST
from tests.browser.helpers import fits_narrow, login, section
from tests.mfa import totp_code, totp_setup
from tests.projects.conftest import ready  # noqa: F401
from tests.reporting.conftest import contracted  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TYPED = [  # (supplier, invoice number, amount) of the two invoices typed into the form
    ("Sensorik GmbH", "SG-2026-17", Decimal("1250.40")),
    ("Danube Print s.r.o.", "DP-881", Decimal("318.75")),
]
IMPORTED = [(f"Imported supplier {n}", f"IMP-{n:03d}", Decimal("100.10") * n) for n in range(1, 11)]
IBAN = "SK31 1200 0000 1987 4263 7541"  # a valid Slovak IBAN (checksum 97-10)
DEDUCTED_LINE, DEDUCTION = 2, Decimal("48.25")  # line 2 (the second typed invoice) loses this much


def _amount(value: Decimal) -> str:
    return f"{value:,.2f}"


@pytest.fixture
def person(browser, live_server):
    """A signed-in browser context of its own for each person; closed after the test."""
    contexts = []

    def sign_in(user, *, staff: bool = False):
        context = browser.new_context(base_url=live_server.url)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        login(page, user.email, totp_code(totp_setup(user)) if staff else None)
        return page

    yield sign_in
    for context in contexts:
        context.close()


def _csv_from_template(page, rows, day) -> bytes:
    """The expenditure template, downloaded from the import page, with `rows` below its header."""
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV", exact=True).click()
    with open(info.value.path(), encoding="utf-8-sig") as f:
        header = next(csv.reader(f))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header)
    writer.writeheader()
    for supplier, number, amount in rows:
        writer.writerow(
            {
                "category": "external",
                "work_package": "1",
                "description": f"Service invoiced by {supplier}",
                "supplier": supplier,
                "invoice_number": number,
                "invoice_date": day.isoformat(),
                "payment_date": (day + timedelta(days=14)).isoformat(),
                "amount": str(amount),
                "currency": "EUR",
                "rate": "",
            }
        )
    return out.getvalue().encode()


def _bank_details(page, axe, project):
    """The partner (PP2's contact) reads the contract and schedule and enters its bank account."""
    page.goto(f"/applications/{project.pk}/")
    section(page, "Contract and schedule")
    expect(page.get_by_role("heading", name="Contract and schedule", level=2)).to_be_visible()
    assert axe(page) == []
    page.get_by_role("link", name="Enter the bank details of PP2").click()
    assert axe(page) == []
    page.get_by_label("IBAN").fill(IBAN)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Bank details saved.")).to_be_visible()
    expect(page.get_by_text(re.compile(IBAN.replace(" ", " ?")))).to_be_visible()
    fits_narrow(page)


def _partner_reports(page, axe, project, day):
    """The partner (PP2's contact) opens report 1, writes it, types two invoices, imports ten, submits."""
    page.goto(f"/applications/{project.pk}/")
    page.get_by_role("link", name="Partner reports").click()
    expect(page.get_by_role("heading", name="Partner reports", level=1)).to_be_visible()
    assert axe(page) == []
    page.get_by_label("Period").select_option("1")
    page.get_by_role("button", name="Open the report").click()
    expect(page.get_by_text("Report 1 opened.")).to_be_visible()
    assert axe(page) == []
    page.locator("#id_summary").fill("Sensors bought and installed in Bratislava.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Report text saved.")).to_be_visible()

    sections = page.get_by_role("navigation", name="Report sections")
    sections.get_by_role("link", name="Work plan progress").click()
    assert axe(page) == []
    for select in page.locator("select[name$='-achievement']").all():
        select.select_option("fully")
    for text in page.locator("textarea[name$='-text']").all():
        text.fill("Done as planned.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Progress saved.")).to_be_visible()

    sections.get_by_role("link", name="Expenditure").click()
    assert axe(page) == []
    page.get_by_role("link", name="Add a line").click()
    assert axe(page) == []
    for index, (supplier, number, amount) in enumerate(TYPED, start=1):
        page.get_by_label("Cost category").select_option("equipment")
        page.get_by_label("Work package").select_option("1")
        page.get_by_label("Description").fill(f"Invoice of {supplier}")
        page.get_by_label("Supplier").fill(supplier)
        page.get_by_label("Invoice number").fill(number)
        page.get_by_label("Invoice date").fill(day.isoformat())
        page.get_by_label("Payment date").fill((day + timedelta(days=10)).isoformat())
        page.get_by_label("Amount:", exact=True).fill(str(amount))
        button = "Save and add another" if index < len(TYPED) else "Save"
        page.get_by_role("button", name=button, exact=True).click()
        expect(page.get_by_text(f"Line {index} added.")).to_be_visible()

    page.get_by_role("link", name="Import lines from a file").click()
    expect(page.get_by_role("heading", name="Import lines from a file")).to_be_visible()
    assert axe(page) == []
    content = _csv_from_template(page, IMPORTED, day)
    page.get_by_label("CSV or XLSX file").set_input_files(
        files=[{"name": "expenditure.csv", "mimeType": "text/csv", "buffer": content}]
    )
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text(f"{len(IMPORTED)} lines imported.")).to_be_visible()
    declared = sum(amount for *_rest, amount in TYPED + IMPORTED)
    expect(page.get_by_text("Total declared (EUR):")).to_contain_text(f"€{_amount(declared)}")
    expect(page.locator("table tbody tr")).to_have_count(len(TYPED) + len(IMPORTED))
    assert axe(page) == []
    fits_narrow(page)

    sections.get_by_role("link", name="Financial overview").click()
    assert axe(page) == []
    sections.get_by_role("link", name="Submit").click()
    assert axe(page) == []
    page.get_by_role("button", name="Submit the report").click()
    expect(page.get_by_text("Report submitted to the controller.")).to_be_visible()
    assert axe(page) == []
    return declared


def _control(page, axe, report, declared):
    """The controller takes the report into control, deducts from one line, certifies the rest, finalises."""
    page.goto("/staff/control/")
    assert axe(page) == []
    row = page.get_by_role("row", name=re.compile("DANUBE-AIR PP2"))
    row.get_by_role("link", name=f"Report {report.number}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Control of PP2's report {report.number}")
    assert axe(page) == []
    page.get_by_role("button", name="Take this report into control").click()
    expect(page.get_by_text("You took the report into control.")).to_be_visible()
    assert axe(page) == []
    fits_narrow(page)

    line = report.lines.get(number=DEDUCTED_LINE)
    row = page.locator(f"#line-{line.pk}")
    row.get_by_text(f"Decide on line {DEDUCTED_LINE}").click()
    row.get_by_label("Decision").select_option("deducted")
    row.get_by_label("Deducted (EUR)").fill(str(DEDUCTION))
    row.get_by_label("Type of error").select_option("missing_evidence")
    row.get_by_label("Note").fill("The delivery note is missing for part of the order.")
    row.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"Line {DEDUCTED_LINE}: Partly or fully deducted.")).to_be_visible()
    decided = page.locator(f"#line-{line.pk}")
    expect(decided).to_contain_text(f"−{_amount(DEDUCTION)} (Missing or insufficient supporting documents)")
    page.get_by_role("button", name="Certify all remaining lines").click()
    expect(page.get_by_text("Every remaining line is certified.")).to_be_visible()

    for _key, question in CHECKLIST:
        page.get_by_role("group", name=str(question)).get_by_label("Yes", exact=True).check()
    page.get_by_label("Findings").fill("One invoice only partly supported.")
    page.get_by_label("Conclusion").fill("Eligible except for the deduction on line 2.")
    page.get_by_role("button", name="Save the checklist").click()
    expect(page.get_by_text("Checklist, findings and conclusion saved.")).to_be_visible()
    assert axe(page) == []
    page.locator("summary", has_text="Finalise the control").click()
    page.get_by_role("button", name="Finalise", exact=True).click()
    expect(page.get_by_text("The report is certified.")).to_be_visible()
    assert axe(page) == []
    fits_narrow(page)

    certified = declared - DEDUCTION
    totals = page.locator("#amounts tfoot tr td")
    expect(totals.nth(0)).to_have_text(_amount(declared))
    expect(totals.nth(1)).to_have_text(_amount(DEDUCTION))
    expect(totals.nth(3)).to_have_text(_amount(certified))
    return certified


def _project_report(page, axe, project, certified):
    """The lead partner (the project's manager) starts project report 1, which bundles the certificate, and
    submits it to the joint secretariat."""
    page.goto(f"/applications/{project.pk}/")
    page.get_by_role("link", name="Project reports").click()
    expect(page.get_by_role("heading", name="Project reports", level=1)).to_be_visible()
    assert axe(page) == []
    page.get_by_label("Reporting period").select_option("1")
    page.get_by_role("button", name="Start the project report").click()
    expect(page.get_by_text("Project report 1 started.")).to_be_visible()
    assert axe(page) == []
    claimed = page.get_by_role("group", name=re.compile("Certified partner reports claimed"))
    expect(claimed.get_by_role("checkbox")).to_have_count(1)
    expect(claimed.get_by_role("checkbox")).to_be_checked()
    page.get_by_label("Progress of the work plan").fill("Sensors installed on both sides of the border.")
    page.get_by_label("Main achievements of the period").fill("The sensor network measures.")
    for field in page.get_by_label(re.compile("reached so far$")).all():
        field.fill("1")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Project report saved.")).to_be_visible()
    page.get_by_role("button", name="Submit to the joint secretariat").click()
    expect(page.get_by_text("Project report submitted to the joint secretariat.")).to_be_visible()
    assert axe(page) == []
    requested = page.get_by_role("table", name="Requested per partner and fund")
    expect(requested.locator("tfoot td").first).to_have_text(f"€{_amount(certified)}")
    fits_narrow(page)


def _verify(page, axe, programme, certified):
    """The joint secretariat takes the report into verification, verifies the certificate and finishes."""
    page.goto(f"/staff/{programme.slug}/")
    page.get_by_role("navigation", name="Programme workspace").get_by_role("link", name="Verification").click()
    expect(page.get_by_role("heading", name="Project reports to verify")).to_be_visible()
    assert axe(page) == []
    page.get_by_role("link", name="Project report 1").click()
    page.get_by_role("button", name="Take into verification").click()
    expect(page.get_by_text("The report is in verification.")).to_be_visible()
    assert axe(page) == []
    fits_narrow(page)
    certificate = page.locator("section.certificate")
    certificate.get_by_role("checkbox", name=re.compile("^Verified")).check()
    certificate.get_by_label("Verification note").fill("Certificate and sample of invoices checked.")
    certificate.locator("> form").get_by_role("button", name=re.compile("^Save")).click()
    expect(page.get_by_text("Certificate saved.")).to_be_visible()
    page.get_by_label("Verification conclusion").fill("Eligible as certified.")
    page.get_by_role("button", name="Finish the verification").click()
    expect(page.get_by_text("Verification finished: the payment claim and its payments are created.")).to_be_visible()
    assert axe(page) == []
    expect(page.get_by_text(f"Payment claim: €{_amount(certified)} verified eligible expenditure.")).to_be_visible()


def _authorise(page, axe, programme, due):
    """A finance officer authorises the payment due."""
    page.goto(f"/staff/{programme.slug}/")
    page.get_by_role("navigation", name="Programme workspace").get_by_role("link", name="Payments").click()
    expect(page.get_by_role("heading", name="Payments", level=1)).to_be_visible()
    assert axe(page) == []
    page.get_by_role("link", name="DANUBE-AIR · report 1").click()
    assert axe(page) == []
    expect(page.get_by_label("Amount authorised (EUR)")).to_have_value(str(due))
    page.get_by_role("button", name="Authorise the payment").click()
    expect(page.get_by_text("Payment authorised: a second person confirms it once paid.")).to_be_visible()
    assert axe(page) == []
    expect(page.get_by_role("button", name="Confirm as paid")).to_have_count(0)  # four eyes: not the same person


def _confirm(page, axe, programme, due, paid_on):
    """A second finance officer confirms the payment made."""
    page.goto(f"/staff/{programme.slug}/payments/")
    page.get_by_role("link", name="DANUBE-AIR · report 1").click()
    expect(page.get_by_label("Amount paid (EUR)")).to_have_value(str(due))
    page.get_by_label("Paid on").fill(paid_on.isoformat())
    page.get_by_role("button", name="Confirm as paid").click()
    expect(page.get_by_text("Payment confirmed as paid.")).to_be_visible()
    assert axe(page) == []


def test_report_control_and_pay(person, contracted, axe):  # noqa: F811
    project, programme = contracted.project, contracted.programme
    day = project.start_date + timedelta(days=20)

    partner = person(contracted.partner_user)
    _bank_details(partner, axe, project)
    declared = _partner_reports(partner, axe, project, day)
    report = PartnerReport.objects.get(partner=contracted.partner)
    assert report.status == "submitted"
    assert report.lines.count() == len(TYPED) + len(IMPORTED)
    assert declared == sum(amount for *_rest, amount in TYPED + IMPORTED)

    controller = person(contracted.controller, staff=True)
    certified = _control(controller, axe, report, declared)
    assert certified == declared - DEDUCTION
    report.refresh_from_db()
    assert report.status == "certified"

    lead = person(contracted.manager)
    _project_report(lead, axe, project, certified)

    secretariat = person(contracted.staff, staff=True)
    _verify(secretariat, axe, programme, certified)

    # the EU share of what was typed minus the deduction, at the partner's co-financing rate
    (fund, rate), *others = stored([contracted.partner.pk], project.call).rates[contracted.partner.pk].items()
    assert not others, "the journey expects one fund"
    due = (certified * rate / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    _authorise(person(contracted.finance, staff=True), axe, programme, due)
    paid_on = timezone.localdate()
    _confirm(person(contracted.finance2, staff=True), axe, programme, due, paid_on)

    # the lead partner sees the payment received
    lead.goto(f"/applications/{project.pk}/payments/")
    expect(lead.get_by_text(f"Due €{_amount(due)}, paid €{_amount(due)}, outstanding €0.00.")).to_be_visible()
    row = lead.get_by_role("row", name=re.compile("PP2"))
    expect(row).to_contain_text(fund.upper())
    expect(row).to_contain_text("Paid")
    assert axe(lead) == []
    fits_narrow(lead)
