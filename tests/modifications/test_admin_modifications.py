"""Versions, modifications (with their steps), reallocations and closure sections in the admin: read-only for
everyone, superusers included (versions never change; statuses change only through the services), scoped by the one
policy (projects.modification_access), and no page grows with its rows."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interact_portal.demo.users import staff_group_ensure
from programmes.choices import StaffRole
from programmes.models import ProgrammeStaff
from projects.models import (
    ApplicationVersion,
    BudgetReallocation,
    Modification,
    ModificationStep,
    ProjectClosure,
    VersionOrigin,
)
from projects.versions import version_capture
from tests.factories import ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db

MODELS = (ApplicationVersion, Modification, ModificationStep, BudgetReallocation, ProjectClosure)


@pytest.fixture
def records(in_force):
    project, staff, manager = in_force.project, in_force.programme_manager, in_force.manager
    modification = Modification.objects.create(
        project=project, number=1, status="requested", reason="Move budget", requested_by=manager
    )
    ModificationStep.objects.create(modification=modification, to_status="requested", by=manager)
    v2 = version_capture(project=project, by=manager, origin=VersionOrigin.REALLOCATION, in_force_from=date.today())
    reallocation = BudgetReallocation.objects.create(
        project=project,
        partner=in_force.partner,
        period=1,
        from_category="staff",
        to_category="travel",
        amount=Decimal("100"),
        justification="Cheaper.",
        version=v2,
        by=manager,
    )
    closure = ProjectClosure.objects.create(project=project, main_achievements="Cleaner air.")
    in_force.rows = {
        ApplicationVersion: in_force.v1,
        Modification: modification,
        ModificationStep: modification.steps.get(),
        BudgetReallocation: reallocation,
        ProjectClosure: closure,
    }
    staff.is_staff = True  # staff reach the admin as in a real deployment: Django staff, in the staff group
    staff.save(update_fields=["is_staff"])
    staff.groups.add(staff_group_ensure())
    return in_force


def _url(model, page: str, *args) -> str:
    return reverse(f"admin:projects_{model._meta.model_name}_{page}", args=args)


def test_every_new_model_is_registered_read_only(rf, superuser):
    request = rf.get("/admin/")
    request.user = superuser
    for model in MODELS:
        model_admin = admin.site._registry[model]
        assert not model_admin.has_add_permission(request), model
        assert not model_admin.has_change_permission(request), model
        assert not model_admin.has_delete_permission(request), model
        assert model_admin.has_view_permission(request), model


@pytest.mark.usefixtures("templates_rendered_plainly")
def test_a_superuser_reads_them_and_changes_nothing(admin_client, records):
    for model, obj in records.rows.items():
        assert admin_client.get(_url(model, "changelist")).status_code == 200, model
        assert admin_client.get(_url(model, "change", obj.pk)).status_code == 200, model
        assert admin_client.get(_url(model, "add")).status_code == 403, model
        assert admin_client.get(_url(model, "delete", obj.pk)).status_code == 403, model
        assert admin_client.post(_url(model, "change", obj.pk), {}).status_code == 403, model
        assert admin_client.post(_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403, model
        assert model.objects.filter(pk=obj.pk).exists()
    modification = records.rows[Modification]
    modification.refresh_from_db()
    assert modification.status == "requested"  # only the services move it


@pytest.mark.usefixtures("templates_rendered_plainly")
def test_the_programme_s_staff_read_them_and_another_programme_s_staff_do_not(client, records):
    other = UserFactory(is_staff=True)
    ProgrammeStaff.objects.create(programme=ProgrammeFactory(), user=other, role=StaffRole.MANAGER)
    other.groups.add(staff_group_ensure())
    for person, answer, listed in ((records.programme_manager, 200, True), (other, 404, False)):
        client.force_login(person)
        for model, obj in records.rows.items():
            assert client.get(_url(model, "change", obj.pk)).status_code == answer, (person, model)
            changelist = client.get(_url(model, "changelist")).content.decode()
            assert (_url(model, "change", obj.pk) in changelist) is listed, (person, model)


@pytest.mark.usefixtures("templates_rendered_plainly")
def test_controllers_see_none_of_them(client, records):
    controller = records.controller
    controller.is_staff = True
    controller.save(update_fields=["is_staff"])
    controller.groups.add(staff_group_ensure())
    client.force_login(controller)
    for model, obj in records.rows.items():
        assert client.get(_url(model, "change", obj.pk)).status_code == 404, model


def _queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.usefixtures("templates_rendered_plainly")
def test_a_modification_s_page_costs_the_same_with_few_or_many_steps(admin_client, records):
    modification = records.rows[Modification]
    url = _url(Modification, "change", modification.pk)
    few = _queries(admin_client, url)
    for n in range(20):
        ModificationStep.objects.create(modification=modification, to_status="open", by=UserFactory(), note=f"{n}")
    assert _queries(admin_client, url) == few


@pytest.mark.usefixtures("templates_rendered_plainly")
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.model_name)
def test_a_changelist_costs_the_same_with_few_or_many_rows(admin_client, records, model):
    url = _url(model, "changelist")
    few = _queries(admin_client, url)
    project, manager = records.project, records.manager
    for n in range(2, 12):
        version = version_capture(project=project, by=UserFactory(), origin="reallocation", in_force_from=date.today())
        modification = Modification.objects.create(
            project=project, number=n, status="rejected", reason="More", requested_by=UserFactory()
        )
        ModificationStep.objects.create(modification=modification, to_status="requested", by=UserFactory())
        BudgetReallocation.objects.create(
            project=project,
            partner=records.lead,
            period=n,
            from_category="staff",
            to_category="travel",
            amount=Decimal("1"),
            justification="Again.",
            version=version,
            by=manager,
        )
    assert _queries(admin_client, url) == few
