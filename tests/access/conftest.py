"""One world of real objects for the permission matrices: every kind of object the portal serves, and the seven
people who ask for it.

Programme A has a submitted application (with its PDF, an annex, an eligibility check), a draft application of the
same applicant (so every editing page can be reached), an approved public project, a published call with a
document, and a call report of its manager; the owner and the partner contact also have a project without a call
and a contracted one (workspaces with no deadline to count down). The applicant is registered for an event with
participants-only material. Programme B has a manager of its own. Both managers are in the demo's "Programme staff"
group, as staff are in a real deployment, so the admin is reached with real model permissions.
"""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)

from events.models import Audience, Material, Session, Speaker, Topic
from interact_portal.demo.users import staff_group_ensure
from interact_portal.reports.services import report_generate, report_request
from partnerships.choices import PartnerRole
from partnerships.models import ProgrammeMembership
from programmes.models import CallDocument, Indicator, LegalStatus, NutsRegion, Office, ProgrammeBody, ProgrammeFund
from projects.models import Annex, CollaboratorLevel, DeadlineReminder, Decision, Submission
from projects.search_index import search_index_refresh
from projects.services.assessment import eligibility_record
from projects.tasks import render_submission_pdf
from projects.workflow import Status
from tests.factories import (
    CallFactory,
    CollaboratorFactory,
    EventFactory,
    InvitationFactory,
    ProjectFactory,
    ProjectPartnerFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.mfa import totp_setup
from tests.projects.conftest import ready  # noqa: F401
from tests.staff.conftest import all_passed, office  # noqa: F401

PDF = b"%PDF-1.4 matrix"
ACTORS = ["anonymous", "owner", "other_applicant", "partner_contact", "staff", "other_staff", "superuser"]


def url_patterns(patterns=None, prefix: str = "", namespace: str | None = None):
    """Every URL pattern the resolver knows: (namespaced name or None, full route)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name, prefix + str(pattern.pattern)


def outcome(response) -> str:
    """The answer as the matrix writes it: a status, or `login` for a redirect to a login page."""
    if response.status_code == 302:
        logins = (resolve_url(settings.LOGIN_URL), reverse("admin:login"))
        return "login" if response.url.startswith(logins) else "302"
    return str(response.status_code)


def answer(expected: str, actor: str) -> str:
    """One person's expected answer, from a row written in the order of ACTORS."""
    return dict(zip(ACTORS, expected.split(), strict=True))[actor]


def sign_in(client, world, person: str) -> None:
    """Sign the client in as one of the world's people (or out, for the anonymous one)."""
    client.logout()
    if (user := world.people[person]) is not None:
        client.force_login(user)


def _file(name: str) -> ContentFile:
    return ContentFile(PDF, name=name)


def _draft(office):  # noqa: F811
    """A draft application of the same owner and partner contact: every editing page answers."""
    draft = ProjectFactory(programme=office.programme, call=office.call, acronym="DRAFT-AIR", created_by=office.manager)
    CollaboratorFactory(project=draft, user=office.manager, level=CollaboratorLevel.MANAGE)
    contact = CollaboratorFactory(project=draft, user=office.partner_user, level=CollaboratorLevel.VIEW)
    ProjectPartnerFactory(project=draft, role=PartnerRole.LEAD, contact_user=office.manager)
    partner = ProjectPartnerFactory(project=draft, contact_user=office.partner_user, abbreviation="PP2")
    annex = Annex.objects.create(
        project=draft, title="Draft letter", file=_file("draft.pdf"), original_name="draft.pdf", size=len(PDF)
    )
    invitation = InvitationFactory(project=draft, invited_by=office.manager)
    DeadlineReminder.objects.create(project=draft, kind="7d")
    return SimpleNamespace(project=draft, partner=partner, annex=annex, invitation=invitation, contact=contact)


def _public(office):  # noqa: F811
    """An approved project of programme A, in the public database, with its decision."""
    project = ProjectFactory(programme=office.programme, call=office.call, status=Status.APPROVED, acronym="PUBLIC-AIR")
    partner = ProjectPartnerFactory(project=project, role=PartnerRole.LEAD)
    Decision.objects.create(project=project, outcome="approved", decided_on=date.today(), decided_by=office.officer)
    search_index_refresh([project.pk])
    return SimpleNamespace(project=project, organisation=partner.organisation)


def _beyond_deadline(office, *, call, status: str, acronym: str):  # noqa: F811
    """A project of the owner and the partner contact with no deadline to count down: one without a call (brought
    in from the programme's records), one contracted under the call."""
    project = ProjectFactory(
        programme=office.programme,
        call=call,
        status=status,
        acronym=acronym,
        created_by=office.manager,
        start_date=date.today(),
        end_date=date.today() + timedelta(days=700),
    )
    CollaboratorFactory(project=project, user=office.manager, level=CollaboratorLevel.MANAGE)
    CollaboratorFactory(project=project, user=office.partner_user, level=CollaboratorLevel.VIEW)
    ProjectPartnerFactory(project=project, role=PartnerRole.LEAD, contact_user=office.manager)
    partner = ProjectPartnerFactory(project=project, contact_user=office.partner_user, abbreviation="PP2")
    return SimpleNamespace(project=project, partner=partner)


def _programme_bodies(office):  # noqa: F811
    programme = office.programme
    Office.objects.create(programme=programme, name="Joint Secretariat", city="Vienna", country=office.austria)
    body = ProgrammeBody.objects.create(programme=programme, kind="monitoring_committee", name="Monitoring committee")
    ProgrammeMembership.objects.create(
        organisation=office.lead.organisation, body=body, member_category="national_authority", term_start=date.today()
    )
    ProgrammeFund.objects.create(programme=programme, fund="erdf", amount=1_000_000)
    NutsRegion.objects.create(code="AT13", level=2, name="Wien", country=office.austria)
    LegalStatus.objects.create(name="Municipality")


def _event(owner, organiser):
    """An event organised by programme A's office, its owner registered: the registrants are programme A's to see."""
    event = EventFactory(title="Knowledge Fair", slug="knowledge-fair", organising_office=organiser)
    RegistrationFactory(event=event, user=owner)
    material = Material.objects.create(
        event=event, kind="presentation", title="Slides", file=_file("slides.pdf"), visibility="participants"
    )
    Session.objects.create(event=event, title="Opening", starts_at=event.starts_at, ends_at=event.ends_at)
    Speaker.objects.create(event=event, name="Ana Speaker")
    Topic.objects.create(name="Governance", slug="governance")
    Audience.objects.create(code="ms", name="Managing authorities")
    return SimpleNamespace(event=event, material=material)


def _library():
    """The knowledge library (issue 21): a signed-in-only item with a PDF (the first: the admin's sample) and a public
    one, on a topic of their own."""
    from events.library_services import library_item_save
    from events.models import LibraryItem

    topic = Topic.objects.create(name="Partnership principle", slug="partnership-principle", contact_name="B. Ninka")
    members = LibraryItem(
        topic=topic, kind="template", title="Members' template", date=date(2024, 2, 15), visibility="signed_in"
    )
    members.file = _file("template.pdf")
    library_item_save(item=members)
    public = LibraryItem(topic=topic, kind="report", title="Public report", date=date(2024, 3, 19))
    public.file = _file("report.pdf")
    library_item_save(item=public)
    return SimpleNamespace(topic=topic, members=members, public=public)


def _schedules():
    every = IntervalSchedule.objects.create(every=60, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(name="relay", task="interact_portal.notifications.tasks.relay_outbox", interval=every)
    CrontabSchedule.objects.create(minute="0", hour="3")
    SolarSchedule.objects.create(event="sunrise", latitude=48.2, longitude=16.4)
    ClockedSchedule.objects.create(clocked_time=timezone.now() + timedelta(days=1))


def _report(office, django_capture_on_commit_callbacks):  # noqa: F811
    manager, call = office.programme_manager, office.call.pk
    with django_capture_on_commit_callbacks(execute=False):
        report = report_request(user=manager, kind="call", format="csv", parameters={"call": call})
    assert report_generate(report_id=report.pk)
    return report


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _application_content(staffed, indicator) -> None:
    """The submitted application's form beyond what its fixture filled in, and what people added around it: a
    pending colleague invitation and an assessor's comment (every admin page needs a row of programme A)."""
    from datetime import timedelta

    from django.utils import timezone

    from projects.models import (
        CollaboratorInvitation,
        ProjectDescription,
        ProjectObjective,
        ProjectResult,
        SectionComment,
        SectionVersion,
        TargetGroup,
        WorkPackage,
    )

    project = staffed.project
    ProjectDescription.objects.get_or_create(project=project)
    if not ProjectObjective.objects.filter(project=project).exists():
        ProjectObjective.objects.create(project=project, number=1, title="Cleaner air")
    if not TargetGroup.objects.filter(project=project).exists():
        TargetGroup.objects.create(project=project, group="local_authority", target_value=4)
    package = WorkPackage.objects.filter(project=project).first() or WorkPackage.objects.create(
        project=project, number=1, title="Measuring", start_period=1, end_period=2
    )
    activity = package.activities.first() or package.activities.create(
        number=1, title="Sensors", start_period=1, end_period=2
    )
    if not activity.deliverables.exists():
        activity.deliverables.create(number=1, title="Sensor network", period=2)
    if not package.outputs.exists():
        package.outputs.create(number=1, indicator=indicator, title="Pilot", target_value=1, period=2)
    if not ProjectResult.objects.filter(project=project).exists():
        result_indicator = type(indicator).objects.create(
            programme=staffed.programme, code="RCR 104", name="Solutions taken up", unit="solutions", kind="result"
        )
        ProjectResult.objects.create(project=project, number=1, indicator=result_indicator, target_value=1, period=2)
    SectionVersion.objects.get_or_create(project=project, section="results")
    CollaboratorInvitation.objects.create(
        project=project,
        email="colleague@example.org",
        level="edit",
        invited_by=staffed.manager,
        expires_at=timezone.now() + timedelta(days=14),
    )
    SectionComment.objects.create(project=project, section="budget", author=staffed.assessor, text="Staff costs high.")


def _reporting(office, contracted):  # noqa: F811
    """After the contract (SIGNED-AIR): its contract, documents, schedule and bank details; a controller and two
    finance officers of programme A; the partner's submitted report with a line, the lead partner's draft report,
    a project report with its certificate, a clarification, a claim and a pending payment."""
    from decimal import Decimal

    from partnerships.models import PartnerBankAccount
    from programmes.models import FundCommitment, Indicator, ProgrammeStaff
    from projects.models import (
        Clarification,
        ContractDocument,
        ControllerAssignment,
        ExpenditureLine,
        PartnerReport,
        Payment,
        PaymentClaim,
        ProjectContract,
        ProjectManagerContact,
        ProjectReport,
        ProjectReportCertificate,
        ReportAmount,
        ReportIndicatorValue,
        ReportingDeadline,
        ReportingReminder,
        ReportingStep,
        ReportOutput,
        ReportProgress,
        WorkPackage,
    )

    project, partner = contracted.project, contracted.partner
    lead = project.partners.get(role=PartnerRole.LEAD)
    controller, finance, finance2 = UserFactory(), UserFactory(), UserFactory()
    ProgrammeStaff.objects.create(programme=office.programme, user=controller, role="controller")
    ProgrammeStaff.objects.create(programme=office.programme, user=finance, role="finance")
    ProgrammeStaff.objects.create(programme=office.programme, user=finance2, role="finance")
    ControllerAssignment.objects.create(programme=office.programme, controller=controller, partner=partner)
    ControllerAssignment.objects.create(programme=office.programme, controller=controller, partner=lead)
    contract = ProjectContract.objects.create(project=project, contract_date=date.today(), website="https://x.eu")
    document = ContractDocument.objects.create(
        project=project,
        kind="subsidy_contract",
        title="Subsidy contract",
        file=_file("contract.pdf"),
        original_name="contract.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    ProjectManagerContact.objects.create(project=project, kind="finance", name="Fin Manager", email="fin@example.org")
    deadline = ReportingDeadline.objects.create(project=project, period=1, due_date=date.today() + timedelta(days=30))
    bank = PartnerBankAccount.objects.create(partner=partner, account_holder="PP2", iban="DE89370400440532013000")
    report = PartnerReport.objects.create(
        partner=partner, project=project, period=1, number=1, status="submitted", submitted_at=timezone.now()
    )
    line = ExpenditureLine.objects.create(
        report=report,
        partner=partner,
        number=1,
        category="staff",
        description="Salary",
        amount=Decimal("1000"),
        amount_eur=Decimal("1000"),
        attachment=_file("payslip.pdf"),
        attachment_name="payslip.pdf",
    )
    report.certificate = _file("certificate.pdf")  # as if certified before (the admin's file link needs one)
    report.save(update_fields=["certificate"])
    lead_report = PartnerReport.objects.create(partner=lead, project=project, period=1, number=1)
    certified = PartnerReport.objects.create(
        partner=lead, project=project, period=2, number=2, status="certified", submitted_at=timezone.now()
    )
    project_report = ProjectReport.objects.create(
        project=project, period=1, number=1, status="submitted", submitted_at=timezone.now()
    )
    certificate = ProjectReportCertificate.objects.create(project_report=project_report, partner_report=certified)
    clarification = Clarification.objects.create(project_report=project_report, text="Which invoice?")
    claim = PaymentClaim.objects.create(project_report=project_report, project=project, total_eligible=Decimal("0"))
    payment = Payment.objects.create(claim=claim, partner=lead, fund="erdf", amount_due=Decimal("0"))
    # one row of every other reporting model (the admin's query-count walk copies them)
    ReportingStep.objects.create(partner_report=report, from_status="draft", to_status="submitted", by=office.manager)
    ReportingReminder.objects.create(deadline=deadline, partner=partner, kind="before")
    package = WorkPackage.objects.create(project=project, number=1, title="Pilots", start_period=1, end_period=2)
    ReportProgress.objects.create(report=report, work_package=package, achievement="partly", text="Half done.")
    activity = package.activities.create(number=1, title="Sensors", start_period=1, end_period=2)
    ReportProgress.objects.create(report=report, activity=activity, achievement="fully")
    deliverable = activity.deliverables.create(number=1, title="Sensor network", period=2)
    ReportProgress.objects.create(report=report, deliverable=deliverable, achievement="not")
    ReportingStep.objects.create(project_report=project_report, to_status="submitted", by=office.manager)
    ReportingStep.objects.create(payment=payment, to_status="pending")
    ControllerAssignment.objects.create(programme=office.programme, controller=controller, country=office.austria)
    output_indicator = Indicator.objects.filter(programme=office.programme, kind="output").first()
    output = package.outputs.create(number=1, indicator=output_indicator, title="Pilot", target_value=1, period=2)
    ReportOutput.objects.create(report=report, output=output, value=Decimal("1"))
    ReportIndicatorValue.objects.create(project_report=project_report, indicator=output_indicator, cumulative=1)
    FundCommitment.objects.create(programme=office.programme, fund="erdf", year=2024, amount=Decimal("100000"))
    # the stored amounts of the submitted report (projects.money_aggregates writes them when a report is saved)
    assert ReportAmount.objects.filter(report=report).exists()
    return SimpleNamespace(
        project=project,
        partner=partner,
        lead=lead,
        controller=controller,
        finance=finance,
        finance2=finance2,
        contract=contract,
        document=document,
        deadline=deadline,
        bank=bank,
        report=report,
        line=line,
        lead_report=lead_report,
        certified=certified,
        project_report=project_report,
        certificate=certificate,
        clarification=clarification,
        claim=claim,
        payment=payment,
    )


def _modifications(office, reporting):  # noqa: F811
    """Versions, modifications, a reallocation and a closure section of SIGNED-AIR (issue 19): version 1 at the
    contract, a rejected modification with its steps, a small reallocation (version 2) and a closure section with a
    picture (every admin page needs a row of programme A)."""
    from decimal import Decimal

    from projects.models import BudgetReallocation, Modification, ModificationStep, ProjectClosure, VersionOrigin
    from projects.versions import version_capture

    project, staff = reporting.project, office.programme_manager
    v1 = version_capture(project=project, by=staff, origin=VersionOrigin.CONTRACT, in_force_from=project.start_date)
    modification = Modification.objects.create(
        project=project,
        number=1,
        status="rejected",
        reason="Move budget",
        base_version=v1,
        requested_by=office.manager,
        decided_by=staff,
        decision_date=date.today(),
        decision_note="Not justified.",
    )
    for source, target, by in (("", "requested", office.manager), ("requested", "open", staff)):
        ModificationStep.objects.create(modification=modification, from_status=source, to_status=target, by=by)
    v2 = version_capture(
        project=project, by=office.manager, origin=VersionOrigin.REALLOCATION, in_force_from=date.today()
    )
    reallocation = BudgetReallocation.objects.create(
        project=project,
        partner=reporting.partner,
        period=1,
        from_category="staff",
        to_category="travel",
        amount=Decimal("100"),
        justification="A cheaper venue.",
        version=v2,
        by=office.manager,
    )
    closure = ProjectClosure.objects.create(
        project=project, main_achievements="Cleaner air.", picture=_file("picture.png"), picture_alt="Sensors"
    )
    return SimpleNamespace(v1=v1, v2=v2, modification=modification, reallocation=reallocation, closure=closure)


def _relayed(public, sender):
    """Issue 21: the public project's lead partner has a contact address, so its organisation can be written to, and
    a message relayed to it (the abuse page's and the admin's object). Returns `public`, with `.message`."""
    from partnerships.relay import message_relay

    public.project.partners.filter(organisation=public.organisation).update(contact_email="lead.contact@example.org")
    public.message = message_relay(
        sender=sender,
        organisation=public.organisation,
        subject="Cleaner air together",
        body="We would like to join your next project on air quality.",
    )
    return public


def _ideas(office):  # noqa: F811
    """The partner search (issue 21): an open idea of the owner in programme A, in which the partner contact expressed
    interest (relayed to the owner: the idea names no organisation), and a closed idea of the owner."""
    from partnerships.idea_services import idea_close, idea_create, interest_express

    data = {"summary": "Clean air sensors on school roofs.", "programme": office.programme}
    data["expires_on"] = timezone.localdate() + timedelta(days=30)
    idea = idea_create(owner=office.manager, data={**data, "title": "Clean air for schools"})
    interest = interest_express(idea=idea, person=office.partner_user, body="We would like to join as a partner.")
    closed = idea_create(owner=office.manager, data={**data, "title": "Clean air for parks"})
    idea_close(idea=closed, by=office.manager)
    return SimpleNamespace(idea=idea, interest=interest, closed=closed)


@pytest.fixture
def world(office, django_capture_on_commit_callbacks):  # noqa: F811
    submission = Submission.objects.get(project=office.project)
    render_submission_pdf(submission.pk)
    eligibility_record(project=office.project, by=office.officer, results=all_passed())
    document = CallDocument.objects.create(call=office.call, title="Terms of reference", file=_file("terms.pdf"))
    indicator = Indicator.objects.create(
        programme=office.programme, code="RCO 84", name="Pilot actions", unit="pilot actions", kind="output"
    )
    indicator.objectives.add(office.objective)
    _application_content(office, indicator)
    group = staff_group_ensure()
    for member in (office.programme_manager, office.other_staff):
        member.groups.add(group)
    totp_setup(office.programme_manager)
    # before it was submitted, the application was reminded of its deadline and invited a partner
    DeadlineReminder.objects.create(project=office.project, kind="1d")
    InvitationFactory(project=office.project, invited_by=office.manager)
    _programme_bodies(office)
    _schedules()
    contracted = _beyond_deadline(office, call=office.call, status=Status.CONTRACTED, acronym="SIGNED-AIR")
    people = {
        "anonymous": None,
        "owner": office.manager,
        "other_applicant": UserFactory(),
        "partner_contact": office.partner_user,
        "staff": office.programme_manager,
        "other_staff": office.other_staff,
        "superuser": UserFactory(is_staff=True, is_superuser=True),
        "assessor": office.assessor,  # not in ACTORS: the fuzz tests use them for the quality form
    }
    reporting = _reporting(office, contracted)
    reporting.modifications = _modifications(office, reporting)  # issue 19
    # not in ACTORS either: the fuzz tests fill in the control and payment forms as them
    people |= {"controller": reporting.controller, "finance": reporting.finance}
    return SimpleNamespace(
        **vars(office),
        people=people,
        submission=submission,
        document=document,
        draft_call=CallFactory(programme=office.programme, is_published=False),
        draft=_draft(office),
        public=_relayed(_public(office), people["other_applicant"]),
        no_call=_beyond_deadline(office, call=None, status=Status.CONTRACTED, acronym="NOCALL-AIR"),
        contracted=contracted,
        reporting=reporting,
        events=_event(office.manager, Office.objects.filter(programme=office.programme).first()),
        library=_library(),
        report=_report(office, django_capture_on_commit_callbacks),
        ideas=_ideas(office),
    )
