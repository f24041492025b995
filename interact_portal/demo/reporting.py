"""After the contract, on GREENHEAT (issue 18, item 10): its contract and reporting schedule, the partners' bank
details, a demo controller assigned to its partners and a demo finance officer; partner reports of two periods in
different states — BCA's period 1 certified with a deduction and a parked line, BCA's period 2 (carrying the parked
line) in control, the lead partner VIE's period 1 certified — and the project report of period 1 bundling the
certified reports, verified, its claim's payments authorised by the finance officer and confirmed paid by a second
person (staff@example.org, made a programme manager of Interreg Central Europe for it).

Everything goes through the services the pages use, each step by the person who takes it there; nothing sets a
status by hand. Idempotent: the reports are made once (when GREENHEAT has no project report yet), the rest is
looked up before it is made."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from partnerships.models import PartnerBankAccount, ProjectPartner
from programmes.choices import StaffRole
from programmes.models import ProgrammeStaff
from projects.models import ControllerAssignment, ErrorType, LineControl, PartnerReport, Project, ProjectContract

ACRONYM = "GREENHEAT"
# partner → (account holder, IBAN, BIC, bank): the IBANs are the published examples of each country's format
BANK_DETAILS = {
    "VIE": ("Stadt Wien – Urban Innovation", "AT61 1904 3002 3457 3201", "BKAUATWW", "UniCredit Bank Austria"),
    "BCA": ("Budapest Climate Agency", "HU42 1177 3016 1111 1018 0000 0000", "OTPVHUHB", "OTP Bank"),
    "LEC": ("Ljubljana Energy Cooperative", "SI56 2633 0001 2039 086", "LJBASI2X", "Nova Ljubljanska Banka"),
}
# the lines of each partner's report of period 1: (category, description, supplier, invoice, invoice date, amount)
LINES = {
    "VIE": [
        ("staff", "Project coordinator, March–August 2024", "", "", date(2024, 8, 31), "18400.00"),
        (
            "external",
            "Heat-network feasibility study, part 1",
            "Fernwärme Consult GmbH",
            "FC-2024-117",
            date(2024, 6, 14),
            "12600.00",
        ),
        (
            "travel",
            "Kick-off meeting in Budapest, two people",
            "ÖBB Personenverkehr",
            "OBB-558231",
            date(2024, 4, 9),
            "640.00",
        ),
    ],
    "BCA": [
        ("staff", "Energy expert, 50 % of the period", "", "", date(2024, 8, 31), "9600.00"),
        (
            "external",
            "Thermal imaging of three district heating substations",
            "Termokamera Kft.",
            "TK-2024-031",
            date(2024, 7, 2),
            "5400.00",
        ),
        (
            "equipment",
            "Heat meters for the pilot substation",
            "Kamstrup Hungary Kft.",
            "KH-88412",
            date(2024, 8, 20),
            "3150.00",
        ),
    ],
}
# BCA's period-1 control: the external expertise partly deducted (a missing procurement file), the meters parked
DEDUCTED = (
    "external",
    Decimal("900.00"),
    ErrorType.PUBLIC_PROCUREMENT,
    "The third quote of the procurement is missing.",
)
PARKED = ("equipment", "The delivery note is dated after the period: the meters are checked with the next report.")
BCA_PERIOD_2_LINES = [
    ("staff", "Energy expert, 50 % of the period", "", "", date(2025, 2, 28), "9600.00"),
    ("travel", "Partner meeting in Ljubljana", "MÁV-START Zrt.", "MAV-2024-7781", date(2024, 11, 12), "410.00"),
]
CHECKLIST_ALL_YES = dict.fromkeys(
    ("period", "procurement", "state_aid", "publicity", "double_funding", "vat", "documents", "payment_evidence"),
    {"answer": "yes", "comment": ""},
)


def reporting_seed(users: dict) -> None:
    """GREENHEAT after its contract; `users` are the demo users (users_seed), with "controller" and "finance"."""
    project = Project.objects.select_related("programme", "call").get(acronym=ACRONYM)
    programme = project.programme
    manager, partner_contact, staff = users["applicant"], users["partner"], users["staff"]
    controller, finance = users["controller"], users["finance"]
    # the roles: staff@example.org confirms payments as the second person (managers may; officers may not)
    ProgrammeStaff.objects.update_or_create(programme=programme, user=staff, defaults={"role": StaffRole.MANAGER})
    ProgrammeStaff.objects.get_or_create(programme=programme, user=controller, defaults={"role": StaffRole.CONTROLLER})
    ProgrammeStaff.objects.get_or_create(programme=programme, user=finance, defaults={"role": StaffRole.FINANCE})
    partners = {p.abbreviation: p for p in project.partners.select_related("organisation").exclude(role="associated")}
    _contract(project, staff)
    _bank_details(partners, manager, partner_contact)
    _controllers(programme, staff, controller, partners)
    if project.project_reports.exists():
        return
    _reports(project, partners, manager=manager, partner_contact=partner_contact, controller=controller)
    _project_report(project, manager=manager, staff=staff, finance=finance)


def _contract(project: Project, staff) -> None:
    from projects.models import ManagerKind
    from projects.services.contracting import contract_save, reporting_schedule_create

    if not ProjectContract.objects.filter(project=project).exists():
        contract_save(
            project=project,
            by=staff,
            contract_date=date(2024, 2, 12),
            website="https://www.interreg-central.eu/projects/greenheat/",
            managers={
                ManagerKind.PROJECT: {"name": "Lena Hofer", "email": "lena.hofer@example.org", "phone": "+43 1 4000 0"},
                ManagerKind.FINANCE: {"name": "Georg Baumann", "email": "georg.baumann@example.org"},
                ManagerKind.COMMUNICATION: {"name": "Eszter Nagy", "email": "eszter.nagy@example.org"},
            },
        )
    if not project.reporting_deadlines.exists():
        reporting_schedule_create(project=project, by=staff)


def _bank_details(partners: dict[str, ProjectPartner], manager, partner_contact) -> None:
    from projects.services.contracting import bank_details_save

    for abbreviation, (holder, iban, bic, bank) in BANK_DETAILS.items():
        partner = partners[abbreviation]
        if PartnerBankAccount.objects.filter(partner=partner).exists():
            continue
        by = partner_contact if partner.contact_user_id == partner_contact.pk else manager
        bank_details_save(partner=partner, by=by, account_holder=holder, iban=iban, bic=bic, bank_name=bank)


def _controllers(programme, staff, controller, partners: dict[str, ProjectPartner]) -> None:
    from projects.services.controllers import controller_assign

    for partner in partners.values():
        if not ControllerAssignment.objects.filter(controller=controller, partner=partner).exists():
            controller_assign(programme=programme, by=staff, controller=controller, partner=partner)


def _partner_report(partner: ProjectPartner, period: int, by, lines) -> PartnerReport:
    """A report written and submitted by `by`: its text, the progress of every work plan item of the period, lines."""
    from projects.services.partner_reports import (
        expenditure_line_add,
        partner_report_create,
        partner_report_submit,
        progress_items,
        report_progress_save,
        report_text_update,
    )

    report = partner_report_create(partner=partner, period=period, by=by)
    report_text_update(
        report=report,
        by=by,
        version=report.version,
        data={
            "summary": f"{partner.abbreviation} in period {period}: the work went as planned in the work plan.",
            "deviations": "" if period == 1 else "The second pilot substation starts one month later than planned.",
            "problems": "",
        },
    )
    packages, activities, deliverables = progress_items(report)
    rows = [
        {"kind": "work_package", "item": p.pk, "achievement": "", "text": f"{p.title}: on track."} for p in packages
    ]
    rows += [{"kind": "activity", "item": a.pk, "achievement": "partly", "text": "Under way."} for a in activities]
    rows += [{"kind": "deliverable", "item": d.pk, "achievement": "fully", "text": "Delivered."} for d in deliverables]
    report_progress_save(report=report, by=by, rows=rows)
    for category, description, supplier, invoice, day, amount in lines:
        expenditure_line_add(
            report=report,
            by=by,
            data={
                "category": category,
                "description": description,
                "supplier": supplier,
                "invoice_number": invoice,
                "invoice_date": day.isoformat(),
                "payment_date": day.isoformat(),
                "amount": amount,
                "currency": "EUR",
            },
        )
    report, _submitted = partner_report_submit(report=report, by=by)
    return report


def _control(report: PartnerReport, controller, *, decisions: dict | None = None, finalise: bool = True) -> None:
    """The controller takes the report, decides on its lines (`decisions`: category → (decision, deducted, error
    type, note); the others certified), answers the checklist and finalises it (certified: no four eyes here)."""
    from projects.services.control import (
        control_checklist_save,
        control_finalise,
        control_start,
        line_decide,
        lines_certify_remaining,
    )

    control_start(report=report, by=controller)
    if not finalise:
        return
    for line in report.lines.filter(category__in=list(decisions or {})):
        decision, deducted, error_type, note = decisions[line.category]
        line_decide(line=line, by=controller, decision=decision, deducted=deducted, error_type=error_type, note=note)
    lines_certify_remaining(report=report, by=controller)
    control_checklist_save(
        report=report,
        by=controller,
        answers=CHECKLIST_ALL_YES,
        findings="Invoices, payment evidence and timesheets were checked for every line.",
        conclusion="The expenditure is eligible as certified, except the deduction and the parked line.",
    )
    control_finalise(report=report, by=controller)


def _reports(project: Project, partners, *, manager, partner_contact, controller) -> None:
    bca, vie = partners["BCA"], partners["VIE"]
    category, deducted, error_type, note = DEDUCTED
    bca_1 = _partner_report(bca, 1, partner_contact, LINES["BCA"])
    _control(
        bca_1,
        controller,
        decisions={
            category: (LineControl.DEDUCTED, deducted, error_type, note),
            PARKED[0]: (LineControl.PARKED, None, "", PARKED[1]),
        },
    )
    vie_1 = _partner_report(vie, 1, manager, LINES["VIE"])
    _control(vie_1, controller)
    bca_2 = _partner_report(bca, 2, partner_contact, BCA_PERIOD_2_LINES)  # carries the parked meters
    _control(bca_2, controller, finalise=False)


def _project_report(project: Project, *, manager, staff, finance) -> None:
    from projects.services.payments import payment_authorise, payment_confirm
    from projects.services.project_reports import project_report_create, project_report_save, project_report_submit
    from projects.services.verification import certificate_verify, verification_finalise, verification_start

    report = project_report_create(project=project, by=manager, period=1)
    project_report_save(
        report=report,
        by=manager,
        progress_summary="The partners mapped the district heating networks of the three cities and started the "
        "feasibility studies; Budapest installed heat meters in its pilot substation.",
        highlights="Kick-off meeting in Budapest with the three cities' heating utilities.",
        partner_report_ids=list(report.certificates.values_list("partner_report_id", flat=True)),
        indicator_values={},
    )
    report = project_report_submit(report=report, by=manager)
    report = verification_start(report=report, by=staff)
    for certificate in report.certificates.all():
        certificate_verify(certificate=certificate, by=staff, verified=True, note="Certificate and sample checked.")
    claim = verification_finalise(report=report, by=staff, note="Verified without further deductions.")
    today = timezone.localdate()
    for payment in claim.payments.order_by("pk"):
        payment = payment_authorise(payment=payment, by=finance, amount=payment.amount_due)
        payment_confirm(payment=payment, by=staff, amount=payment.authorised_amount, paid_on=today)
