"""The audit trail: status changes, assessments, decisions, collaborator and admin changes, logins — before → after;
shown to staff on the application page, searchable and read-only for superusers in the admin."""

import pytest
from django.urls import reverse

from interact_portal.audit.models import AuditEntry
from programmes.models import ProgrammeStaff, StaffRole
from projects.models import CollaboratorLevel, ProjectCollaborator
from projects.services.assessment import eligibility_record
from projects.services.collaborators import collaborator_set_level
from tests.factories import PASSWORD, UserFactory
from tests.staff.conftest import all_passed

pytestmark = pytest.mark.django_db


def test_a_staff_step_is_recorded_with_status_before_and_after(office):
    eligibility_record(project=office.project, by=office.officer, results=all_passed())
    status = AuditEntry.objects.about(office.project).get(action="project.status", changes__status__1="eligible")
    assert status.actor == office.officer and status.changes == {"status": ["submitted", "eligible"]}
    check = AuditEntry.objects.about(office.project).get(action="assessment.eligibility")
    assert check.changes == {"passed": [None, True]}


def test_staff_read_the_trail_on_the_application_page(client, office):
    eligibility_record(project=office.project, by=office.officer, results=all_passed())
    client.force_login(office.programme_manager)
    page = client.get(reverse("staff:application", args=[office.programme.slug, office.project.pk])).content.decode()
    assert "Audit trail" in page and "assessment.eligibility" in page and "submitted → eligible" in page


def test_a_collaborator_level_change_names_the_person_and_both_levels(office):
    partner = ProjectCollaborator.objects.get(project=office.project, user=office.partner_user)
    collaborator_set_level(collaborator=partner, level=CollaboratorLevel.EDIT, by=office.manager)
    entry = AuditEntry.objects.get(action="collaborator.level")
    assert entry.actor == office.manager
    assert entry.changes == {f"level of {office.partner_user.email}": ["view", "edit"]}


def test_logins_and_failed_logins_are_recorded_with_the_address(client):
    user = UserFactory()
    client.post(reverse("account_login"), {"login": user.email, "password": "wrong-password-123"})
    failed = AuditEntry.objects.get(action="auth.login_failed")
    assert failed.target_label == user.email and failed.ip == "127.0.0.1" and failed.actor is None
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert AuditEntry.objects.filter(action="auth.login", actor=user).count() == 1


def test_a_role_change_in_the_admin_is_recorded_before_and_after(client, superuser, office):
    role = ProgrammeStaff.objects.get(user=office.assessor)
    client.force_login(superuser)
    url = reverse("admin:programmes_programmestaff_change", args=[role.pk])
    data = {"programme": role.programme_id, "user": role.user_id, "role": StaffRole.MANAGER}
    assert client.post(url, data).status_code == 302
    entry = AuditEntry.objects.get(action="admin.change")
    assert entry.actor == superuser and entry.target_id == str(role.pk)
    assert entry.changes == {"role": ["assessor", "manager"]}


def test_an_admin_bulk_delete_records_each_object(client, superuser):
    users = UserFactory.create_batch(2)
    client.force_login(superuser)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "delete_selected", "_selected_action": [u.pk for u in users], "post": "yes"},
    )
    assert response.status_code == 302
    deleted = set(AuditEntry.objects.filter(action="admin.delete").values_list("target_id", flat=True))
    assert deleted == {str(u.pk) for u in users}


def test_superusers_search_the_trail_and_nobody_changes_or_deletes_it(client, superuser, office):
    eligibility_record(project=office.project, by=office.officer, results=all_passed())
    entry = AuditEntry.objects.filter(action="project.status").first()
    client.force_login(superuser)
    found = client.get(reverse("admin:audit_auditentry_changelist"), {"q": office.project.acronym})
    assert found.status_code == 200 and entry in found.context["cl"].result_list
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    assert client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    change = client.post(reverse("admin:audit_auditentry_change", args=[entry.pk]), {"note": "edited"})
    assert change.status_code == 403
    entry.refresh_from_db()
    assert entry.note != "edited" and AuditEntry.objects.filter(pk=entry.pk).exists()
    client.force_login(office.programme_manager)  # staff, not superuser: not even visible
    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code in (302, 403)


def test_the_model_refuses_to_change_or_delete_an_entry(office):
    eligibility_record(project=office.project, by=office.officer, results=all_passed())
    entry = AuditEntry.objects.first()
    entry.note = "rewritten"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
