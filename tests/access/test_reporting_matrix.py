"""After the contract (issue 18): every reporting URL × the twelve people of reporting.

The URL patterns come from the resolver, by the module of their view: a reporting URL without a case here fails the
test, so a new page cannot be added without deciding who may see it. The people are those of the access world
(`world.reporting` on the contracted project SIGNED-AIR) plus the reporting roles: the assigned controller, a
controller of the programme not assigned to it, a finance officer, the programme's officer and manager, an assessor.
POSTs are sent empty and rolled back (test_url_matrix.ask), so every person meets the same world.

The rules the answers follow:
- a controller sees only the partner reports they control (the other controller: 404), never an application;
- finance and the programme's officers and managers see submitted reports and the money, never a partner's draft;
- applicants see only their own project (another applicant: 404), the partner contact only its partner's reports;
- staff of another programme: 404; anonymous people are sent to the login page (public pages excepted).
"""

import pytest

from programmes.choices import StaffRole
from programmes.models import ProgrammeStaff
from tests.factories import UserFactory

from .test_url_matrix import CASES, Case, ask

pytestmark = pytest.mark.django_db

# the modules whose views issue 18 added
REPORTING_MODULES = {
    "projects.views.partner_reports",
    "projects.views.control",
    "projects.views.money",
    "projects.views.operations",
    "projects.views.staff.money",
    "projects.views.contract",
    "projects.views.staff.contract",
    "projects.views.project_reports",
    "projects.views.staff.verification",
    "projects.views.staff.payments",
}

PEOPLE = [
    "anonymous",
    "manager",  # the project's manager (the lead partner's side)
    "partner",  # the contact of the partner whose report `world.reporting.report` is
    "other_applicant",
    "controller",  # assigned to both partners of SIGNED-AIR (and to Austria)
    "other_controller",  # a controller of programme A assigned to nothing
    "finance",
    "officer",
    "programme_manager",
    "assessor",
    "other_staff",  # a manager of programme B
    "superuser",
]


def reporting_url_names() -> set[str]:
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                module = getattr(pattern.callback, "view_class", pattern.callback).__module__
                name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
                yield name, module

    return {name for name, module in walk(get_resolver().url_patterns) if module in REPORTING_MODULES}


def people(world) -> dict:
    if not hasattr(world, "reporting_people"):
        other_controller = UserFactory()
        ProgrammeStaff.objects.create(programme=world.programme, user=other_controller, role=StaffRole.CONTROLLER)
        world.reporting_people = {
            "anonymous": None,
            "manager": world.manager,
            "partner": world.partner_user,
            "other_applicant": world.people["other_applicant"],
            "controller": world.reporting.controller,
            "other_controller": other_controller,
            "finance": world.reporting.finance,
            "officer": world.officer,
            "programme_manager": world.programme_manager,
            "assessor": world.assessor,
            "other_staff": world.other_staff,
            "superuser": world.people["superuser"],
        }
    return world.reporting_people


# Answers in the order of PEOPLE:
#          anon  mgr  partner other ctrl octrl fin  officer pm  assessor ostaff super
PUBLIC = "200 200 200 200 200 200 200 200 200 200 200 200"
# the applicant side of partner reports: the partner's contact and the project's managers, not even superusers
PARTNER_SIDE = "login 200 200 404 404 404 404 404 404 404 404 404"
# first-level control: only the report's controller (not another controller, not the superuser)
CONTROLLER_GET = "login 404 404 404 200 404 404 404 404 404 404 404"
CONTROLLER_STEP = "login 404 404 404 302 404 404 404 404 404 404 404"  # a step refused with a message, back
CONTROLLER_FORM = "login 404 404 404 400 404 404 404 404 404 404 404"  # the empty form's errors
# the programme's money: finance, officers and managers (and superusers); no controller, assessor, other programme
MONEY_STAFF = "login 404 404 404 404 404 200 200 200 404 404 200"
VERIFY_FORM = "login 404 404 404 404 404 403 400 400 404 404 400"  # officers' empty forms; finance may not verify
EXPECTED: dict[str, str] = {
    # partner reports, applicant side (`report` is the partner's submitted report, `lead_report` the lead's draft)
    "projects:partner_reports": PARTNER_SIDE,
    "projects:partner_report_new": "login 400 400 404 404 404 404 404 404 404 404 404",
    "projects:partner_report_template": PARTNER_SIDE,
    "projects:partner_report": PARTNER_SIDE,
    "projects:partner_report_progress": PARTNER_SIDE,
    "projects:partner_report_outputs": PARTNER_SIDE,
    "projects:partner_report_lines": PARTNER_SIDE,
    "projects:partner_report_line": PARTNER_SIDE,
    "projects:partner_report_line_attachment": PARTNER_SIDE,
    "projects:partner_report_import": PARTNER_SIDE,
    "projects:partner_report_overview": PARTNER_SIDE,
    # the lead partner's draft: the partner contact does not see it
    "projects:partner_report_line_add": "login 200 404 404 404 404 404 404 404 404 404 404",
    "projects:partner_report_submit": "login 400 404 404 404 404 404 404 404 404 404 404",
    # the submitted report's line: visible, not changeable (403 with the reason)
    "projects:partner_report_line_delete": "login 403 403 404 404 404 404 404 404 404 404 404",
    # first-level control of the partner's submitted report
    "control:workspace": CONTROLLER_GET,
    "control:report": CONTROLLER_GET,
    "control:start": CONTROLLER_STEP,
    "control:certify_remaining": CONTROLLER_STEP,
    "control:finalise": CONTROLLER_STEP,
    "control:confirm": CONTROLLER_STEP,
    "control:line": CONTROLLER_FORM,
    "control:checklist": CONTROLLER_FORM,
    "control:reopen": CONTROLLER_FORM,
    "control:send_back": CONTROLLER_FORM,
    # the certificate of the lead partner's certified report: whoever sees that report (not the other partner's
    # contact, not the controller of other partners, not assessors)
    "projects:control_certificate": "login 200 404 404 200 404 200 200 200 404 404 200",
    # money at a glance: the project's managers on their side, the money staff on theirs
    "projects:money": "login 200 404 404 404 404 404 404 404 404 404 200",
    "staff:money": MONEY_STAFF,
    "staff:project_money": MONEY_STAFF,
    # project reports (the world's is submitted): the project's collaborators read them and their payments; the
    # managers act (an empty answer: 400; a submitted report cannot be submitted again: back with a message)
    "projects:project_reports": PARTNER_SIDE,
    "projects:project_report": "login 200 404 404 404 404 404 404 404 404 404 404",  # the lead partner's
    "projects:project_payments": PARTNER_SIDE,
    "projects:project_report_submit": "login 302 404 404 404 404 404 404 404 404 404 404",
    "projects:project_report_answer": "login 400 404 404 404 404 404 404 404 404 404 404",
    # verification: the programme's officers and managers act; finance sees it (403 with the reason when acting)
    "staff:verifications": MONEY_STAFF,
    "staff:verification": MONEY_STAFF,
    "staff:verification_start": "login 404 404 404 404 404 403 302 302 404 404 302",
    "staff:verification_certificate": VERIFY_FORM,
    "staff:verification_line": VERIFY_FORM,
    "staff:verification_return": VERIFY_FORM,
    "staff:verification_finalise": VERIFY_FORM,
    # payments: finance authorises; finance or a manager confirms (the superuser acts as a manager)
    "staff:payments": MONEY_STAFF,
    "staff:payment": MONEY_STAFF,
    "staff:payment_authorise": "login 404 404 404 404 404 400 403 403 404 404 403",
    "staff:payment_confirm": "login 404 404 404 404 404 400 403 400 404 404 400",
    # the contract (staff edit it; the project's collaborators read it) and bank details (the partner's own page)
    "projects:contract": PARTNER_SIDE,
    "projects:contract_document": PARTNER_SIDE,
    "projects:bank_details": PARTNER_SIDE,
    "staff:contract_edit": "login 404 404 404 404 404 403 200 200 403 404 200",
    "staff:schedule": "login 404 404 404 404 404 403 200 200 403 404 200",
    "staff:contract_document_upload": "login 404 404 404 404 404 403 400 400 403 404 400",
    "staff:contract_document_delete": "login 404 404 404 404 404 403 302 302 403 404 302",
    # every programme staff member who sees the project may download its contract documents (assessors too)
    "staff:contract_document": "login 404 404 404 404 404 200 200 200 200 404 200",
    # controllers are assigned by the programme's managers
    "staff:controllers": "login 404 404 404 404 404 403 403 200 403 404 200",
    "staff:controller_remove": "login 404 404 404 404 404 403 403 302 403 404 302",
    # the list of operations is published
    "database:operations": PUBLIC,
    "database:operations_csv": PUBLIC,
    "database:operations_programme": PUBLIC,
    "database:operations_programme_csv": PUBLIC,
}


def _lead_draft(w) -> dict:
    return {"report_pk": w.reporting.lead_report.pk}


def _draft_project_report(w) -> dict:
    """A draft project report of period 2 (made on first use): nobody but the project's collaborators sees it."""
    from projects.models import ProjectReport

    report, _created = ProjectReport.objects.get_or_create(project=w.reporting.project, period=2, number=2)
    return {"slug": w.programme.slug, "pk": report.pk}


def _partner_draft(w) -> dict:
    return {"pk": w.reporting.project.pk, "report_pk": w.reporting.lead_report.pk}


# The same URLs on other objects: a draft is nobody's but its writers' (no controller, no finance, no staff).
MORE: dict[str, tuple[str, Case, str]] = {
    "control:report (a draft)": (
        "control:report",
        Case("", _lead_draft),
        "login 404 404 404 404 404 404 404 404 404 404 404",
    ),
    "control:start (a draft)": (
        "control:start",
        Case("", _lead_draft, "post"),
        "login 404 404 404 404 404 404 404 404 404 404 404",
    ),
    "staff:verification (a draft)": (
        "staff:verification",
        Case("", _draft_project_report),
        "login 404 404 404 404 404 404 404 404 404 404 200",
    ),
    "projects:partner_report (the lead's draft)": (
        "projects:partner_report",
        Case("", _partner_draft),
        "login 200 404 404 404 404 404 404 404 404 404 404",
    ),
}


def test_every_reporting_url_has_a_row():
    names = reporting_url_names()
    assert len(names) > 20
    assert names - set(EXPECTED) == set(), "add the new reporting URL to EXPECTED: who may see it?"
    assert set(EXPECTED) - names == set(), "EXPECTED names a URL that no longer exists"


def rows() -> list[tuple[str, str, Case, str | None]]:
    """(label, URL name, case, expected row): every reporting URL with its case of test_url_matrix, and MORE."""
    found = [(name, name, CASES[name], EXPECTED.get(name)) for name in sorted(reporting_url_names())]
    return found + [(label, name, case, expected) for label, (name, case, expected) in MORE.items()]


def assert_matrix(client, world, rows: list[tuple[str, str, Case, str]]) -> None:
    """Every row (label, URL name, case, expected answers in the order of PEOPLE) asked by every person of PEOPLE;
    the rows whose answers differ are listed, each with what it got and what was expected. The reporting matrix and
    those of issue 19 (modifications, versions, reallocations, closure, timeline) walk their rows with it."""
    everyone = people(world)
    got: dict[str, list[str]] = {}
    for person in PEOPLE:
        client.logout()
        if everyone[person] is not None:
            client.force_login(everyone[person])
        for label, name, case, _expected in rows:
            got.setdefault(label, []).append(ask(client, name, case, world))
    expected = {label: row for label, _name, _case, row in rows}
    answers = {label: " ".join(found) for label, found in got.items()}
    differ = {
        label: f"got      {answers[label]}\n  expected {expected[label]}"
        for label in answers
        if answers[label] != expected[label]
    }
    assert not differ, "answers that differ from EXPECTED:\n" + "\n".join(f"{k}:\n  {v}" for k, v in differ.items())


def test_reporting_url_matrix(client, world):
    assert_matrix(client, world, rows())
