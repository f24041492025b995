"""Every staff URL × every kind of user, with real objects: who gets the page, a 403 with the reason, or a 404.

A staff URL missing from EXPECTED fails the test, so a new staff page cannot be added without deciding who sees it.
"""

import pytest
from django.urls import reverse

from programmes.models import Indicator
from projects.services.assessment import assessors_assign
from projects.urls_staff import urlpatterns
from tests.factories import CallFactory, UserFactory

pytestmark = pytest.mark.django_db
ACTORS = ["anonymous", "applicant", "other_staff", "assessor", "officer", "programme_manager", "superuser"]
#                   anon applicant other assessor officer manager superuser
VIEW = dict(zip(ACTORS, [302, 404, 404, 200, 200, 200, 200], strict=True))
EDIT = dict(zip(ACTORS, [302, 404, 404, 403, 200, 200, 200], strict=True))
NOT_CONTRACTED = dict(zip(ACTORS, [302, 404, 404, 403, 403, 403, 403], strict=True))
EXPECTED = {
    "home": dict(zip(ACTORS, [302, 404, 302, 302, 302, 302, 200], strict=True)),  # one programme: its dashboard
    "dashboard": VIEW,
    "calls": VIEW,
    "reports": VIEW,
    "call_new": EDIT,
    "call_edit": EDIT,
    "call_publish": dict(zip(ACTORS, [302, 404, 404, 403, 302, 302, 302], strict=True)),  # POST
    "applications": VIEW,
    "application": VIEW,
    "annex": VIEW,
    "eligibility": EDIT,
    "assessors": EDIT,
    "quality": dict(zip(ACTORS, [302, 404, 404, 200, 403, 403, 403], strict=True)),  # the assigned assessor only
    "decision": dict(zip(ACTORS, [302, 404, 404, 403, 403, 200, 200], strict=True)),
    "contract": EDIT,
    "call_setup": EDIT,
    "call_setup_funds": EDIT,
    "call_setup_form": EDIT,
    "call_setup_checklist": EDIT,
    "call_setup_criteria": EDIT,
    "indicators": VIEW,
    "translations": VIEW,
    "indicator_new": EDIT,
    "indicator_edit": EDIT,
    "concept": EDIT,  # the step-1 decision of a two-step call: managers and officers
    # POST: the assigned assessor, managers and officers comment on a section
    "section_comment": dict(zip(ACTORS, [302, 404, 404, 302, 302, 302, 302], strict=True)),
    # after the contract (helper A): office.project is only submitted, so staff who may edit get the reason
    "contract_edit": NOT_CONTRACTED,
    "contract_document_upload": NOT_CONTRACTED,  # POST
    "contract_document": VIEW,
    "contract_document_delete": NOT_CONTRACTED,  # POST
    "schedule": NOT_CONTRACTED,
    "controllers": NOT_CONTRACTED,
    "controller_remove": dict(zip(ACTORS, [302, 404, 404, 403, 403, 302, 302], strict=True)),  # POST, managers
    # closure (issue 19): closing for managers and officers, reopening for managers (test_closure_matrix: the rest)
    "close": EDIT,
    "reopen": dict(zip(ACTORS, [302, 404, 404, 403, 403, 200, 200], strict=True)),
}
# after the contract: verification, payments and the money overviews need a contracted project with reports, and
# their people include controllers and finance officers: tests/access/test_reporting_matrix.py walks them all
REPORTING = {"verifications", "verification", "verification_start", "verification_certificate", "verification_line"}
REPORTING |= {"verification_return", "verification_finalise", "payments", "payment", "payment_authorise"}
REPORTING |= {"payment_confirm", "money", "project_money"}
# modifications (issue 19) need a contracted project with a modification: tests/access/test_modification_matrix.py
REPORTING |= {"modifications", "modification", "modification_open", "modification_decline", "modification_return"}
REPORTING |= {"modification_approve", "modification_reject", "timeline"}
POST_ONLY = {"call_publish", "section_comment"}
POST_ONLY |= {"contract_document_upload", "contract_document_delete", "controller_remove"}


def _url(name: str, office, call) -> str:
    slug, project = office.programme.slug, office.project
    kwargs = {
        "home": {},
        "call_edit": {"slug": slug, "pk": call.pk},
        "call_publish": {"slug": slug, "pk": call.pk},
        "annex": {"slug": slug, "pk": project.pk, "annex_pk": office.annex.pk},
        "indicator_edit": {"slug": slug, "pk": office.programme.indicators.get(code="RCO 84").pk},
        "section_comment": {"slug": slug, "pk": project.pk, "section": "budget"},
    }.get(name)
    if name in ("contract_document", "contract_document_delete"):
        kwargs = {"slug": slug, "pk": project.pk, "document_pk": _contract_document(project).pk}
    if name == "controller_remove":
        kwargs = {"slug": slug, "pk": project.pk, "assignment_pk": _assignment(office).pk}
    if name.startswith("call_setup"):
        kwargs = {"slug": slug, "pk": call.pk}
    if kwargs is None:
        needs_pk = "<int:pk>" in next(str(p.pattern) for p in urlpatterns if p.name == name)
        kwargs = {"slug": slug, "pk": project.pk} if needs_pk else {"slug": slug}
    return reverse(f"staff:{name}", kwargs=kwargs)


def _contract_document(project):
    from django.core.files.base import ContentFile

    from projects.models import ContractDocument

    return ContractDocument.objects.filter(project=project).first() or ContractDocument.objects.create(
        project=project,
        kind="other",
        title="Draft contract",
        file=ContentFile(b"%PDF-1.4 draft", name="draft.pdf"),
        original_name="draft.pdf",
        content_type="application/pdf",
        size=14,
    )


def _assignment(office):
    from programmes.models import ProgrammeStaff
    from projects.models import ControllerAssignment

    if assignment := ControllerAssignment.objects.filter(programme=office.programme).first():
        return assignment
    controller = UserFactory()
    ProgrammeStaff.objects.create(programme=office.programme, user=controller, role="controller")
    return ControllerAssignment.objects.create(
        programme=office.programme, controller=controller, country=office.austria
    )


def test_every_staff_url_is_classified():
    assert {p.name for p in urlpatterns} == set(EXPECTED) | REPORTING
    assert not REPORTING & set(EXPECTED)


@pytest.mark.parametrize("actor", ACTORS)
def test_staff_url_matrix(client, office, actor):
    assessors_assign(project=office.project, by=office.officer, assessors=[office.assessor])
    call = CallFactory(programme=office.programme, is_published=False)
    Indicator.objects.create(
        programme=office.programme, code="RCO 84", name="Pilot actions", unit="pilots", kind="output"
    )
    users = {"applicant": office.manager, "superuser": UserFactory(is_staff=True, is_superuser=True)}
    user = users.get(actor) or getattr(office, actor, None)
    if user is not None:
        client.force_login(user)
    got = {}
    for name in EXPECTED:
        url = _url(name, office, call)
        response = client.post(url) if name in POST_ONLY else client.get(url)
        got[name] = response.status_code
    assert got == {name: statuses[actor] for name, statuses in EXPECTED.items()}


def test_a_refusal_says_which_role_may(client, office):
    client.force_login(office.assessor)
    response = client.get(reverse("staff:decision", args=[office.programme.slug, office.project.pk]))
    assert response.status_code == 403 and "programme manager" in response.content.decode()


def test_an_application_of_another_programme_is_404_even_under_ones_own_programme(client, office):
    from tests.factories import ProjectFactory

    foreign = ProjectFactory(programme=office.other_programme, status="submitted")
    client.force_login(office.programme_manager)
    assert client.get(reverse("staff:application", args=[office.programme.slug, foreign.pk])).status_code == 404
    assert client.get(reverse("staff:application", args=[office.other_programme.slug, foreign.pk])).status_code == 404
