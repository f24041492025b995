# ruff: noqa: F811 - the fixtures are imported from reallocation_fixtures and tests/staff
"""The reallocations page (projects:reallocations): the list, the room left under the limit and the form for the
project's managers and partners' contacts; read-only for the programme's staff; a 404 for anyone else. And the
call's limit on the staff call form, changeable at any time."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import PartnerBudgetLine
from programmes.models import Call
from projects.models import BudgetReallocation, Modification
from tests.factories import UserFactory
from tests.staff.conftest import office  # noqa: F401
from tests.staff.test_calls import form_data

from .reallocation_fixtures import budgeted  # noqa: F401
from .test_reallocations import move

pytestmark = pytest.mark.django_db


def url(world) -> str:
    return reverse("projects:reallocations", args=[world.project.pk])


def data(world, **changes) -> dict:
    return {
        "partner": world.partner.pk,
        "period": "2",
        "from_category": "staff",
        "to_category": "external",
        "amount": "1200",
        "justification": "A study instead of in-house work.",
        **changes,
    }


def test_a_manager_moves_budget_and_finds_it_listed_with_the_room_left(client, budgeted):
    client.force_login(budgeted.manager)
    response = client.post(url(budgeted), data(budgeted))
    assert response.status_code == 302
    moved = BudgetReallocation.objects.get(project=budgeted.project)
    assert (moved.amount, moved.by, moved.version.number) == (Decimal("1200.00"), budgeted.manager, 2)
    page = client.get(url(budgeted))
    body = page.content.decode()
    assert page.status_code == 200
    assert "A study instead of in-house work." in body and "version 2" in body.lower()
    rooms = {r["partner"].pk: {room.category: room for room in r["rooms"]} for r in page.context["rooms"]}
    assert rooms[budgeted.partner.pk]["external"].room_in == Decimal("1300.00")
    assert rooms[budgeted.lead.pk]["external"].room_in == Decimal("2500.00")


def test_over_the_limit_the_reason_is_next_to_the_amount_and_in_the_summary_and_nothing_is_saved(client, budgeted):
    client.force_login(budgeted.manager)
    response = client.post(url(budgeted), data(budgeted, amount="2600"))
    assert response.status_code == 400
    body = response.content.decode()
    field = body[body.index('id="field-id_amount"') :]
    assert "Over the limit" in field[: field.index('id="field-id_justification"')]
    assert "error-summary" in body
    assert not BudgetReallocation.objects.exists()
    assert PartnerBudgetLine.objects.get(partner=budgeted.partner, category="staff", period=2).amount == 20000


def test_a_partners_contact_chooses_only_their_own_partner(client, budgeted):
    client.force_login(budgeted.partner_user)
    page = client.get(url(budgeted))
    assert [pk for pk, _label in page.context["form"].fields["partner"].choices] == [budgeted.partner.pk]
    response = client.post(url(budgeted), data(budgeted, partner=budgeted.lead.pk))
    assert response.status_code == 400 and "partner" in response.context["form"].errors
    assert client.post(url(budgeted), data(budgeted)).status_code == 302


def test_staff_read_the_list_without_a_form_and_cannot_post(client, budgeted):
    move(budgeted)
    for user in (budgeted.staff, budgeted.programme_manager, budgeted.finance):
        client.force_login(user)
        page = client.get(url(budgeted))
        assert page.status_code == 200 and page.context["form"] is None
        assert len(page.context["moves"]) == 1 and "Move the budget" not in page.content.decode()
        assert client.post(url(budgeted), data(budgeted)).status_code == 403
    assert BudgetReallocation.objects.count() == 1


def test_strangers_and_controllers_get_a_404(client, budgeted):
    for user in (UserFactory(), budgeted.controller):
        client.force_login(user)
        assert client.get(url(budgeted)).status_code == 404
        assert client.post(url(budgeted), data(budgeted)).status_code == 404
    client.logout()
    assert client.get(url(budgeted)).status_code == 302  # to the login page


def test_during_a_modification_the_page_gives_the_reason_and_refuses_the_move(client, budgeted):
    Modification.objects.create(
        project=budgeted.project, number=1, reason="A new partner", requested_by=budgeted.manager
    )
    client.force_login(budgeted.manager)
    page = client.get(url(budgeted))
    assert "include the change in it" in page.content.decode() and "Move the budget" not in page.content.decode()
    response = client.post(url(budgeted), data(budgeted))
    assert response.status_code == 400 and "include the change in it" in response.content.decode()
    assert not BudgetReallocation.objects.exists()


def test_the_page_makes_as_many_queries_with_one_or_many_reallocations(client, budgeted):
    move(budgeted, period=1, amount="100")
    client.force_login(budgeted.manager)
    client.get(url(budgeted))  # warm caches (content types, the session)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url(budgeted)).status_code == 200
    for period in (2, 3):
        move(budgeted, period=period, amount="100", by=budgeted.partner_user)
        move(budgeted, partner=budgeted.lead, period=period, amount="100", source="external", target="staff")
    with CaptureQueriesContext(connection) as many:
        page = client.get(url(budgeted))
    assert len(page.context["moves"]) == 5
    assert len(many) == len(one), [q["sql"] for q in many]
    assert len(one) <= 16


def test_staff_change_the_calls_limit_at_any_time_between_0_and_100(client, office):
    call = office.call
    Call.objects.filter(pk=call.pk).update(is_published=True)
    client.force_login(office.programme_manager)
    edit = reverse("staff:call_edit", args=[office.programme.slug, call.pk])
    page = client.get(edit)
    assert page.context["locked"] and not page.context["form"].fields["reallocation_limit"].disabled
    common = {"reference": call.reference, "timezone": call.timezone}
    for bad in ("-1", "100.01", "abc"):
        response = client.post(edit, form_data(office, **common, reallocation_limit=bad))
        assert response.status_code == 400 and "reallocation_limit" in response.context["form"].errors
    assert client.post(edit, form_data(office, **common, reallocation_limit="7.5")).status_code == 302
    call.refresh_from_db()
    assert call.reallocation_limit == Decimal("7.5")
    assert client.post(edit, form_data(office, **common)).status_code == 302  # left out: kept
    call.refresh_from_db()
    assert call.reallocation_limit == Decimal("7.5")
