# ruff: noqa: F811 - the `budgeted` fixture is imported from reallocation_fixtures
"""Small budget changes without a modification (projects.services.reallocations): within the call's limit a move
is in force at once as the next version, recorded, audited and told; over it, refused with the reason and nothing
saved. The fixture's partners have 100,000 of staff and 25,000 of external expertise each (10 %: 10,000 and 2,500)."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from interact_portal.audit.models import AuditEntry
from interact_portal.notifications.models import Notification
from partnerships.models import PartnerBudgetLine
from programmes.models import Call
from projects.models import ApplicationVersion, BudgetReallocation, Modification, Project, VersionOrigin
from projects.services.reallocations import budget_reallocate, reallocation_base, reallocation_rooms
from projects.versions import version_capture, version_in_force

from .reallocation_fixtures import budgeted  # noqa: F401


def move(world, *, partner=None, by=None, period=2, source="staff", target="external", amount="1000", why="Lab"):
    return budget_reallocate(
        project=world.project,
        partner=partner or world.partner,
        period=period,
        from_category=source,
        to_category=target,
        amount=amount,
        justification=why,
        by=by or world.manager,
    )


def cell(partner, category, period) -> Decimal | None:
    return (
        PartnerBudgetLine.objects.filter(partner=partner, category=category, period=period)
        .values_list("amount", flat=True)
        .first()
    )


def nothing_saved(world, versions: int = 1, moves: int = 0) -> None:
    assert ApplicationVersion.objects.filter(project=world.project).count() == versions
    assert BudgetReallocation.objects.filter(project=world.project).count() == moves
    assert Notification.objects.filter(event="budget.reallocated").exists() == bool(moves)
    assert AuditEntry.objects.filter(action="budget.reallocated").count() == moves


def refused(world, field: str | None = "amount", **kwargs) -> str:
    with pytest.raises(ValidationError) as error:
        move(world, **kwargs)
    if field is None:
        return " ".join(error.value.messages)
    assert field in error.value.error_dict, error.value
    return " ".join(error.value.message_dict[field])


def test_a_move_within_the_limit_moves_the_cells_and_is_the_next_version_in_force(budgeted):
    moved = move(budgeted, amount="2000.50", why="An external study replaces in-house work.")
    assert cell(budgeted.partner, "staff", 2) == Decimal("17999.50")
    assert cell(budgeted.partner, "external", 2) == Decimal("7000.50")
    assert cell(budgeted.partner, "staff", 3) == Decimal("20000.00")  # other periods untouched
    assert cell(budgeted.lead, "staff", 2) == Decimal("20000.00")  # and other partners
    version = moved.version
    assert version.number == 2 and version.origin == VersionOrigin.REALLOCATION
    assert version_in_force(budgeted.project) == version
    frozen = {
        (line["partner_id"], line["category"], line["period"]): line["amount"]
        for line in version.rows["tables"]["partnerships.partnerbudgetline"]
    }
    assert frozen[(budgeted.partner.pk, "external", 2)] == "7000.50"
    assert frozen[(budgeted.partner.pk, "staff", 2)] == "17999.50"
    v1 = {
        (line["partner_id"], line["category"], line["period"]): line["amount"]
        for line in budgeted.v1.rows["tables"]["partnerships.partnerbudgetline"]
    }
    assert v1[(budgeted.partner.pk, "staff", 2)] == "20000.00"  # the contract's version is untouched
    assert (moved.partner, moved.period, moved.from_category, moved.to_category) == (
        budgeted.partner,
        2,
        "staff",
        "external",
    )
    assert moved.amount == Decimal("2000.50") and moved.by == budgeted.manager
    told = set(Notification.objects.filter(event="budget.reallocated").values_list("recipient", flat=True))
    assert {budgeted.staff.pk, budgeted.programme_manager.pk} <= told  # the programme's officer and manager
    assert budgeted.finance.pk not in told and budgeted.controller.pk not in told
    assert budgeted.manager.pk not in told  # the one who moved it
    entry = AuditEntry.objects.get(action="budget.reallocated")
    assert entry.actor == budgeted.manager and entry.note == "An external study replaces in-house work."


def test_a_partners_contact_moves_their_own_partners_budget_and_the_projects_managers_are_told(budgeted):
    move(budgeted, by=budgeted.partner_user)
    told = set(Notification.objects.filter(event="budget.reallocated").values_list("recipient", flat=True))
    assert budgeted.manager.pk in told and budgeted.partner_user.pk not in told


def test_a_missing_target_cell_is_created(budgeted):
    PartnerBudgetLine.objects.filter(partner=budgeted.partner, category="external", period=4).delete()
    move(budgeted, period=4, amount="100")
    assert cell(budgeted.partner, "external", 4) == Decimal("100.00")


def test_over_the_limit_is_refused_with_the_reason_and_nothing_is_saved(budgeted):
    # 2,500.01 into external expertise: more than 10 % of its 25,000
    reason = refused(budgeted, amount="2500.01")
    assert "Over the limit" in reason and "€2,500.00 allowed (10 % of €25,000.00)" in reason
    assert cell(budgeted.partner, "staff", 2) == Decimal("20000.00")
    assert cell(budgeted.partner, "external", 2) == Decimal("5000.00")
    nothing_saved(budgeted)
    move(budgeted, amount="2500")  # exactly the limit passes


def test_the_limit_counts_every_move_since_the_last_contract_or_modification(budgeted):
    move(budgeted, period=1, amount="2000")
    move(budgeted, period=3, amount="400")
    assert "Over the limit" in refused(budgeted, period=4, amount="100.01")  # 2,500.01 into external in all
    nothing_saved(budgeted, versions=3, moves=2)
    move(budgeted, period=4, amount="100")
    # what leaves a category counts on its own: external → staff, out of external's 2,500
    move(budgeted, source="external", target="staff", period=5, amount="2500")
    assert "out of" in refused(budgeted, source="external", target="staff", period=5, amount="0.01")
    # other partners have their own room
    move(budgeted, partner=budgeted.lead, amount="2500")
    # an approved modification is a new base: counting starts again
    version_capture(
        project=budgeted.project,
        by=budgeted.staff,
        origin=VersionOrigin.MODIFICATION,
        in_force_from=budgeted.project.start_date,
    )
    assert reallocation_base(budgeted.project).number == 7
    move(budgeted, source="external", target="staff", period=5, amount="100")


def test_a_limit_of_zero_refuses_every_move_and_a_category_without_budget_receives_nothing(budgeted):
    assert "Over the limit" in refused(budgeted, target="equipment", amount="1")  # no equipment in version 1
    Call.objects.filter(pk=budgeted.call.pk).update(reallocation_limit=Decimal("0"))
    assert "Over the limit" in refused(budgeted, amount="1")
    nothing_saved(budgeted)


def test_during_a_modification_a_move_is_refused(budgeted):
    Modification.objects.create(
        project=budgeted.project, number=1, reason="More partners", requested_by=budgeted.manager
    )
    assert "modification is under way" in refused(budgeted, field=None)
    nothing_saved(budgeted)


def test_only_a_contracted_project_reallocates(budgeted):
    Project.objects.filter(pk=budgeted.project.pk).update(status="closed")
    assert "contracted project" in refused(budgeted, field=None)


def test_flat_rate_and_unknown_categories_and_the_same_category_are_refused(budgeted):
    Call.objects.filter(pk=budgeted.call.pk).update(office_flat_rate=Decimal("15"))
    assert "flat rate" in refused(budgeted, field="from_category", source="office")
    assert "flat rate" in refused(budgeted, field="to_category", target="office")
    assert refused(budgeted, field="to_category", target="other")
    assert refused(budgeted, field="to_category", target="staff")
    nothing_saved(budgeted)


def test_a_move_that_raises_the_total_through_flat_rates_is_refused(budgeted):
    # office at 15 % of staff costs: 1,000 more staff costs is 150 more office costs
    Call.objects.filter(pk=budgeted.call.pk).update(office_flat_rate=Decimal("15"))
    reason = refused(budgeted, field="to_category", source="external", target="staff", amount="1000")
    assert "raises the partner's total budget" in reason
    assert cell(budgeted.partner, "external", 2) == Decimal("5000.00")
    nothing_saved(budgeted)
    move(budgeted, amount="1000")  # the other way lowers it: allowed


@pytest.mark.parametrize("amount", ["0", "-5", "1.001", "abc", "1e30", "NaN", "20000.01"])
def test_bad_amounts_are_refused(budgeted, amount):
    Call.objects.filter(pk=budgeted.call.pk).update(reallocation_limit=Decimal("100"))
    assert refused(budgeted, amount=amount)
    nothing_saved(budgeted)


def test_periods_beyond_the_project_or_after_the_partner_withdrew_are_refused(budgeted):
    assert refused(budgeted, field="period", period=9)
    type(budgeted.partner).objects.filter(pk=budgeted.partner.pk).update(withdrawn_from_period=3)
    assert "withdrew" in refused(budgeted, field="period", period=3)
    move(budgeted, period=2)


def test_only_the_projects_managers_and_the_partners_own_contact_move_budget(budgeted):
    for user in (budgeted.partner_user, budgeted.staff, budgeted.programme_manager, budgeted.finance):
        with pytest.raises(PermissionDenied):
            move(budgeted, partner=budgeted.lead, by=user)
    nothing_saved(budgeted)


def test_the_rooms_show_what_may_still_move(budgeted):
    move(budgeted, amount="1000")
    rooms = {
        room.category: room for room in reallocation_rooms(budgeted.project, [budgeted.partner])[budgeted.partner.pk]
    }
    assert rooms["staff"].room_out == Decimal("9000.00") and rooms["staff"].room_in == Decimal("10000.00")
    assert rooms["external"].room_in == Decimal("1500.00") and rooms["external"].room_out == Decimal("2500.00")
    assert rooms["equipment"].room_in == Decimal("0.00")


@pytest.mark.django_db(transaction=True)
def test_two_moves_at_once_cannot_both_pass_the_limit(budgeted):
    """Each is within the limit alone (1,500 of 2,500 into external), not together: the project's lock lets one
    through and the other is refused for the limit (without it, both would pass the count)."""
    barrier, outcomes = threading.Barrier(2), []

    def run(period):
        try:
            barrier.wait()
            move(budgeted, period=period, amount="1500")
            outcomes.append("moved")
        except ValidationError as error:
            outcomes.append("refused" if "Over the limit" in " ".join(error.messages) else repr(error))
        except Exception as error:  # noqa: BLE001 - reported in the assertion
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(period,)) for period in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["moved", "refused"]
    assert BudgetReallocation.objects.filter(project=budgeted.project).count() == 1
    assert ApplicationVersion.objects.filter(project=budgeted.project).count() == 2
