"""Every admin URL × seven people, with a real object of programme A behind each object page.

Staff reach the admin with the demo's "Programme staff" group: they view the domain and manage events and calls,
and see only their own programmes' objects (programmes.admin_scope). Each registered model is classified below by
what staff may do with it; a model or admin URL without a class fails the test. Changelists are read too: the
object of programme A must be listed for exactly those who may open it.
"""

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from programmes.admin_scope import ProgrammeScopedAdmin

from .conftest import ACTORS, answer, outcome, sign_in, url_patterns

pytestmark = pytest.mark.django_db

ACTIONS = ("changelist", "add", "change", "history", "delete")
APPLICANTS = "login login login login"  # anonymous and the three applicants are not staff: sent to sign in
# per action: staff of the object's programme, staff of another programme, superuser
SUPERUSER_ONLY = dict.fromkeys(ACTIONS, "403 403 200")
VIEW = {"changelist": "200 200 200", "add": "403 403 200", "change": "200 200 200", "history": "200 200 200"}
VIEW |= {"delete": "403 403 200"}
VIEW_SCOPED = VIEW | {"change": "200 404 200", "history": "200 404 200"}  # another programme's object: 404
MANAGE = dict.fromkeys(ACTIONS, "200 200 200")
MANAGE_SCOPED = MANAGE | {"change": "200 404 200", "history": "200 404 200", "delete": "200 404 200"}
RECORD_SCOPED = VIEW_SCOPED | {"add": "403 403 403", "delete": "403 403 403"}  # written by the portal only
# an application's parts and its workflow's records: read-only once it left draft (programme A's is submitted)
WORKFLOW = RECORD_SCOPED
PORTAL_ADDS = VIEW_SCOPED | {"add": "403 403 403"}  # added by the portal only: status history, reminders, annexes
AUDIT = SUPERUSER_ONLY | {"add": "403 403 403", "change": "403 403 200", "delete": "403 403 403"}

MODELS = {
    "auth.group": SUPERUSER_ONLY,
    "account.emailaddress": SUPERUSER_ONLY,
    "mfa.authenticator": SUPERUSER_ONLY,
    "django_celery_beat.periodictask": SUPERUSER_ONLY,
    "django_celery_beat.clockedschedule": SUPERUSER_ONLY,
    "django_celery_beat.crontabschedule": SUPERUSER_ONLY,
    "django_celery_beat.solarschedule": SUPERUSER_ONLY,
    "django_celery_beat.intervalschedule": SUPERUSER_ONLY,
    "audit.auditentry": AUDIT,
    "accounts.user": SUPERUSER_ONLY,
    "notifications.notification": SUPERUSER_ONLY,
    "reports.report": SUPERUSER_ONLY | {"add": "403 403 403"},  # reports are asked for on the portal
    "programmes.country": VIEW,
    "programmes.nutsregion": VIEW,
    "programmes.legalstatus": VIEW,
    "programmes.programme": VIEW_SCOPED,
    "programmes.priority": VIEW_SCOPED,
    "programmes.specificobjective": VIEW_SCOPED,
    "programmes.call": MANAGE_SCOPED,
    "programmes.office": VIEW_SCOPED,
    "programmes.programmebody": VIEW_SCOPED,
    "programmes.programmefund": VIEW_SCOPED,
    "programmes.fundcommitment": VIEW_SCOPED,
    "programmes.calldocument": VIEW_SCOPED,
    "programmes.programmestaff": VIEW_SCOPED,
    "programmes.indicator": VIEW_SCOPED,
    # a call's setup rows: looked up here, changed only in their call's inlines (through the setup services)
    "programmes.callfund": RECORD_SCOPED,
    "programmes.calleligibilityitem": RECORD_SCOPED,
    "programmes.callcriterion": RECORD_SCOPED,
    "partnerships.organisation": VIEW,
    "partnerships.projectpartner": WORKFLOW,
    "partnerships.partnerinvitation": VIEW_SCOPED,
    "partnerships.partnerbankaccount": SUPERUSER_ONLY,  # on the portal, only those the policy allows
    "partnerships.programmemembership": VIEW_SCOPED,
    "partnerships.contactmessage": AUDIT,  # relayed messages (issue 21): superusers read them, the relay writes them
    "projects.project": VIEW_SCOPED,
    "projects.projectstatuschange": WORKFLOW,
    "projects.projectcollaborator": WORKFLOW,
    "projects.assessment": WORKFLOW,
    "projects.assessmentitem": WORKFLOW,
    "projects.decision": WORKFLOW,
    "projects.submission": RECORD_SCOPED,
    "projects.deadlinereminder": PORTAL_ADDS,
    "projects.annex": PORTAL_ADDS,
    # the application's content and budget: written by the workspace's services only, read here
    # after the contract: written by the reporting services only (statuses through their tables), read here
    "projects.projectcontract": RECORD_SCOPED,
    "projects.contractdocument": RECORD_SCOPED,
    "projects.projectmanagercontact": RECORD_SCOPED,
    "projects.reportingdeadline": RECORD_SCOPED,
    "projects.reportingreminder": RECORD_SCOPED,
    "projects.controllerassignment": RECORD_SCOPED,
    "projects.partnerreport": RECORD_SCOPED,
    "projects.reportprogress": RECORD_SCOPED,
    "projects.reportoutput": RECORD_SCOPED,
    "projects.expenditureline": RECORD_SCOPED,
    "projects.projectreport": RECORD_SCOPED,
    "projects.projectreportcertificate": RECORD_SCOPED,
    "projects.reportindicatorvalue": RECORD_SCOPED,
    "projects.clarification": RECORD_SCOPED,
    "projects.paymentclaim": RECORD_SCOPED,
    "projects.payment": RECORD_SCOPED,
    "projects.reportingstep": RECORD_SCOPED,
    "projects.reportamount": RECORD_SCOPED,  # the stored stage amounts of a submitted report (computed)
    "projects.projectdescription": RECORD_SCOPED,
    "projects.projectobjective": RECORD_SCOPED,
    "projects.targetgroup": RECORD_SCOPED,
    "projects.workpackage": RECORD_SCOPED,
    "projects.activity": RECORD_SCOPED,
    "projects.deliverable": RECORD_SCOPED,
    "projects.projectoutput": RECORD_SCOPED,
    "projects.projectresult": RECORD_SCOPED,
    "projects.sectionversion": RECORD_SCOPED,
    "projects.collaboratorinvitation": RECORD_SCOPED,
    "projects.sectioncomment": RECORD_SCOPED,
    # versions, modifications, reallocations and closure sections (issue 19): written by their services only
    "projects.applicationversion": RECORD_SCOPED,
    "projects.modification": RECORD_SCOPED,
    "projects.modificationstep": RECORD_SCOPED,
    "projects.budgetreallocation": RECORD_SCOPED,
    "projects.projectclosure": RECORD_SCOPED,
    "partnerships.partnerbudgetline": RECORD_SCOPED,
    "partnerships.partnerfund": RECORD_SCOPED,
    "partnerships.partnercontribution": RECORD_SCOPED,
    # the partner search (issue 21): written on the portal by its services only (status through its table)
    "partnerships.projectidea": RECORD_SCOPED,
    "partnerships.ideainterest": RECORD_SCOPED,
    "events.event": MANAGE,
    "events.topic": MANAGE,
    "events.audience": MANAGE,
    "events.session": MANAGE,
    "events.speaker": MANAGE,
    "events.registration": MANAGE_SCOPED,  # participants' data: the organising programme's staff only (404)
    "events.material": MANAGE,
    "events.libraryitem": MANAGE,  # the knowledge library: run by events' staff like the materials
}
# The admin's download of an object's file (core.admin_files), by the file's field: for exactly those who may open
# the object's change page (a read-only record's too).
FILES = {
    "projects.annex": "file",
    "projects.submission": "pdf",
    "programmes.calldocument": "file",
    "events.material": "file",
    "events.libraryitem": "file",
    "reports.report": "file",
    "projects.contractdocument": "file",
    "projects.partnerreport": "certificate",
    "projects.expenditureline": "attachment",
    "projects.projectclosure": "picture",
}
# admins scoped by a policy of their own app rather than ProgrammeScopedAdmin: the lookup to the programme of the
# object whose staff may see it (events.permissions: an event's registrants, for its organising programme's staff)
SCOPED_ELSEWHERE = {"events.registration": "event__organising_office__programme"}
STAFF_APPS = {"programmes", "partnerships", "projects", "events"}
SITE = {  # the admin site's own pages, for all seven people
    "admin:index": f"{APPLICANTS} 200 200 200",
    "admin:login": "login 403 403 403 302 302 302",  # through the portal's login; staff are sent on to the index
    "admin:logout": "302 302 302 302 405 405 405",  # POST only; anyone else is sent to the index
    "admin:password_change": f"{APPLICANTS} 200 200 200",
    "admin:password_change_done": f"{APPLICANTS} 200 200 200",
    "admin:autocomplete": f"{APPLICANTS} 403 403 403",  # without a field to complete
    "admin:jsi18n": f"{APPLICANTS} 200 200 200",
    "admin:auth_user_password_change": f"{APPLICANTS} 403 403 200",
    "admin:view_on_site": f"{APPLICANTS} 404 404 404",  # no model has a public page of its own
}


def sample(model, world):
    """The object behind the object pages: programme A's, for programme-bound models."""
    model_admin = admin.site._registry[model]
    objects = model._default_manager.order_by("pk")
    if isinstance(model_admin, ProgrammeScopedAdmin) or model._meta.label_lower in SCOPED_ELSEWHERE:
        path = SCOPED_ELSEWHERE.get(model._meta.label_lower) or model_admin.programme_path or "pk"
        objects = objects.filter(**{path: world.programme.pk})
    found = objects.first()
    assert found is not None, f"the matrix world needs an object of {model._meta.label}"
    return found


def _site_args(name: str, world) -> list:
    if name == "admin:auth_user_password_change":
        return [world.manager.pk]
    if name == "admin:view_on_site":
        return [ContentType.objects.get_for_model(world.project).pk, world.project.pk]
    return []


def _model_request(model, action: str, world):
    obj = sample(model, world)
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}"
    url = reverse(name, args=[obj.pk] if action in ("change", "history", "delete") else [])
    scoped = (
        isinstance(admin.site._registry[model], ProgrammeScopedAdmin) or model._meta.label_lower in SCOPED_ELSEWHERE
    )
    listed = obj if action == "changelist" and scoped else None
    return name, url, f"{APPLICANTS} {MODELS[model._meta.label_lower][action]}", listed


def _file_request(model, world):
    obj = sample(model, world)
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_file"
    url = reverse(name, args=[obj.pk, FILES[model._meta.label_lower]])
    return name, url, f"{APPLICANTS} {MODELS[model._meta.label_lower]['change']}", None


def admin_requests(world):
    """(pattern, URL to ask, expected answers of the seven, programme A's object if a changelist lists it)."""
    models = admin.site._registry
    by_name = {f"admin:{m._meta.app_label}_{m._meta.model_name}_{a}": (m, a) for m in models for a in ACTIONS}
    files = {f"admin:{m._meta.app_label}_{m._meta.model_name}_file": m for m in models if m._meta.label_lower in FILES}
    for name, route in url_patterns():
        if not route.startswith("admin/"):
            continue
        if name in by_name:
            yield _model_request(*by_name[name], world)
        elif name in files:
            yield _file_request(files[name], world)
        elif name in SITE:
            yield name, reverse(name, args=_site_args(name, world)), SITE[name], None
        elif name == "admin:app_list":
            for label in sorted({m._meta.app_label for m in models}):
                expected = f"{APPLICANTS} " + ("200 200 200" if label in STAFF_APPS else "404 404 200")
                yield f"{name}[{label}]", reverse(name, args=[label]), expected, None
        elif name is None and route.endswith("<path:object_id>/"):  # an old object URL: sent to its change page
            url = "/" + route.replace("<path:object_id>", str(world.public.project.pk))
            yield route, url, f"{APPLICANTS} 302 302 302", None
        elif name is None and route == "admin/(?P<url>.*)$":
            yield route, "/admin/no-such-page/", f"{APPLICANTS} 404 404 404", None
        else:
            pytest.fail(f"admin URL {name} ({route}) is not classified: who may see it?")


def test_every_admin_model_is_classified():
    assert {m._meta.label_lower for m in admin.site._registry} == set(MODELS)


@pytest.mark.usefixtures("templates_rendered_plainly")
@pytest.mark.parametrize("actor", ACTORS)
def test_admin_url_matrix(client, world, actor):
    sign_in(client, world, actor)
    differ, leaks = {}, {}
    for name, url, expected, listed in admin_requests(world):
        want = answer(expected, actor)
        response = client.get(url)
        if (got := outcome(response)) != want:
            differ[name] = f"got {got}, expected {want}"
        elif listed is not None and got == "200":
            change_url = reverse(name.replace("_changelist", "_change"), args=[listed.pk])
            shown = change_url in response.content.decode()
            if shown != (actor != "other_staff"):
                leaks[name] = "lists programme A's object" if shown else "does not list programme A's object"
    assert not differ, f"{actor}, answers that differ:\n" + "\n".join(f"{k}: {v}" for k, v in differ.items())
    assert not leaks, f"{actor}, changelists:\n" + "\n".join(f"{k}: {v}" for k, v in leaks.items())


def test_staff_cannot_choose_another_programme_in_an_admin_form(client, world):
    """The add form of a call offers only the staff member's own programmes: none of programme A for B's staff."""
    calls = world.programme.calls.count()
    client.force_login(world.other_staff)
    form = client.get(reverse("admin:programmes_call_add")).context["adminform"].form
    assert list(form.fields["programme"].queryset) == [world.other_programme]
    response = client.post(reverse("admin:programmes_call_add"), {"programme": world.programme.pk, "title_en": "Mine"})
    assert response.status_code == 200 and "programme" in response.context["adminform"].form.errors
    assert world.programme.calls.count() == calls


@pytest.mark.parametrize("actor", ["staff", "superuser"])
def test_a_draft_is_not_in_the_admin_for_staff(client, world, actor):
    """Drafts belong to their applicants: the admin follows the staff pages' policy, for the draft and its parts."""
    sign_in(client, world, actor)
    draft = world.draft
    pages = {
        "projects_project": draft.project.pk,
        "partnerships_projectpartner": draft.partner.pk,
        "partnerships_partnerinvitation": draft.invitation.pk,
        "projects_projectcollaborator": draft.contact.pk,
        "projects_annex": draft.annex.pk,
    }
    answers = {name: client.get(reverse(f"admin:{name}_change", args=[pk])).status_code for name, pk in pages.items()}
    assert set(answers.values()) == {404}, answers
    listed = client.get(reverse("admin:projects_project_changelist")).content.decode()
    assert draft.project.acronym not in listed and world.project.acronym in listed
