"""The modification pages: the applicants ask, follow, submit and withdraw; staff open, decline, return, approve
and reject; who may see and do what; the banner on the workspace while a draft is open; constant query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes.models import ProgrammeStaff, StaffRole
from projects.models import ApplicationVersion, Modification, ModificationStep, Project
from projects.modification_workflow import ModificationStatus
from projects.versions import version_in_force
from tests.factories import ProgrammeFactory, UserFactory

from .helpers import opened, requested, submitted, today

S = ModificationStatus


def applicant_url(name: str, modification) -> str:
    return reverse(f"projects:{name}", args=[modification.project_id, modification.pk])


def staff_url(name: str, world, modification) -> str:
    return reverse(f"staff:{name}", args=[world.programme.slug, world.project.pk, modification.pk])


def page(response) -> str:
    return response.content.decode()


# --- the applicants' side ----------------------------------------------------------------------------------------


def test_the_overview_shows_the_version_in_force_and_lets_managers_ask(client, in_force):
    client.force_login(in_force.manager)
    detail = page(client.get(reverse("projects:detail", args=[in_force.project.pk])))
    assert "Version 1 of the application is in force from" in detail
    assert 'action="{}"'.format(reverse("projects:modifications", args=[in_force.project.pk])) in detail
    client.force_login(in_force.partner_user)  # a viewer: no form, the reason instead
    detail = page(client.get(reverse("projects:detail", args=[in_force.project.pk])))
    assert "Version 1 of the application" in detail and "Only the application&#x27;s managers" in detail
    assert 'name="reason"' not in detail


def test_a_manager_asks_for_a_modification_from_the_page(client, in_force):
    client.force_login(in_force.manager)
    url = reverse("projects:modifications", args=[in_force.project.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400 and "Say what you want to change and why." in page(response)
    response = client.post(url, {"reason": "x" * 5001})
    assert response.status_code == 400 and not Modification.objects.exists()
    response = client.post(url, {"reason": "PP3 joins; staff costs move to WP2."})
    modification = Modification.objects.get()
    assert response.status_code == 302 and response["Location"] == applicant_url("modification", modification)
    again = client.post(url, {"reason": "Another one."})
    assert again.status_code == 400 and "already under way" in page(again)
    shown = page(client.get(applicant_url("modification", modification)))
    assert "PP3 joins; staff costs move to WP2." in shown and "Programme staff decide whether to open it" in shown


def test_viewers_cannot_ask_and_strangers_see_nothing(client, in_force):
    url = reverse("projects:modifications", args=[in_force.project.pk])
    client.force_login(in_force.partner_user)
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "Please."})
    assert response.status_code == 403 and not Modification.objects.exists()
    modification = requested(in_force)
    for stranger in (UserFactory(), in_force.staff, in_force.controller):  # not collaborators: as if absent
        client.force_login(stranger)
        assert client.get(url).status_code == 404
        assert client.get(applicant_url("modification", modification)).status_code == 404
        assert client.post(applicant_url("modification_submit", modification), {"confirm": "on"}).status_code == 404


def test_while_open_the_workspace_says_which_draft_is_edited(client, in_force):
    client.force_login(in_force.manager)
    identification = reverse("projects:identification", args=[in_force.project.pk])
    assert "modification-banner" not in page(client.get(identification))
    modification = opened(in_force)
    banner = "Modification 1 is open: you are editing the draft of version 2; reporting continues on version 1."
    for name in ("identification", "partners", "budget", "check", "detail"):
        shown = page(client.get(reverse(f"projects:{name}", args=[in_force.project.pk])))
        assert banner in shown, name
        assert applicant_url("modification", modification) in shown
    response = client.post(
        identification,
        {"acronym": in_force.project.acronym, "title": "Changed in the draft", "summary": "S", "version": 1}
        | {"specific_objective": in_force.objective.pk, "duration_months": 30},
    )
    assert response.status_code in (200, 302)  # the form is editable again: no 403


def test_submit_asks_for_confirmation_and_a_second_click_changes_nothing(client, in_force):
    modification = opened(in_force)
    client.force_login(in_force.manager)
    shown = page(client.get(applicant_url("modification", modification)))
    assert 'id="all-clear"' in shown and "Submit the modification" in shown
    response = client.post(applicant_url("modification_submit", modification), {})
    assert response.status_code == 400 and "Tick the box" in page(response)
    response = client.post(applicant_url("modification_submit", modification), {"confirm": "on"})
    assert response.status_code == 302
    assert Modification.objects.get(pk=modification.pk).status == S.SUBMITTED
    response = client.post(applicant_url("modification_submit", modification), {"confirm": "on"}, follow=True)
    assert "already submitted; nothing was changed" in page(response)
    assert ModificationStep.objects.filter(modification=modification, to_status=S.SUBMITTED).count() == 1


def test_an_incomplete_draft_shows_its_checklist_and_is_not_submitted(client, in_force):
    modification = opened(in_force)
    Project.objects.filter(pk=in_force.project.pk).update(title="")
    client.force_login(in_force.manager)
    shown = page(client.get(applicant_url("modification", modification)))
    assert 'id="problems"' in shown and "Give the project a title." in shown
    response = client.post(applicant_url("modification_submit", modification), {"confirm": "on"}, follow=True)
    assert "cannot be submitted yet" in page(response)
    assert Modification.objects.get(pk=modification.pk).status == S.OPEN


def test_withdrawing_puts_the_application_back(client, in_force):
    modification = opened(in_force)
    Project.objects.filter(pk=in_force.project.pk).update(title="Changed in the draft")
    client.force_login(in_force.partner_user)  # a viewer may not
    assert client.post(applicant_url("modification_withdraw", modification)).status_code == 403
    client.force_login(in_force.manager)
    response = client.post(applicant_url("modification_withdraw", modification), {"note": "Not now."})
    assert response.status_code == 302
    project = Project.objects.get(pk=in_force.project.pk)
    assert project.title == in_force.v1.rows["identification"]["title"] and not project.modification_open
    assert Modification.objects.get(pk=modification.pk).status == S.WITHDRAWN
    again = client.post(applicant_url("modification_withdraw", modification), follow=True)
    assert "cannot go from" in page(again)


# --- the staff's side --------------------------------------------------------------------------------------------


def test_staff_open_or_decline_a_request(client, in_force):
    modification = requested(in_force)
    client.force_login(in_force.staff)
    shown = page(client.get(staff_url("modification", in_force, modification)))
    assert 'id="form-open"' in shown and 'id="form-decline"' in shown and 'id="form-approve"' not in shown
    response = client.post(staff_url("modification_decline", in_force, modification), {"decline-note": ""})
    assert response.status_code == 400 and "Say why the modification is not opened." in page(response)
    response = client.post(staff_url("modification_open", in_force, modification), {"open-note": "Go ahead."})
    assert response.status_code == 302
    modification.refresh_from_db()
    assert modification.status == S.OPEN and modification.base_version == in_force.v1
    assert Project.objects.get(pk=in_force.project.pk).modification_open


def test_staff_approve_with_dates_or_reject_or_send_back(client, in_force):
    modification = submitted(in_force)
    client.force_login(in_force.staff)
    shown = page(client.get(staff_url("modification", in_force, modification)))
    assert all(f'id="form-{key}"' in shown for key in ("approve", "reject", "return"))
    approve = staff_url("modification_approve", in_force, modification)
    day = today()
    bad = {"approve-decision_date": day, "approve-entry_into_force": day - timedelta(days=1)}
    response = client.post(approve, bad)
    assert response.status_code == 400 and "cannot come into force before it was decided" in page(response)
    future = {"approve-decision_date": day + timedelta(days=1), "approve-entry_into_force": day + timedelta(days=2)}
    response = client.post(approve, future)
    assert response.status_code == 400 and "cannot be in the future" in page(response)
    response = client.post(staff_url("modification_return", in_force, modification), {"return-note": "More on WP2."})
    assert response.status_code == 302 and Modification.objects.get(pk=modification.pk).status == S.OPEN
    client.force_login(in_force.manager)
    client.post(applicant_url("modification_submit", modification), {"confirm": "on"})
    client.force_login(in_force.staff)
    response = client.post(approve, {"approve-decision_date": day, "approve-entry_into_force": day})
    assert response.status_code == 302
    assert version_in_force(in_force.project).number == 2
    assert Modification.objects.get(pk=modification.pk).status == S.APPROVED
    shown = page(client.get(staff_url("modification", in_force, modification)))
    assert "version 2, in force from" in shown and "this modification is finished" in shown


def test_staff_reject_needs_a_date_and_a_reason(client, in_force):
    modification = submitted(in_force)
    client.force_login(in_force.programme_manager)
    reject = staff_url("modification_reject", in_force, modification)
    response = client.post(reject, {"reject-decision_date": today()})
    assert response.status_code == 400 and "Say why the modification is rejected." in page(response)
    response = client.post(reject, {"reject-decision_date": today(), "reject-note": "Out of scope."})
    assert response.status_code == 302
    assert Modification.objects.get(pk=modification.pk).status == S.REJECTED
    assert ApplicationVersion.objects.filter(project=in_force.project).count() == 1


def test_staff_without_the_right_read_but_may_not_act_and_controllers_see_nothing(client, in_force):
    modification = submitted(in_force)
    assessor = UserFactory()
    ProgrammeStaff.objects.create(programme=in_force.programme, user=assessor, role=StaffRole.ASSESSOR)
    approve = staff_url("modification_approve", in_force, modification)
    data = {"approve-decision_date": today(), "approve-entry_into_force": today()}
    for reader in (in_force.finance, assessor):
        client.force_login(reader)
        shown = page(client.get(staff_url("modification", in_force, modification)))
        assert "Only a programme manager or programme officer" in shown and 'id="form-approve"' not in shown
        response = client.post(approve, data)
        assert response.status_code == 403 and "programme manager or programme officer" in page(response)
        assert client.get(reverse("staff:modifications", args=[in_force.programme.slug])).status_code == 200
    other_programme = UserFactory()
    ProgrammeStaff.objects.create(programme=ProgrammeFactory(), user=other_programme, role=StaffRole.MANAGER)
    for outsider in (in_force.controller, other_programme, in_force.manager):
        client.force_login(outsider)
        assert client.get(staff_url("modification", in_force, modification)).status_code == 404
        assert client.post(approve, data).status_code == 404
        assert client.get(reverse("staff:modifications", args=[in_force.programme.slug])).status_code == 404
    assert Modification.objects.get(pk=modification.pk).status == S.SUBMITTED


def test_the_programme_list_shows_what_awaits_the_programme(client, in_force):
    modification = requested(in_force)
    client.force_login(in_force.staff)
    shown = page(client.get(reverse("staff:modifications", args=[in_force.programme.slug])))
    awaiting = shown.split('id="awaiting-heading"')[1].split('id="open-heading"')[0]
    assert staff_url("modification", in_force, modification) in awaiting
    staff_page = page(client.get(reverse("staff:application", args=[in_force.programme.slug, in_force.project.pk])))
    assert staff_url("modification", in_force, modification) in staff_page


# --- constant query counts ---------------------------------------------------------------------------------------


def _past_modifications(world, count: int) -> None:
    """`count` finished modifications, each with a history of two steps (made directly: only their number counts)."""
    start = Modification.objects.filter(project=world.project).count()
    for number in range(start + 1, start + count + 1):
        modification = Modification.objects.create(
            project=world.project, number=number, status=S.DECLINED, reason="Old.", requested_by=world.manager
        )
        ModificationStep.objects.create(modification=modification, to_status=S.REQUESTED, by=world.manager)
        ModificationStep.objects.create(
            modification=modification, from_status=S.REQUESTED, to_status=S.DECLINED, by=world.staff, note="No."
        )


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


@pytest.mark.usefixtures("templates_rendered_plainly")
def test_every_page_has_a_constant_number_of_queries(client, in_force, django_assert_max_num_queries):
    _past_modifications(in_force, 1)
    modification = opened(in_force)
    applicant = [
        reverse("projects:detail", args=[in_force.project.pk]),
        reverse("projects:modifications", args=[in_force.project.pk]),
        applicant_url("modification", modification),
        reverse("projects:partner_withdraw", args=[in_force.project.pk, in_force.partner.pk]),
    ]
    staff = [
        reverse("staff:modifications", args=[in_force.programme.slug]),
        staff_url("modification", in_force, modification),
        staff_url("modification", in_force, Modification.objects.get(number=1)),
    ]
    client.force_login(in_force.manager)
    few = {url: _queries(client, url) for url in applicant}
    client.force_login(in_force.staff)
    few |= {url: _queries(client, url) for url in staff}
    _past_modifications(in_force, 12)
    for number in range(8):  # a long history of the open one: returned and resubmitted
        ModificationStep.objects.create(modification=modification, to_status=S.OPEN, by=in_force.staff, note=number)
    client.force_login(in_force.manager)
    many = {url: _queries(client, url) for url in applicant}
    client.force_login(in_force.staff)
    many |= {url: _queries(client, url) for url in staff}
    assert many == few
    for url in staff:  # session, user, second factor, programme and role; the project, the modification, steps
        with django_assert_max_num_queries(10):
            client.get(url)
    client.force_login(in_force.manager)
    for url in applicant:  # the workspace's checklist reads the application in a fixed number of queries
        with django_assert_max_num_queries(18):
            client.get(url)
