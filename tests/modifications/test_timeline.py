"""The project's timeline (issue 19, item 9): one chronological list from every source, each entry linking to its
record; what a viewer reads of reports and payments is the reporting policy's; a constant number of queries."""

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from interact_portal.core.formatting import format_time, machine_time
from programmes.choices import StaffRole
from programmes.models import ProgrammeStaff
from projects.models import (
    BudgetReallocation,
    CollaboratorLevel,
    Decision,
    Modification,
    ModificationStep,
    PartnerReport,
    Payment,
    PaymentClaim,
    ProjectReport,
    ProjectReportCertificate,
    ProjectStatusChange,
    ReportingStep,
    Submission,
    VersionOrigin,
)
from projects.timeline import KINDS, STAFF, project_timeline
from projects.versions import version_capture
from tests.factories import CollaboratorFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db

# the order in which _history makes them (each source's rows are timestamped as they are made)
ORDER = [
    "submission",
    "status",  # submitted
    "status",  # eligible
    "decision",
    "status",  # approved
    "status",  # contracted
    "contract",  # dated by the change to contracted, after it (ties: the kinds' order)
    "version",  # 1, at the contract
    "modification",  # requested
    "modification",  # open
    "modification",  # submitted
    "version",  # 2, the modification's
    "modification",  # approved
    "version",  # 3, the reallocation's
    "reallocation",
    "partner_report",  # PP2 submitted
    "partner_report",  # PP2 in control
    "partner_report",  # PP2 certified
    "certificate",
    "partner_report",  # LP submitted
    "project_report",  # submitted
    "project_report",  # verified
    "payment",  # LP authorised
    "payment",  # PP2 authorised
    "payment",  # PP2 paid
]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _status(project, source, target, by):
    return ProjectStatusChange.objects.create(project=project, from_status=source, to_status=target, by=by)


def _step(by, to, source="", **record):
    return ReportingStep.objects.create(from_status=source, to_status=to, by=by, **record)


def _history(c, *, rounds: int = 1) -> SimpleNamespace:
    """The project's life from submission to payments, every source once (`rounds` > 1: more rows of each)."""
    project, manager, staff = c.project, c.manager, c.programme_manager
    submission = Submission.objects.create(
        project=project, number=1, submitted_at=timezone.now(), submitted_by=manager, snapshot={}
    )
    _status(project, "draft", "submitted", manager)
    _status(project, "submitted", "eligible", c.staff)
    Decision.objects.create(project=project, outcome="approved", decided_on=date.today(), decided_by=staff)
    _status(project, "eligible", "approved", staff)
    _status(project, "approved", "contracted", staff)
    v1 = version_capture(project=project, by=staff, origin=VersionOrigin.CONTRACT, in_force_from=project.start_date)
    modification = Modification.objects.create(
        project=project, number=1, status="approved", reason="Move budget", requested_by=manager, base_version=v1
    )
    for source, target, by in (
        ("", "requested", manager),
        ("requested", "open", staff),
        ("open", "submitted", manager),
    ):
        ModificationStep.objects.create(modification=modification, from_status=source, to_status=target, by=by)
    v2 = version_capture(project=project, by=staff, origin=VersionOrigin.MODIFICATION, in_force_from=date.today())
    Modification.objects.filter(pk=modification.pk).update(new_version=v2)
    ModificationStep.objects.create(modification=modification, from_status="submitted", to_status="approved", by=staff)
    v3 = version_capture(project=project, by=manager, origin=VersionOrigin.REALLOCATION, in_force_from=date.today())
    reallocation = BudgetReallocation.objects.create(
        project=project,
        partner=c.partner,
        period=1,
        from_category="staff",
        to_category="travel",
        amount=Decimal("750.00"),
        justification="A cheaper venue.",
        version=v3,
        by=manager,
    )
    theirs = PartnerReport.objects.create(partner=c.partner, project=project, period=1, number=1, status="certified")
    _step(c.partner_user, "submitted", "draft", partner_report=theirs)
    _step(c.controller, "in_control", "submitted", partner_report=theirs)
    _step(c.controller, "certified", "in_control", partner_report=theirs)
    theirs.certified_at, theirs.finalised_by = timezone.now(), c.controller
    theirs.certificate = ContentFile(b"%PDF-1.4 certificate", name="certificate.pdf")
    theirs.save()
    leads = PartnerReport.objects.create(partner=c.lead, project=project, period=1, number=1, status="submitted")
    _step(manager, "submitted", "draft", partner_report=leads)
    report = ProjectReport.objects.create(project=project, period=1, number=1, status="verified")
    ProjectReportCertificate.objects.create(project_report=report, partner_report=theirs)
    _step(manager, "submitted", "draft", project_report=report)
    _step(staff, "verified", "in_verification", project_report=report)
    claim = PaymentClaim.objects.create(project_report=report, project=project, total_eligible=Decimal("30000"))
    to_lead = Payment.objects.create(
        claim=claim, partner=c.lead, fund="erdf", amount_due=Decimal("12000"), authorised_amount=Decimal("11000")
    )
    to_them = Payment.objects.create(
        claim=claim,
        partner=c.partner,
        fund="erdf",
        amount_due=Decimal("9000"),
        authorised_amount=Decimal("8500"),
        paid_amount=Decimal("8400"),
    )
    _step(c.finance, "authorised", "pending", payment=to_lead)
    _step(c.finance, "authorised", "pending", payment=to_them)
    _step(c.finance2, "paid", "authorised", payment=to_them)
    for extra in range(2, rounds + 1):  # more of every source, for the query counts
        _more(c, extra, v1=v1, claim=claim)
    return SimpleNamespace(
        submission=submission,
        modification=modification,
        reallocation=reallocation,
        theirs=theirs,
        leads=leads,
        report=report,
        to_lead=to_lead,
        to_them=to_them,
    )


def _more(c, n: int, *, v1, claim) -> None:
    project, manager = c.project, c.manager
    Submission.objects.create(
        project=project, number=n, submitted_at=timezone.now(), submitted_by=UserFactory(), snapshot={}
    )
    _status(project, "contracted", "closed", UserFactory())
    Decision.objects.create(project=project, outcome="approved", decided_on=date.today(), decided_by=UserFactory())
    modification = Modification.objects.create(
        project=project, number=n, status="rejected", reason="More", requested_by=manager, base_version=v1
    )
    ModificationStep.objects.create(modification=modification, to_status="requested", by=UserFactory())
    version = version_capture(project=project, by=UserFactory(), origin="reallocation", in_force_from=date.today())
    BudgetReallocation.objects.create(
        project=project,
        partner=c.lead,
        period=n,
        from_category="staff",
        to_category="travel",
        amount=Decimal("10"),
        justification="Again.",
        version=version,
        by=UserFactory(),
    )
    for partner in (c.partner, c.lead):
        report = PartnerReport.objects.create(
            partner=partner, project=project, period=n, number=n, status="certified", certified_at=timezone.now()
        )
        _step(UserFactory(), "submitted", "draft", partner_report=report)
    report = ProjectReport.objects.create(project=project, period=n, number=n, status="submitted")
    _step(UserFactory(), "submitted", "draft", project_report=report)
    fund = f"f{n}"
    payment = Payment.objects.create(claim=claim, partner=c.partner, fund=fund, amount_due=Decimal("5"))
    _step(UserFactory(), "pending", payment=payment)
    ProgrammeStaff.objects.create(programme=project.programme, user=UserFactory(), role=StaffRole.OFFICER)


def _url(c) -> str:
    return reverse("projects:timeline", args=[c.project.pk])


def _staff_url(c) -> str:
    return reverse("staff:timeline", args=[c.programme.slug, c.project.pk])


# -- every source, in order, with links ---------------------------------------------------------------------------


def test_the_timeline_lists_every_source_in_order(contracted):
    _history(contracted)
    entries = project_timeline(contracted.project, contracted.manager)
    assert [entry.kind for entry in entries] == ORDER
    assert {entry.kind for entry in entries} == set(KINDS)
    assert all(entry.at.tzinfo is not None for entry in entries)
    newest = project_timeline(contracted.project, contracted.manager, newest_first=True)
    assert [entry.kind for entry in newest] == ORDER[::-1]


def test_each_entry_links_to_its_record_on_the_applicants_side(contracted):
    h = _history(contracted)
    project = contracted.project
    links = {(entry.kind, entry.url) for entry in project_timeline(project, contracted.manager)}
    assert ("submission", reverse("projects:submission_pdf", args=[project.pk, h.submission.pk])) in links
    assert ("status", reverse("projects:detail", args=[project.pk])) in links
    assert ("contract", reverse("projects:contract", args=[project.pk])) in links
    assert ("partner_report", reverse("projects:partner_report", args=[project.pk, h.theirs.pk])) in links
    assert ("certificate", reverse("projects:control_certificate", args=[h.theirs.pk])) in links
    assert ("project_report", reverse("projects:project_report", args=[project.pk, h.report.pk])) in links
    assert ("payment", reverse("projects:project_payments", args=[project.pk])) in links


def test_every_link_opens_for_the_person_who_reads_it(client, contracted):
    _history(contracted)
    for person, side in ((contracted.manager, "applicant"), (contracted.programme_manager, STAFF)):
        client.force_login(person)
        for entry in project_timeline(contracted.project, person, side=side):
            if entry.url is not None:
                # a submission's PDF still being rendered: 202, the page that says so
                assert client.get(entry.url).status_code in (200, 202), (side, entry.kind, entry.url)


def test_staff_read_every_entry_with_links_to_the_staff_pages(contracted):
    h = _history(contracted)
    project, slug = contracted.project, contracted.programme.slug
    entries = project_timeline(project, contracted.programme_manager, side=STAFF)
    assert [entry.kind for entry in entries] == ORDER
    links = {(entry.kind, entry.url) for entry in entries}
    assert ("status", reverse("staff:application", args=[slug, project.pk])) in links
    assert ("project_report", reverse("staff:verification", args=[slug, h.report.pk])) in links
    assert ("payment", reverse("staff:payment", args=[slug, h.to_them.pk])) in links
    assert ("partner_report", None) in links  # no staff page of a partner report: its certificate is linked
    assert ("certificate", reverse("projects:control_certificate", args=[h.theirs.pk])) in links


def test_amounts_are_the_payment_s_at_each_step_and_the_reallocation_s(contracted):
    _history(contracted)
    amounts = [(e.kind, e.amount) for e in project_timeline(contracted.project, contracted.manager) if e.amount]
    assert amounts == [
        ("reallocation", Decimal("750.00")),
        ("payment", Decimal("11000")),
        ("payment", Decimal("8500")),
        ("payment", Decimal("8400")),
    ]


# -- what each viewer reads: the reporting policy's ---------------------------------------------------------------


def test_a_partner_contact_reads_only_their_partner_s_reports_and_payments(contracted):
    h = _history(contracted)
    entries = project_timeline(contracted.project, contracted.partner_user)
    texts = " | ".join(entry.text for entry in entries)
    assert "of PP2" in texts and "of LP" not in texts
    assert not any(entry.kind == "project_report" for entry in entries)  # the lead partner's side only
    payments = [entry for entry in entries if entry.kind == "payment"]
    assert [entry.amount for entry in payments] == [Decimal("8500"), Decimal("8400")]  # not the lead's 11,000
    assert all("LP" not in entry.text for entry in payments)
    # the application's records are everyone's on the project
    assert {"submission", "status", "decision", "contract", "version", "modification", "reallocation"} <= {
        entry.kind for entry in entries
    }
    assert h.leads.pk not in {int(e.url.rstrip("/").split("/")[-1]) for e in entries if e.kind == "partner_report"}


def test_a_viewer_of_no_partner_reads_no_report_and_no_money_of_the_reports(client, contracted):
    _history(contracted)
    viewer = UserFactory()
    CollaboratorFactory(project=contracted.project, user=viewer, level=CollaboratorLevel.VIEW)
    kinds = {entry.kind for entry in project_timeline(contracted.project, viewer)}
    assert kinds.isdisjoint({"partner_report", "certificate", "project_report", "payment"})
    client.force_login(viewer)
    html = client.get(_url(contracted)).content.decode()
    project = contracted.project.pk
    for hidden in ("8,400", "8,500", "11,000", "payments/", "control-certificates/", f"/projects/{project}/reports/"):
        assert hidden not in html


def test_assessors_read_no_money_and_finance_reads_it(contracted):
    _history(contracted)
    assessor = UserFactory()
    ProgrammeStaff.objects.create(programme=contracted.programme, user=assessor, role=StaffRole.ASSESSOR)
    kinds = {entry.kind for entry in project_timeline(contracted.project, assessor, side=STAFF)}
    assert kinds.isdisjoint({"partner_report", "certificate", "project_report", "payment"})
    assert "modification" in kinds and "status" in kinds
    finance = {entry.kind for entry in project_timeline(contracted.project, contracted.finance, side=STAFF)}
    assert finance == set(KINDS)


def test_applicants_read_staff_as_the_programme_and_a_role_and_never_an_address(client, contracted):
    _history(contracted)
    client.force_login(contracted.manager)
    html = client.get(_url(contracted)).content.decode()
    programme = contracted.programme.name
    assert f"{programme} · programme manager" in html and f"{programme} · controller" in html
    assert "Maria Lead" in html  # a collaborator, by name
    staff = (contracted.programme_manager, contracted.controller, contracted.finance, contracted.staff)
    for person in (*staff, contracted.partner_user):
        assert person.email not in html
    assert contracted.programme_manager.get_full_name() not in html


def test_staff_read_names_and_never_addresses(client, contracted):
    _history(contracted)
    client.force_login(contracted.programme_manager)
    html = client.get(_staff_url(contracted)).content.decode()
    assert "Clara Controller" in html and "Maria Lead" in html
    for person in (contracted.controller, contracted.manager, contracted.partner_user, contracted.finance):
        assert person.email not in html


def test_times_are_labelled_with_their_zone(client, contracted):
    _history(contracted)
    client.force_login(contracted.manager)
    html = client.get(_url(contracted)).content.decode()
    submitted = Submission.objects.get(project=contracted.project).submitted_at
    assert f'datetime="{machine_time(submitted)}">{format_time(submitted)}</time>' in html
    assert format_time(submitted).endswith(timezone.localtime(submitted).tzname())  # "… 02:56 CET"


# -- the page ---------------------------------------------------------------------------------------------------


def test_the_page_is_a_table_with_a_caption_and_a_filter_form(client, contracted):
    _history(contracted)
    client.force_login(contracted.manager)
    html = client.get(_url(contracted)).content.decode()
    assert '<form method="get"' in html and "<caption>" in html and '<th scope="col">' in html
    assert html.count('<th scope="row">') == len(ORDER)
    assert html.index("<h1>") < html.index("<caption>")


@pytest.mark.parametrize(
    ("query", "kinds"),
    [
        ("kind=payment", {"payment"}),
        ("kind=payment&kind=certificate", {"payment", "certificate"}),
        ("kind=nonsense", set(KINDS)),  # unknown: ignored
        ("kind=payment&kind=nonsense", {"payment"}),
        ("kind=", set(KINDS)),
        ("order=sideways", set(KINDS)),
    ],
)
def test_the_filter_shows_the_kinds_asked_for_and_ignores_the_rest(client, contracted, query, kinds):
    _history(contracted)
    client.force_login(contracted.manager)
    response = client.get(f"{_url(contracted)}?{query}")
    assert response.status_code == 200
    assert {entry.kind for entry in response.context["entries"]} == kinds


def test_the_order_can_be_newest_first(client, contracted):
    _history(contracted)
    client.force_login(contracted.manager)
    entries = client.get(f"{_url(contracted)}?order=newest").context["entries"]
    assert [entry.kind for entry in entries] == ORDER[::-1]


def test_the_page_changes_nothing_on_post(client, contracted):
    client.force_login(contracted.manager)
    assert client.post(_url(contracted)).status_code == 405


def test_the_project_page_and_the_staff_application_page_link_to_the_timeline(client, contracted):
    client.force_login(contracted.manager)
    assert _url(contracted) in client.get(reverse("projects:detail", args=[contracted.project.pk])).content.decode()
    client.force_login(contracted.programme_manager)
    staff_page = reverse("staff:application", args=[contracted.programme.slug, contracted.project.pk])
    assert _staff_url(contracted) in client.get(staff_page).content.decode()


# -- who may open it ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "applicants", "staff"),
    [
        ("manager", 200, 404),
        ("partner_user", 200, 404),
        ("programme_manager", 404, 200),
        ("staff", 404, 200),  # the programme's officer
        ("finance", 404, 200),
        ("controller", 404, 404),  # controllers see their control work, never an application
        ("stranger", 404, 404),
        ("other_programme", 404, 404),
    ],
)
def test_collaborators_on_their_side_staff_on_theirs_anyone_else_404(client, contracted, who, applicants, staff):
    if who == "stranger":
        person = UserFactory()
    elif who == "other_programme":
        person = UserFactory()
        ProgrammeStaff.objects.create(programme=ProgrammeFactory(), user=person, role=StaffRole.MANAGER)
    else:
        person = getattr(contracted, who)
    client.force_login(person)
    assert client.get(_url(contracted)).status_code == applicants
    assert client.get(_staff_url(contracted)).status_code == staff


def test_anonymous_people_are_sent_to_sign_in(client, contracted):
    response = client.get(_url(contracted))
    assert response.status_code == 302 and "login" in response.url


# -- a constant number of queries ---------------------------------------------------------------------------------


def _count(client, url: str) -> tuple[int, int]:
    client.get(url)  # warm the per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), len(response.context["entries"])


@pytest.mark.parametrize("side", ["applicants", "staff"])
def test_the_page_costs_the_same_queries_with_few_or_many_entries(client, contracted, side):
    person = contracted.manager if side == "applicants" else contracted.programme_manager
    url = _url(contracted) if side == "applicants" else _staff_url(contracted)
    client.force_login(person)
    h = _history(contracted)
    few, few_entries = _count(client, url)
    for n in range(2, 6):
        _more(contracted, n, v1=h.modification.base_version, claim=h.to_lead.claim)
    many, many_entries = _count(client, url)
    assert many_entries >= few_entries + 4 * 10
    assert few == many, f"{few} → {many} queries"


def test_an_empty_timeline_is_said_so(client, ready):
    client.force_login(ready.manager)
    response = client.get(reverse("projects:timeline", args=[ready.project.pk]))
    assert response.context["entries"] == [] and "Nothing to show yet." in response.content.decode()


def test_a_date_only_record_is_shown_with_its_day(contracted):
    _history(contracted)
    decision = next(e for e in project_timeline(contracted.project, contracted.manager) if e.kind == "decision")
    assert str(date.today().year) in decision.text
    assert timedelta(0) <= timezone.now() - decision.at < timedelta(minutes=5)
