"""Every URL of the portal (the admin's are in test_admin_matrix) × seven people, with real objects.

The URL patterns come from the resolver: a pattern missing from CASES fails the test, so a new page cannot be added
without deciding who may see it. Each case names the objects of its URL and the expected answer per person:
200 (or another page status), `login` (302 to the login page) or 404 (not theirs: as if it did not exist). POSTs are
sent empty and rolled back, so every person meets the same world.
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from partnerships.relay import abuse_token
from projects.models import CollaboratorInvitation, CollaboratorLevel
from projects.services.collaborator_invitations import collaborator_invitation_link
from projects.services.invitations import invitation_link

from .conftest import ACTORS, answer, outcome, sign_in, url_patterns

pytestmark = pytest.mark.django_db

# Answers in the order of ACTORS: anonymous, owner, other applicant, partner contact, staff, other staff, superuser
PUBLIC = "200 200 200 200 200 200 200"
SIGNED_IN = "login 200 200 200 200 200 200"
GUEST_ONLY = "200 302 302 302 302 302 302"  # signed-in people are sent on
APPLICATION = "login 200 404 200 404 404 404"  # collaborators only, not even superusers
MANAGE = "login 302 404 403 404 404 404"  # a POST only the application's managers may make
IN_A_LOGIN = "login 302 302 302 302 302 302"  # a step of a login: nothing to do outside one
REDIRECTED = "302 302 302 302 302 302 302"
REAUTHENTICATE = "login 302 302 302 302 302 302"  # asks for the password (or code) again first
WITH_AUTHENTICATOR = "login 302 302 302 200 200 200"  # staff have an authenticator app
NO_CODES = "login 404 404 404 404 404 404"  # no recovery codes generated yet
BAD_FORM = "login 400 400 400 400 400 400"  # an empty POST: the form's errors
MANAGE_FORM = "login 400 404 403 404 404 404"  # the manager's empty form: its errors
MANAGERS_ONLY = "login 200 404 404 404 404 404"  # the project's managers' (the lead partner's) own record
STAFF = "login 404 404 404 200 404 200"
STAFF_POST = "login 404 404 404 302 404 302"


@dataclass(frozen=True)
class Case:
    expected: str
    kwargs: Callable = lambda w: {}
    method: str = "get"
    query: str = ""


def draft(**more) -> Callable:
    return lambda w: {"pk": w.draft.project.pk, **{key: get(w).pk for key, get in more.items()}}


def staff(**more) -> Callable:
    return lambda w: {"slug": w.programme.slug, **{key: get(w).pk for key, get in more.items()}}


def signed(**more) -> Callable:
    """A staff URL of the contracted project of world.reporting (SIGNED-AIR)."""
    return lambda w: {
        "slug": w.programme.slug,
        "pk": w.reporting.project.pk,
        **{key: get(w).pk for key, get in more.items()},
    }


def _assignment(w):
    from projects.models import ControllerAssignment

    return ControllerAssignment.objects.filter(programme=w.programme, partner=w.reporting.partner).first()


def _colleague_invitation(w):
    """A pending collaborator invitation on the draft (made once per world)."""
    if not hasattr(w, "colleague_invitation"):
        w.colleague_invitation = CollaboratorInvitation.objects.create(
            project=w.draft.project,
            email="colleague@example.org",
            level=CollaboratorLevel.EDIT,
            invited_by=w.manager,
            expires_at=timezone.now() + timedelta(days=14),
        )
    return w.colleague_invitation


def _reset_key(w) -> dict:
    return {"uidb36": user_pk_to_url_str(w.manager), "key": default_token_generator.make_token(w.manager)}


def _confirm_key(w) -> dict:
    return {"key": EmailConfirmationHMAC(EmailAddress.objects.get(user=w.manager)).key}


def _work_package(project):
    """The draft's work package (made on first use, so the shared world stays as it is)."""
    from projects.models import WorkPackage

    defaults = {"title": "Pilot actions", "start_period": 1, "end_period": 1}
    return WorkPackage.objects.get_or_create(project=project, number=1, defaults=defaults)[0]


# first-level control (helper C)
CONTROLLERS_ONLY = "login 404 404 404 404 404 404"
CONTROL_STEPS = ["report", "start", "line", "certify_remaining", "checklist", "finalise", "confirm", "send_back"]
CONTROL_STEPS += ["reopen"]


def _control_kwargs(name: str) -> Callable:
    if name == "line":
        return lambda w: {"report_pk": w.reporting.report.pk, "line_pk": w.reporting.line.pk}
    return lambda w: {"report_pk": w.reporting.report.pk}


def _certificate(w) -> dict:
    """The lead partner's certified report, with its certificate (made on first use)."""
    from django.core.files.base import ContentFile

    report = w.reporting.certified
    if not report.certificate:
        report.certificate.save("certificate.pdf", ContentFile(b"%PDF-1.4 certificate"), save=True)
    return {"report_pk": report.pk}


PROJECT, CALL = (lambda w: w.project), (lambda w: w.call)
CASES: dict[str, Case] = {
    "home": Case(PUBLIC),
    "healthz": Case(PUBLIC),
    "language_choose": Case("400 400 400 400 400 400 400", method="post"),  # an empty POST names no language
    "healthz_live": Case(PUBLIC),
    "metrics": Case("404 404 404 404 404 404 200"),  # Prometheus: a bearer token or a superuser (issue 22)
    "privacy": Case(PUBLIC),
    "my_data": Case(SIGNED_IN),
    "profile": Case(SIGNED_IN),
    # allauth: the person's own account; confirmation and reset links are capabilities sent by email
    "account_login": Case(GUEST_ONLY),
    "account_logout": Case("302 200 200 200 200 200 200"),
    "account_inactive": Case(PUBLIC),
    "account_signup": Case(GUEST_ONLY),
    "account_reauthenticate": Case(SIGNED_IN),
    "account_email": Case(SIGNED_IN),
    "account_email_verification_sent": Case(PUBLIC),
    "account_change_password": Case(SIGNED_IN),
    "account_set_password": Case("login 302 302 302 302 302 302"),  # they have one: sent to change it
    "account_reset_password": Case(PUBLIC),
    "account_confirm_login_code": Case(IN_A_LOGIN),
    "account_confirm_email": Case(PUBLIC, _confirm_key),
    "account_reset_password_from_key_done": Case(PUBLIC),
    "account_reset_password_from_key": Case(REDIRECTED, _reset_key),  # the key moves into the session
    "account_reset_password_done": Case(PUBLIC),
    "mfa_index": Case(SIGNED_IN),
    "mfa_authenticate": Case(IN_A_LOGIN),
    "mfa_reauthenticate": Case(WITH_AUTHENTICATOR),
    "mfa_activate_totp": Case(REAUTHENTICATE),  # staff have one already: sent to deactivate
    "mfa_deactivate_totp": Case("login 404 404 404 302 302 302"),  # 302: reauthenticate first
    "mfa_view_recovery_codes": Case(NO_CODES),
    "mfa_generate_recovery_codes": Case(REAUTHENTICATE),
    "mfa_download_recovery_codes": Case(NO_CODES),
    "notifications:list": Case(SIGNED_IN),
    "notifications:mark_read": Case("login 302 302 302 302 302 302", method="post"),
    # events: public, except the participants' material and one's own registration
    "events:list": Case(PUBLIC),
    "events:feed": Case(PUBLIC),
    "events:detail": Case(PUBLIC, lambda w: {"slug": w.events.event.slug}),
    "events:register": Case(BAD_FORM, lambda w: {"slug": w.events.event.slug}, "post"),
    "events:cancel": Case("login 302 404 404 404 404 404", lambda w: {"slug": w.events.event.slug}, "post"),
    "events:calendar": Case(PUBLIC, lambda w: {"slug": w.events.event.slug}),
    "events:material": Case(
        "404 200 404 404 404 404 404", lambda w: {"slug": w.events.event.slug, "pk": w.events.material.pk}
    ),
    # the knowledge library (issue 21): public, except the signed-in people's items and their files (login)
    "library:search": Case(PUBLIC, query="q=report&kind=template&topic=partnership-principle&language=en"),
    "library:topic": Case(PUBLIC, lambda w: {"slug": w.library.topic.slug}),
    "library:item": Case(SIGNED_IN, lambda w: {"pk": w.library.members.pk}),
    "library:download": Case(SIGNED_IN, lambda w: {"pk": w.library.members.pk}),
    # reports: the call report of programme A's manager
    "reports:list": Case(SIGNED_IN),
    "reports:new": Case(BAD_FORM, method="post"),
    "reports:row": Case("login 404 404 404 200 404 404", lambda w: {"pk": w.report.pk}),
    "reports:download": Case("login 404 404 404 200 404 200", lambda w: {"pk": w.report.pk}),
    # staff pages of programme A, its submitted application
    "staff:home": Case("login 404 404 404 302 302 200"),
    "staff:dashboard": Case(STAFF, staff()),
    "staff:calls": Case(STAFF, staff()),
    "staff:reports": Case(STAFF, staff()),
    "staff:call_new": Case(STAFF, staff()),
    "staff:call_edit": Case(STAFF, staff(pk=CALL)),
    "staff:call_publish": Case(STAFF_POST, staff(pk=lambda w: w.draft_call), "post"),
    "staff:call_setup": Case(STAFF, staff(pk=CALL)),
    "staff:call_setup_funds": Case(STAFF, staff(pk=CALL)),
    "staff:call_setup_form": Case(STAFF, staff(pk=CALL)),
    "staff:call_setup_checklist": Case(STAFF, staff(pk=CALL)),
    "staff:call_setup_criteria": Case(STAFF, staff(pk=CALL)),
    "staff:indicators": Case(STAFF, staff()),
    "staff:translations": Case(STAFF, staff()),
    "staff:indicator_new": Case(STAFF, staff()),
    "staff:indicator_edit": Case(STAFF, staff(pk=lambda w: w.programme.indicators.get(code="RCO 84"))),
    "staff:applications": Case(STAFF, staff()),
    "staff:application": Case(STAFF, staff(pk=PROJECT)),
    "staff:annex": Case(STAFF, staff(pk=PROJECT, annex_pk=lambda w: w.annex)),
    "staff:eligibility": Case(STAFF, staff(pk=PROJECT)),
    "staff:assessors": Case(STAFF, staff(pk=PROJECT)),
    "staff:quality": Case("login 404 404 404 403 404 403", staff(pk=PROJECT)),  # the assigned assessors only
    "staff:decision": Case(STAFF, staff(pk=PROJECT)),
    "staff:contract": Case(STAFF, staff(pk=PROJECT)),
    # public programme pages and project database
    "programmes:call_list": Case(PUBLIC),
    "programmes:call_detail": Case(PUBLIC, lambda w: {"pk": w.call.pk}),
    "programmes:call_document": Case(PUBLIC, lambda w: {"pk": w.call.pk, "document_pk": w.document.pk}),
    "database:search": Case(PUBLIC, query="q=air"),
    "database:export_csv": Case(PUBLIC, query="q=air"),
    "database:export_json": Case(PUBLIC, query="q=air"),
    "database:detail": Case(PUBLIC, lambda w: {"pk": w.public.project.pk}),
    "database:programme_list": Case(PUBLIC),
    "database:programme": Case(PUBLIC, lambda w: {"slug": w.programme.slug}),
    "database:statistics": Case(PUBLIC),
    "database:programme_statistics": Case(PUBLIC, lambda w: {"slug": w.programme.slug}),
    "database:organisation": Case(PUBLIC, lambda w: {"pk": w.public.organisation.pk}),
    # "contact this organisation" (issue 21): an empty message is refused with its errors; the abuse link of the
    # relayed email is the recipient's key, whoever opens it
    "database:organisation_contact": Case(BAD_FORM, lambda w: {"pk": w.public.organisation.pk}, "post"),
    "database:contact_abuse": Case(PUBLIC, lambda w: {"token": abuse_token(w.public.message)}),
    # money at a glance and the list of operations (issue 18, items 7 and 9)
    "staff:money": Case(STAFF, staff()),
    "staff:project_money": Case(STAFF, staff(pk=lambda w: w.contracted.project)),
    "projects:money": Case("login 200 404 404 404 404 200", lambda w: {"pk": w.contracted.project.pk}),
    "database:operations": Case(PUBLIC),
    "database:operations_csv": Case(PUBLIC),
    "database:operations_programme": Case(PUBLIC, lambda w: {"slug": w.programme.slug}),
    "database:operations_programme_csv": Case(PUBLIC, lambda w: {"slug": w.programme.slug}),
    "partnerships:organisation_search": Case(PUBLIC, query="q=Wien"),
    # applications: the draft of the owner, where the partner contact is a viewer with a partner section
    "projects:list": Case(SIGNED_IN),
    "projects:start": Case(SIGNED_IN, lambda w: {"call_pk": w.call.pk}),
    "projects:invitation": Case(PUBLIC, lambda w: {"signed": invitation_link(w.draft.invitation).rsplit("/", 2)[-2]}),
    "projects:detail": Case(APPLICATION, draft()),
    "projects:identification": Case(APPLICATION, draft()),
    "projects:budget": Case(APPLICATION, draft()),
    "projects:check": Case(APPLICATION, draft()),
    "projects:submit": Case(MANAGE_FORM, draft(), "post"),  # an empty POST lacks the confirmation: 400
    "projects:summary": Case(APPLICATION, draft()),
    "projects:partners": Case(APPLICATION, draft()),
    "projects:partner_add": Case(MANAGE_FORM, draft(), "post"),
    "projects:partner": Case(APPLICATION, draft(partner_pk=lambda w: w.draft.partner)),
    "projects:partner_remove": Case(MANAGE, draft(partner_pk=lambda w: w.draft.partner), "post"),
    "projects:partner_lead": Case(MANAGE, draft(partner_pk=lambda w: w.draft.partner), "post"),
    "projects:invite": Case(MANAGE_FORM, draft(), "post"),
    "projects:invitation_withdraw": Case(MANAGE, draft(invitation_pk=lambda w: w.draft.invitation), "post"),
    "projects:invitation_resend": Case(MANAGE_FORM, draft(invitation_pk=lambda w: w.draft.invitation), "post"),
    "projects:annexes": Case(APPLICATION, draft()),
    "projects:annex": Case(APPLICATION, draft(annex_pk=lambda w: w.draft.annex)),
    "projects:annex_delete": Case(MANAGE, draft(annex_pk=lambda w: w.draft.annex), "post"),
    "projects:submission_pdf": Case(
        "login 200 404 200 200 404 200", lambda w: {"pk": w.project.pk, "submission_pk": w.submission.pk}
    ),
    "projects:collaborators": Case(APPLICATION, draft()),
    "projects:collaborator": Case(MANAGE, draft(collaborator_pk=lambda w: w.draft.contact), "post"),
    # colleagues invited by email at a level (no partner section): the managers' POSTs, and the emailed link
    "projects:collaborator_invite": Case(MANAGE_FORM, draft(), "post"),
    "projects:collaborator_invitation_withdraw": Case(
        MANAGE, draft(invitation_pk=lambda w: _colleague_invitation(w)), "post"
    ),
    "projects:collaborator_invitation_resend": Case(
        MANAGE_FORM, draft(invitation_pk=lambda w: _colleague_invitation(w)), "post"
    ),
    "projects:collaborator_invitation": Case(
        PUBLIC, lambda w: {"signed": collaborator_invitation_link(_colleague_invitation(w)).rsplit("/", 2)[-2]}
    ),
    # two-step calls: the step-1 decision page; assessors' comments per section
    "staff:concept": Case(STAFF, staff(pk=PROJECT)),
    "staff:section_comment": Case(STAFF_POST, lambda w: {**staff(pk=PROJECT)(w), "section": "description"}, "post"),
    "projects:partner_budget": Case(APPLICATION, draft(partner_pk=lambda w: w.draft.partner)),
    # the description, work plan and results: editors change them, viewers read them
    "projects:description": Case(APPLICATION, draft()),
    "projects:workplan": Case(APPLICATION, draft()),
    "projects:work_package_add": Case(APPLICATION, draft()),
    "projects:work_package": Case(APPLICATION, draft(wp_pk=lambda w: _work_package(w.draft.project))),
    "projects:work_package_delete": Case(MANAGE, draft(wp_pk=lambda w: _work_package(w.draft.project)), "post"),
    "projects:results": Case(APPLICATION, draft()),
    # first-level control (helper C): only the report's controllers (none of these people) see the control pages;
    # the certificate (of the lead partner's certified report) is for everyone who sees that report
    **{
        f"control:{name}": Case(CONTROLLERS_ONLY, _control_kwargs(name), "get" if name == "report" else "post")
        for name in CONTROL_STEPS
    },
    "control:workspace": Case(CONTROLLERS_ONLY),
    "projects:control_certificate": Case("login 200 404 404 200 404 200", _certificate),
    # after the contract (helper A): the contract, its documents, schedule, bank details and controllers
    "staff:contract_edit": Case(STAFF, signed()),
    "staff:contract_document_upload": Case("login 404 404 404 400 404 400", signed(), "post"),
    "staff:contract_document": Case(STAFF, signed(document_pk=lambda w: w.reporting.document)),
    "staff:contract_document_delete": Case(STAFF_POST, signed(document_pk=lambda w: w.reporting.document), "post"),
    "staff:schedule": Case(STAFF, signed()),
    "staff:controllers": Case(STAFF, signed()),
    "staff:controller_remove": Case(STAFF_POST, signed(assignment_pk=_assignment), "post"),
    "projects:contract": Case(APPLICATION, lambda w: {"pk": w.reporting.project.pk}),
    "projects:contract_document": Case(
        APPLICATION, lambda w: {"pk": w.reporting.project.pk, "document_pk": w.reporting.document.pk}
    ),
    "projects:bank_details": Case(
        APPLICATION, lambda w: {"pk": w.reporting.project.pk, "partner_pk": w.reporting.partner.pk}
    ),
}


# Partner reports, applicant side (issue 18, item 3): the partner's contact and the project's managers only. `report`
# is the partner's submitted report (its line cannot change any more: 403 with the reason), `lead_report` the lead
# partner's draft, which the partner contact does not see.
def _partner_report(which: str = "report", **more) -> Callable:
    return lambda w: {
        "pk": w.reporting.project.pk,
        "report_pk": getattr(w.reporting, which).pk,
        **{key: get(w) for key, get in more.items()},
    }


def _line_with_attachment(w) -> int:
    """The world's line, given a PDF on first use (the shared world stays as it is)."""
    from django.core.files.base import ContentFile

    line = w.reporting.line
    if not line.attachment:
        line.attachment.save("invoice.pdf", ContentFile(b"%PDF-1.4 bench"), save=False)
        type(line).objects.filter(pk=line.pk).update(attachment=line.attachment.name, attachment_name="invoice.pdf")
    return line.pk


CASES |= {
    "projects:partner_reports": Case(APPLICATION, lambda w: {"pk": w.reporting.project.pk}),
    "projects:partner_report_new": Case(
        "login 400 404 400 404 404 404", lambda w: {"pk": w.reporting.project.pk}, "post"
    ),
    "projects:partner_report_template": Case(APPLICATION, lambda w: {"pk": w.reporting.project.pk, "fmt": "xlsx"}),
    "projects:partner_report": Case(APPLICATION, _partner_report()),
    "projects:partner_report_progress": Case(APPLICATION, _partner_report()),
    "projects:partner_report_outputs": Case(APPLICATION, _partner_report()),
    "projects:partner_report_lines": Case(APPLICATION, _partner_report()),
    "projects:partner_report_line_add": Case("login 200 404 404 404 404 404", _partner_report("lead_report")),
    "projects:partner_report_line": Case(APPLICATION, _partner_report(line_pk=lambda w: w.reporting.line.pk)),
    "projects:partner_report_line_delete": Case(
        "login 403 404 403 404 404 404", _partner_report(line_pk=lambda w: w.reporting.line.pk), "post"
    ),
    "projects:partner_report_line_attachment": Case(APPLICATION, _partner_report(line_pk=_line_with_attachment)),
    "projects:partner_report_import": Case(APPLICATION, _partner_report()),
    "projects:partner_report_overview": Case(APPLICATION, _partner_report()),
    "projects:partner_report_submit": Case("login 400 404 404 404 404 404", _partner_report("lead_report"), "post"),
}

# The workspace once more, for projects with no deadline to count down: one without a call, one contracted.
WORKSPACE = ["detail", "identification", "partners", "budget", "annexes", "collaborators", "check", "summary"]
WORKSPACE += ["description", "workplan", "work_package_add", "results"]
MORE_CASES: dict[str, tuple[str, Case]] = {
    f"projects:{page} ({which})": (
        f"projects:{page}",
        Case(APPLICATION, lambda w, which=which: {"pk": getattr(w, which).project.pk}),
    )
    for which in ("no_call", "contracted")
    for page in WORKSPACE
} | {
    f"projects:{name} ({which})": (
        f"projects:{name}",
        Case(
            APPLICATION,
            lambda w, which=which: {"pk": getattr(w, which).project.pk, "partner_pk": getattr(w, which).partner.pk},
        ),
    )
    for which in ("no_call", "contracted")
    for name in ("partner", "partner_budget")
}

# the library's public item and its file: for everyone
MORE_CASES |= {
    f"library:{name} (public)": (f"library:{name}", Case(PUBLIC, lambda w: {"pk": w.library.public.pk}))
    for name in ("item", "download")
}


def every_case():
    """(label, URL name, case) for CASES and MORE_CASES."""
    for name, case in CASES.items():
        yield name, name, case
    for label, (name, case) in MORE_CASES.items():
        yield label, name, case


def portal_url_names() -> set[str]:
    return {name for name, route in url_patterns() if not route.startswith("admin/")}


def ask(client, name: str, case: Case, world) -> str:
    url = reverse(name, kwargs=case.kwargs(world)) + (f"?{case.query}" if case.query else "")
    if case.method == "get":
        return outcome(client.get(url))
    cookies = copy.deepcopy(client.cookies)
    with transaction.atomic():  # every person meets the same world: the POST's changes are undone
        answer = outcome(client.post(url))
        transaction.set_rollback(True)
    client.cookies = cookies
    return answer


def test_every_portal_url_is_classified():
    assert portal_url_names() - set(CASES) == set(), "add the new URL to CASES: who may see it?"
    assert set(CASES) - portal_url_names() == set(), "CASES names a URL that no longer exists"


@pytest.mark.usefixtures("templates_rendered_plainly")
@pytest.mark.parametrize("actor", ACTORS)
def test_portal_url_matrix(client, world, actor):
    sign_in(client, world, actor)
    got = {label: ask(client, name, case, world) for label, name, case in every_case()}
    expected = {label: answer(case.expected, actor) for label, _name, case in every_case()}
    differ = {label: f"got {got[label]}, expected {expected[label]}" for label in got if got[label] != expected[label]}
    assert not differ, f"{actor}, answers that differ from CASES:\n" + "\n".join(f"{k}: {v}" for k, v in differ.items())


# Project reports, their verification and payments (helper D), on the contracted project's reporting objects: its
# submitted project report (the owner manages the project, the partner contact only views it), the certificate and a
# line of it, the pending payment. Programme A's manager verifies and confirms payments but never authorises them.
def _reported(**more) -> Callable:
    return lambda w: {"pk": w.reporting.project.pk, **{key: get(w).pk for key, get in more.items()}}


def _certified_line(w):
    """A certified line of the claimed partner report (made on first use, so the shared world stays as it is)."""
    from decimal import Decimal

    from projects.models import ExpenditureLine

    report = w.reporting.certified
    defaults = {"partner": report.partner, "category": "staff", "description": "Salary", "control": "certified"}
    defaults |= {"amount": Decimal("500"), "amount_eur": Decimal("500")}
    return ExpenditureLine.objects.get_or_create(report=report, number=1, defaults=defaults)[0]


STAFF_FORM = "login 404 404 404 400 404 400"  # the staff's empty form (or a step the report is not ready for)
PROJECT_REPORT = {"report_pk": lambda w: w.reporting.project_report}
VERIFYING = {"pk": lambda w: w.reporting.project_report}
CASES |= {
    "projects:project_reports": Case(APPLICATION, _reported()),
    # a project report is the project's managers' (the lead partner's): a partner's contact does not find it
    "projects:project_report": Case(MANAGERS_ONLY, _reported(**PROJECT_REPORT)),
    "projects:project_report_submit": Case("login 302 404 404 404 404 404", _reported(**PROJECT_REPORT), "post"),
    "projects:project_report_answer": Case("login 400 404 404 404 404 404", _reported(**PROJECT_REPORT), "post"),
    "projects:project_payments": Case(APPLICATION, _reported()),
    "staff:verifications": Case(STAFF, staff()),
    "staff:verification": Case(STAFF, staff(**VERIFYING)),
    "staff:verification_start": Case(STAFF_POST, staff(**VERIFYING), "post"),
    "staff:verification_certificate": Case(
        STAFF_FORM, staff(**VERIFYING, certificate_pk=lambda w: w.reporting.certificate), "post"
    ),
    "staff:verification_line": Case(STAFF_FORM, staff(**VERIFYING, line_pk=_certified_line), "post"),
    "staff:verification_return": Case(STAFF_FORM, staff(**VERIFYING), "post"),
    "staff:verification_finalise": Case(STAFF_FORM, staff(**VERIFYING), "post"),  # not in verification yet
    "staff:payments": Case(STAFF, staff()),
    "staff:payment": Case(STAFF, staff(pk=lambda w: w.reporting.payment)),
    # a manager confirms but never authorises (403 with the reason); the pending payment is not authorised yet (400)
    "staff:payment_authorise": Case("login 404 404 404 403 404 403", staff(pk=lambda w: w.reporting.payment), "post"),
    "staff:payment_confirm": Case(STAFF_FORM, staff(pk=lambda w: w.reporting.payment), "post"),
}
MORE_CASES |= {
    # the note is optional: an empty report is a report (rolled back), then the page again
    "database:contact_abuse (report)": (
        "database:contact_abuse",
        Case(REDIRECTED, lambda w: {"token": abuse_token(w.public.message)}, "post"),
    ),
    "projects:project_reports (start a period)": ("projects:project_reports", Case(MANAGE_FORM, _reported(), "post")),
    # submitted: no longer editable, even by its managers (403 with the reason)
    "projects:project_report (save)": (
        "projects:project_report",
        Case("login 403 404 404 404 404 404", _reported(**PROJECT_REPORT), "post"),
    ),
}

# Budget reallocations (issue 19, item 5), on the contracted project: whoever sees its versions reads the page
# (collaborators, the programme's staff but controllers, superusers); the POSTs are tested in
# test_reallocation_matrix.
CASES |= {
    "projects:reallocations": Case("login 200 404 200 200 404 200", lambda w: {"pk": w.reporting.project.pk}),
}


# The versions of a contracted application and their diff (issue 19, item 3; tests/access/test_version_matrix.py has
# every person of reporting): the contracted project's collaborators and the programme's staff read them.
def versioned(w) -> dict:
    """SIGNED-AIR with its version 1 (captured on first use, as the contract does)."""
    from projects.models import ApplicationVersion, VersionOrigin
    from projects.versions import version_capture

    project = w.reporting.project
    if not ApplicationVersion.objects.filter(project=project).exists():
        version_capture(project=project, by=None, origin=VersionOrigin.CONTRACT, in_force_from=project.start_date)
    return {"pk": project.pk}


CASES |= {
    "projects:versions": Case("login 200 404 200 200 404 200", versioned),
    "projects:version_diff": Case("login 200 404 200 200 404 200", versioned, query="from=1&to=1"),
}

# the project's timeline (issue 19, item 9; the reporting people in test_timeline_matrix): its collaborators on their
# side, the programme's staff on theirs
CASES |= {
    "projects:timeline": Case(APPLICATION, lambda w: {"pk": w.reporting.project.pk}),
    "staff:timeline": Case(STAFF, signed()),
}

# Closure (issue 19, items 7 and 8) on the contracted project SIGNED-AIR, whose final period has not started: its
# collaborators read the closure section (nothing to post yet: 403 with the reason), it has no picture; staff with
# the CLOSE and REOPEN rights (the programme's manager here) see the steps, an empty close is refused with its
# reasons and an empty reopen lacks its reason (400). test_closure_matrix walks the reporting roles.
CASES |= {
    "projects:closure": Case(APPLICATION, _reported()),
    "projects:closure_picture": Case(APPLICATION, _reported()),  # the world's closure section has a picture
    "staff:close": Case(STAFF, signed()),
    "staff:reopen": Case(STAFF, signed()),
    "database:results_picture": Case("404 404 404 404 404 404 404", lambda w: {"pk": w.reporting.project.pk}),
}
MORE_CASES |= {
    "projects:closure (save)": ("projects:closure", Case("login 403 404 403 404 404 404", _reported(), "post")),
    "staff:close (post)": ("staff:close", Case(STAFF_FORM, signed(), "post")),
    "staff:reopen (post)": ("staff:reopen", Case(STAFF_FORM, signed(), "post")),
}


# Modifications of a contracted project (issue 19, items 2 and 4), on the contracted project of world.reporting
# (SIGNED-AIR): a modification its owner asked for, not opened yet. The applicants' pages are its collaborators'
# (the partner contact reads them; only the owner acts); the staff pages the programme's staff's. Empty POSTs: the
# owner's steps are refused with a message (302), the staff's forms answer with their errors (400). Who else may see
# and act, person by person: tests/access/test_modification_matrix.py.
def modification_world(w):
    """The requested modification of SIGNED-AIR, on version 1 (made on first use)."""
    from projects.models import ApplicationVersion, Modification, VersionOrigin
    from projects.versions import version_capture

    if not hasattr(w, "modification"):
        project = w.reporting.project
        if not ApplicationVersion.objects.filter(project=project).exists():
            version_capture(
                project=project, by=w.manager, origin=VersionOrigin.CONTRACT, in_force_from=timezone.localdate()
            )
        number = Modification.objects.filter(project=project).count() + 1  # the world's rejected one is number 1
        w.modification = Modification.objects.create(
            project=project, number=number, reason="A partner joins.", requested_by=w.manager
        )
    return w.modification


def modification_kwargs(*, staff_side: bool = False, partner: bool = False) -> Callable:
    def kwargs(w):
        found = {"pk": w.reporting.project.pk}
        if partner:
            return found | {"partner_pk": w.reporting.partner.pk}
        found["modification_pk"] = modification_world(w).pk
        return found | ({"slug": w.programme.slug} if staff_side else {})

    return kwargs


MODIFY_FORM = "login 404 404 404 400 404 400"
CASES |= {
    "projects:modifications": Case(APPLICATION, _reported()),
    "projects:modification": Case(APPLICATION, modification_kwargs()),
    "projects:modification_submit": Case(MANAGE, modification_kwargs(), "post"),
    "projects:modification_withdraw": Case(MANAGE, modification_kwargs(), "post"),
    "projects:partner_withdraw": Case(APPLICATION, modification_kwargs(partner=True)),
    # no modification is open: the application cannot be changed (403 with the reason), even by its owner
    "projects:partner_reinstate": Case("login 403 404 403 404 404 404", modification_kwargs(partner=True), "post"),
    "staff:modifications": Case(STAFF, staff()),
    "staff:modification": Case(STAFF, modification_kwargs(staff_side=True)),
    "staff:modification_open": Case(STAFF_POST, modification_kwargs(staff_side=True), "post"),
    "staff:modification_decline": Case(MODIFY_FORM, modification_kwargs(staff_side=True), "post"),
    "staff:modification_return": Case(MODIFY_FORM, modification_kwargs(staff_side=True), "post"),
    "staff:modification_approve": Case(MODIFY_FORM, modification_kwargs(staff_side=True), "post"),
    "staff:modification_reject": Case(MODIFY_FORM, modification_kwargs(staff_side=True), "post"),
}


# The open-data API (issue 21, item 6; tests/api has its rules): public to everyone, JSON; objects that are not
# public are a 404 for everyone (the draft application, the unpublished call), as is any unknown address under it.
def _public_partner(w) -> dict:
    return {"pk": w.public.project.partners.first().pk}


NOBODY = "404 404 404 404 404 404 404"
CASES |= {
    "api:index": Case(PUBLIC),
    "api:root": Case(PUBLIC),
    "api:schema": Case(PUBLIC),
    "api:docs": Case(PUBLIC),
    "api:projects": Case(PUBLIC, query="q=air&country=AT"),
    "api:project": Case(PUBLIC, lambda w: {"pk": w.public.project.pk}),
    "api:partners": Case(PUBLIC),
    "api:partner": Case(PUBLIC, _public_partner),
    "api:organisations": Case(PUBLIC),
    "api:organisation": Case(PUBLIC, lambda w: {"pk": w.public.organisation.pk}),
    "api:programmes": Case(PUBLIC),
    "api:programme": Case(PUBLIC, lambda w: {"slug": w.programme.slug}),
    "api:calls": Case(PUBLIC),
    "api:call": Case(PUBLIC, lambda w: {"pk": w.call.pk}),
    "api:events": Case(PUBLIC),
    "api:event": Case(PUBLIC, lambda w: {"slug": w.events.event.slug}),
    "api:library": Case(PUBLIC, query="q=report&topic=partnership-principle&kind=report&language=en"),
    "api:library_item": Case(PUBLIC, lambda w: {"pk": w.library.public.pk}),
    "api:not_found": Case(NOBODY, lambda w: {"rest": "nothing-here/"}),
}
MORE_CASES |= {
    "api:project (draft)": ("api:project", Case(NOBODY, lambda w: {"pk": w.draft.project.pk})),
    "api:call (unpublished)": ("api:call", Case(NOBODY, lambda w: {"pk": w.draft_call.pk})),
    "api:library_item (signed-in people's)": ("api:library_item", Case(NOBODY, lambda w: {"pk": w.library.members.pk})),
}


# The partner search (issue 21, item 4): the list and an open idea are public; posting, "my ideas" and expressing
# interest need an account; an idea's editing, closing and conversion are its owner's (anyone else: 404), and a closed
# idea is seen by its owner alone. The owner may not express interest in their own idea, the partner contact already
# did (403 with the reason). Empty POSTs: the forms' errors (400). Person by person: tests/ideas/.
def _idea(which: str = "idea") -> Callable:
    return lambda w: {"pk": getattr(w.ideas, which).pk}


OWNER_ONLY = "login 200 404 404 404 404 404"
CASES |= {
    "ideas:list": Case(PUBLIC, query="q=air&programme=x&country=HU&partner_type=sme&page=2"),
    "ideas:create": Case(SIGNED_IN),
    "ideas:mine": Case(SIGNED_IN),
    "ideas:detail": Case(PUBLIC, _idea()),
    "ideas:edit": Case(OWNER_ONLY, _idea()),
    "ideas:close": Case("login 302 404 404 404 404 404", _idea(), "post"),
    "ideas:interest": Case("login 403 200 403 200 200 200", _idea()),
    "projects:idea_convert": Case(OWNER_ONLY, lambda w: {"idea_pk": w.ideas.idea.pk}),
}
MORE_CASES |= {
    "ideas:detail (closed)": ("ideas:detail", Case("404 200 404 404 404 404 404", _idea("closed"))),
    "ideas:edit (closed)": ("ideas:edit", Case("login 403 404 404 404 404 404", _idea("closed"))),
    "ideas:interest (closed)": ("ideas:interest", Case("login 403 404 404 404 404 404", _idea("closed"))),
    "ideas:create (post)": ("ideas:create", Case(BAD_FORM, method="post")),
    "ideas:edit (post)": ("ideas:edit", Case("login 400 404 404 404 404 404", _idea(), "post")),
    "ideas:interest (post)": ("ideas:interest", Case("login 403 400 403 400 400 400", _idea(), "post")),
    "projects:idea_convert (post)": (
        "projects:idea_convert",
        Case("login 400 404 404 404 404 404", lambda w: {"idea_pk": w.ideas.idea.pk}, "post"),
    ),
    "projects:idea_convert (closed)": (
        "projects:idea_convert",
        Case("login 403 404 404 404 404 404", lambda w: {"idea_pk": w.ideas.closed.pk}),
    ),
}
