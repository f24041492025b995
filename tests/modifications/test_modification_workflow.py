"""The modification workflow: every step of the table through the one writer and through each service, both sides
told and the audit trail written at each step, and the bad input of issue 19 refused with its reason."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.urls import reverse

from interact_portal.audit.models import AuditEntry
from interact_portal.notifications.models import Notification
from partnerships.models import PartnerBudgetLine
from projects.answers import application_answers
from projects.models import ApplicationVersion, Modification, ModificationStep, Project, TargetGroup
from projects.modification_workflow import ACTIVE, MODIFICATION_TRANSITIONS, ModificationStatus, can_step
from projects.services.modifications import (
    REASON_LIMIT,
    ModificationIncomplete,
    modification_approve,
    modification_decline,
    modification_open,
    modification_reject,
    modification_request,
    modification_return,
    modification_step,
    modification_submit,
    modification_withdraw,
)
from projects.snapshot import _jsonable
from projects.versions import _json, live_rows, version_in_force
from projects.workflow import Status, is_editable
from tests.factories import UserFactory

from .helpers import in_status, opened, requested, submitted, today, tomorrow

S = ModificationStatus
ALL = list(ModificationStatus)


def test_the_table_allows_exactly_these_steps():
    allowed = {(a, b) for a in ALL for b in ALL if can_step(a, b)}
    assert allowed == {
        (S.REQUESTED, S.OPEN),
        (S.REQUESTED, S.DECLINED),
        (S.OPEN, S.SUBMITTED),
        (S.OPEN, S.WITHDRAWN),
        (S.SUBMITTED, S.OPEN),
        (S.SUBMITTED, S.APPROVED),
        (S.SUBMITTED, S.REJECTED),
    }
    assert set(MODIFICATION_TRANSITIONS) == set(ALL)


@pytest.mark.parametrize("current", ALL)
def test_the_writer_takes_every_allowed_step_and_refuses_every_other(in_force, current):
    for target in ALL:
        with transaction.atomic():
            project = Project.objects.get(pk=in_force.project.pk)
            modification = Modification.objects.create(project=project, number=1, status=current, reason="Why")
            if can_step(current, target):
                modification_step(modification=modification, project=project, to=target, by=in_force.staff)
                assert Modification.objects.get(pk=modification.pk).status == target
                step = ModificationStep.objects.get(modification=modification)
                assert (step.from_status, step.to_status) == (current, target)
                assert Project.objects.get(pk=project.pk).modification_open == (target == S.OPEN)
            else:
                with pytest.raises(ValidationError, match="cannot go from"):
                    modification_step(modification=modification, project=project, to=target, by=in_force.staff)
                assert Modification.objects.get(pk=modification.pk).status == current
                assert not ModificationStep.objects.filter(modification=modification).exists()
            transaction.set_rollback(True)


def _approve(w, m):
    return modification_approve(modification=m, by=w.staff, decision_date=today(), entry_into_force=today())


# each service, the statuses it acts from, and the status it leaves (submit: a second click on a submitted one
# changes nothing)
SERVICES = {
    "open": (lambda w, m: modification_open(modification=m, by=w.staff), {S.REQUESTED: S.OPEN}),
    "decline": (
        lambda w, m: modification_decline(modification=m, by=w.staff, note="Not now."),
        {S.REQUESTED: S.DECLINED},
    ),
    "return": (lambda w, m: modification_return(modification=m, by=w.staff, note="Fix WP2."), {S.SUBMITTED: S.OPEN}),
    "submit": (
        lambda w, m: modification_submit(modification=m, by=w.manager)[0],
        {S.OPEN: S.SUBMITTED, S.SUBMITTED: S.SUBMITTED},
    ),
    "withdraw": (lambda w, m: modification_withdraw(modification=m, by=w.manager), {S.OPEN: S.WITHDRAWN}),
    "approve": (_approve, {S.SUBMITTED: S.APPROVED}),
    "reject": (
        lambda w, m: modification_reject(modification=m, by=w.staff, decision_date=today(), note="No."),
        {S.SUBMITTED: S.REJECTED},
    ),
}


@pytest.mark.parametrize("service", SERVICES)
def test_each_service_acts_only_from_its_statuses(in_force, service):
    act, allowed = SERVICES[service]
    for status in ALL:
        with transaction.atomic():
            modification = in_status(in_force, status)
            steps = modification.steps.count()
            if status in allowed:
                assert act(in_force, modification).status == allowed[status]
                assert Modification.objects.get(pk=modification.pk).status == allowed[status]
                assert modification.steps.count() == steps + (allowed[status] != status)
            else:
                with pytest.raises(ValidationError) as refused:
                    act(in_force, modification)
                assert refused.value.messages, f"{service} from {status}: a refusal says why"
                assert Modification.objects.get(pk=modification.pk).status == status
                assert modification.steps.count() == steps
            transaction.set_rollback(True)


def _told(world, modification, status: str) -> None:
    """Both sides were told of this step: the project's collaborators (their page), the programme's managers and
    officers (the staff page); nobody else."""
    event = f"modification.{status}"
    told = Notification.objects.filter(event=event, title_params__n=modification.number)
    applicant_url = reverse("projects:modification", args=[world.project.pk, modification.pk])
    staff_url = reverse("staff:modification", args=[world.programme.slug, world.project.pk, modification.pk])
    assert set(told.filter(url=applicant_url).values_list("recipient", flat=True)) == {
        world.manager.pk,
        world.partner_user.pk,
    }
    assert set(told.filter(url=staff_url).values_list("recipient", flat=True)) == {
        world.staff.pk,
        world.programme_manager.pk,
    }
    assert not told.filter(recipient__in=[world.controller, world.finance]).exists()


def test_every_step_tells_both_sides_and_is_audited(in_force):
    w = in_force
    modification = requested(w)
    _told(w, modification, S.REQUESTED)
    assert AuditEntry.objects.filter(action="modification.requested", target_id=str(w.project.pk)).count() == 1
    path = [
        (lambda m: modification_open(modification=m, by=w.programme_manager, note="Go ahead."), S.OPEN),
        (lambda m: modification_submit(modification=m, by=w.manager)[0], S.SUBMITTED),
        (lambda m: modification_return(modification=m, by=w.staff, note="Say more about WP2."), S.OPEN),
        (lambda m: modification_submit(modification=m, by=w.manager)[0], S.SUBMITTED),
        (lambda m: _approve(w, m), S.APPROVED),
    ]
    for number, (act, status) in enumerate(path, start=1):
        Notification.objects.all().delete()
        modification = act(modification)
        assert modification.status == status
        _told(w, modification, status)
        entries = AuditEntry.objects.filter(action="modification.status", target_id=str(w.project.pk))
        assert entries.count() == number
    history = [(s.from_status, s.to_status) for s in modification.steps.all()]
    assert history == [
        ("", S.REQUESTED),
        (S.REQUESTED, S.OPEN),
        (S.OPEN, S.SUBMITTED),
        (S.SUBMITTED, S.OPEN),
        (S.OPEN, S.SUBMITTED),
        (S.SUBMITTED, S.APPROVED),
    ]
    assert modification.steps.get(to_status=S.OPEN, from_status=S.SUBMITTED).note == "Say more about WP2."


@pytest.mark.parametrize("status", [S.DECLINED, S.WITHDRAWN, S.REJECTED])
def test_the_other_endings_tell_both_sides_too(in_force, status):
    modification = in_status(in_force, status)
    _told(in_force, modification, status)
    before = S.REQUESTED if status == S.DECLINED else S.OPEN if status == S.WITHDRAWN else S.SUBMITTED
    entry = AuditEntry.objects.filter(action="modification.status", target_id=str(in_force.project.pk)).first()
    assert entry.changes["status"] == [before, status]
    assert entry.changes["modification"] == [None, modification.number]


def test_opening_makes_the_form_the_draft_and_submitting_locks_it_again(in_force):
    project = in_force.project
    assert not is_editable(project)
    modification = opened(in_force)
    project.refresh_from_db()
    assert project.modification_open and is_editable(project)
    assert modification.base_version == in_force.v1
    modification_submit(modification=modification, by=in_force.manager)
    project.refresh_from_db()
    assert not project.modification_open and not is_editable(project)
    modification_return(modification=modification, by=in_force.staff, note="Once more.")
    project.refresh_from_db()
    assert project.modification_open


def test_submitting_twice_changes_nothing_the_second_time(in_force):
    modification = opened(in_force)
    first, now = modification_submit(modification=modification, by=in_force.manager)
    again, second = modification_submit(modification=modification, by=in_force.manager)
    assert (now, second) == (True, False)
    assert first.submitted_at == again.submitted_at
    assert modification.steps.filter(to_status=S.SUBMITTED).count() == 1


def test_an_incomplete_draft_cannot_be_submitted(in_force):
    modification = opened(in_force)
    Project.objects.filter(pk=in_force.project.pk).update(title="")
    with pytest.raises(ModificationIncomplete) as refused:
        modification_submit(modification=modification, by=in_force.manager)
    assert any("title" in message for message in refused.value.messages)
    assert Modification.objects.get(pk=modification.pk).status == S.OPEN


def _version_text(version) -> tuple:
    """The version's stored row, as the database holds it (text): compared byte for byte."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT number, origin, in_force_from::text, answers::text, rows::text, created_at::text "
            "FROM projects_applicationversion WHERE id = %s",
            [version.pk],
        )
        return cursor.fetchone()


def _answers(project):
    return _json(_jsonable(application_answers(project)))


def _edit_the_draft(world) -> None:
    """Changes of several kinds in the draft: a field, a budget cell, a row added and one removed."""
    project = world.project
    Project.objects.filter(pk=project.pk).update(title="A changed title")
    # 100 EUR moves between two budget cells of the lead partner (its total, hence its co-financing, stays)
    lines = list(PartnerBudgetLine.objects.filter(partner=world.lead, amount__gte=100).order_by("pk")[:2])
    PartnerBudgetLine.objects.filter(pk=lines[0].pk).update(amount=lines[0].amount - Decimal("100"))
    PartnerBudgetLine.objects.filter(pk=lines[1].pk).update(amount=lines[1].amount + Decimal("100"))
    TargetGroup.objects.create(project=project, group="sme", target_value=3)
    removed = project.objectives.get(number=1)
    project.objectives.create(number=2, title="Quieter streets")
    removed.delete()


@pytest.mark.parametrize("ending", ["reject", "withdraw"])
def test_a_draft_that_does_not_come_into_force_leaves_version_1_byte_for_byte(in_force, ending):
    project = in_force.project
    stored, rows, answers = _version_text(in_force.v1), live_rows(project), _answers(project)
    modification = opened(in_force)
    _edit_the_draft(in_force)
    assert live_rows(project) != rows and _answers(project) != answers
    if ending == "reject":
        modification_submit(modification=modification, by=in_force.manager)
        modification_reject(modification=modification, by=in_force.staff, decision_date=today(), note="Too much.")
    else:
        modification_withdraw(modification=modification, by=in_force.manager, note="We changed our minds.")
    assert _version_text(in_force.v1) == stored
    assert live_rows(project) == rows
    assert _answers(project) == answers == in_force.v1.answers
    assert ApplicationVersion.objects.filter(project=project).count() == 1
    assert version_in_force(project) == in_force.v1
    assert not Project.objects.get(pk=project.pk).modification_open


def test_an_approved_modification_is_the_next_version_in_force(in_force):
    project = in_force.project
    stored = _version_text(in_force.v1)
    modification = opened(in_force)
    _edit_the_draft(in_force)
    draft = live_rows(project)
    modification_submit(modification=modification, by=in_force.manager)
    entry = today()
    modification = modification_approve(
        modification=modification, by=in_force.staff, decision_date=today(), entry_into_force=entry, note="Fine."
    )
    v2 = modification.new_version
    assert (v2.number, v2.origin, v2.in_force_from) == (2, "modification", entry)
    assert v2.rows == draft and v2.answers["identification"] != in_force.v1.answers["identification"]
    assert version_in_force(project) == v2
    assert version_in_force(project, on=entry - timedelta(days=1)) == in_force.v1
    assert _version_text(in_force.v1) == stored
    assert (modification.decision_date, modification.decided_by, modification.decision_note) == (
        today(),
        in_force.staff,
        "Fine.",
    )
    assert live_rows(project) == draft  # nothing was put back


# --- bad input ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", sorted(ACTIVE))
def test_a_second_modification_is_refused_while_one_is_under_way(in_force, status):
    in_status(in_force, status)
    with pytest.raises(ValidationError, match="already under way"):
        requested(in_force, "Another change.")
    assert Modification.objects.filter(project=in_force.project).count() == 1


def test_a_new_modification_may_follow_a_finished_one(in_force):
    in_status(in_force, S.DECLINED)
    second = requested(in_force, "Another change.")
    assert second.number == 2 and second.status == S.REQUESTED


@pytest.mark.parametrize("status", [Status.APPROVED, Status.CLOSED, Status.SUBMITTED, Status.DRAFT])
def test_a_project_that_is_not_contracted_cannot_be_modified(in_force, status):
    Project.objects.filter(pk=in_force.project.pk).update(status=status)
    with pytest.raises(ValidationError, match="Only a contracted project can be modified"):
        requested(in_force)
    assert not Modification.objects.exists()


def test_a_requested_modification_is_not_opened_once_the_project_is_closed(in_force):
    modification = requested(in_force)
    Project.objects.filter(pk=in_force.project.pk).update(status=Status.CLOSED)
    with pytest.raises(ValidationError, match="Only a contracted project"):
        modification_open(modification=modification, by=in_force.staff)


@pytest.mark.parametrize(
    ("reason", "message"),
    [("", "Say what you want to change"), ("   \n ", "Say what you want to change"), ("x" * 5001, "under 5000")],
)
def test_an_empty_or_too_long_reason_is_refused(in_force, reason, message):
    assert REASON_LIMIT == 5000
    with pytest.raises(ValidationError) as refused:
        requested(in_force, reason)
    assert message in " ".join(refused.value.message_dict["reason"])
    assert not Modification.objects.exists()


def test_the_entry_into_force_cannot_come_before_the_decision(in_force):
    modification = submitted(in_force)
    with pytest.raises(ValidationError) as refused:
        modification_approve(
            modification=modification,
            by=in_force.staff,
            decision_date=today(),
            entry_into_force=today() - timedelta(days=1),
        )
    assert "before it was decided" in refused.value.message_dict["entry_into_force"][0]
    assert Modification.objects.get(pk=modification.pk).status == S.SUBMITTED
    assert ApplicationVersion.objects.filter(project=in_force.project).count() == 1


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_a_decision_date_in_the_future_is_refused(in_force, decision):
    modification = submitted(in_force)
    with pytest.raises(ValidationError) as refused:
        if decision == "approve":
            modification_approve(
                modification=modification, by=in_force.staff, decision_date=tomorrow(), entry_into_force=tomorrow()
            )
        else:
            modification_reject(modification=modification, by=in_force.staff, decision_date=tomorrow(), note="No")
    assert "cannot be in the future" in refused.value.message_dict["decision_date"][0]
    assert Modification.objects.get(pk=modification.pk).status == S.SUBMITTED


def test_a_decision_before_the_request_and_missing_dates_are_refused(in_force):
    modification = submitted(in_force)
    with pytest.raises(ValidationError) as refused:
        modification_approve(
            modification=modification,
            by=in_force.staff,
            decision_date=today() - timedelta(days=3),
            entry_into_force=today(),
        )
    assert "before the request" in refused.value.message_dict["decision_date"][0]
    with pytest.raises(ValidationError) as refused:
        modification_approve(modification=modification, by=in_force.staff, decision_date=None, entry_into_force=None)
    assert set(refused.value.message_dict) == {"decision_date", "entry_into_force"}


def test_a_modification_cannot_come_into_force_before_the_version_in_force(in_force):
    first = in_status(in_force, S.APPROVED)
    assert first.new_version.in_force_from == today()
    modification = submitted(in_force)
    Modification.objects.filter(pk=modification.pk).update(requested_at=first.requested_at - timedelta(days=10))
    modification.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        modification_approve(
            modification=modification,
            by=in_force.staff,
            decision_date=today() - timedelta(days=2),
            entry_into_force=today() - timedelta(days=1),
        )
    assert "Version 2 is in force from" in refused.value.message_dict["entry_into_force"][0]


@pytest.mark.parametrize(
    ("step", "message"),
    [
        ("decline", "Say why the modification is not opened"),
        ("return", "Say what should change"),
        ("reject", "Say why the modification is rejected"),
    ],
)
def test_staff_say_why_they_decline_return_or_reject(in_force, step, message):
    modification = in_status(in_force, S.REQUESTED if step == "decline" else S.SUBMITTED)
    act = {
        "decline": lambda note: modification_decline(modification=modification, by=in_force.staff, note=note),
        "return": lambda note: modification_return(modification=modification, by=in_force.staff, note=note),
        "reject": lambda note: modification_reject(
            modification=modification, by=in_force.staff, decision_date=today(), note=note
        ),
    }[step]
    for note, expected in (("  ", message), ("x" * 5001, "under 5000")):
        with pytest.raises(ValidationError) as refused:
            act(note)
        assert expected in refused.value.message_dict["note"][0]
    assert Modification.objects.get(pk=modification.pk).status == modification.status


# --- who may act -------------------------------------------------------------------------------------------------


def test_only_the_projects_managers_ask_submit_and_withdraw(in_force):
    stranger = UserFactory()
    for person in (in_force.partner_user, stranger, in_force.staff):  # a viewer, a stranger, programme staff
        with pytest.raises(PermissionDenied):
            modification_request(project=in_force.project, by=person, reason="Please.")
    modification = opened(in_force)
    for person in (in_force.partner_user, stranger):
        with pytest.raises(PermissionDenied):
            modification_submit(modification=modification, by=person)
        with pytest.raises(PermissionDenied):
            modification_withdraw(modification=modification, by=person)
    assert Modification.objects.get(pk=modification.pk).status == S.OPEN


def test_only_staff_who_may_modify_open_and_decide(in_force):
    modification = requested(in_force)
    for person in (in_force.finance, in_force.controller, in_force.manager, UserFactory()):
        with pytest.raises(PermissionDenied) as refused:
            modification_open(modification=modification, by=person)
        if person == in_force.finance:
            assert "manager or programme officer" in str(refused.value)
    modification_open(modification=modification, by=in_force.programme_manager)
    modification_submit(modification=modification, by=in_force.manager)
    with pytest.raises(PermissionDenied, match="manager or programme officer"):
        _approve(type("W", (), {"staff": in_force.finance})(), modification)
    with pytest.raises(PermissionDenied):
        modification_reject(modification=modification, by=in_force.controller, decision_date=today(), note="No")
    assert Modification.objects.get(pk=modification.pk).status == S.SUBMITTED
