"""Modifications in a given status, made through the services (the `in_force` project of conftest.py)."""

from datetime import timedelta

from django.utils import timezone

from projects.models import Modification
from projects.modification_workflow import ModificationStatus
from projects.services.modifications import (
    modification_approve,
    modification_decline,
    modification_open,
    modification_reject,
    modification_request,
    modification_submit,
    modification_withdraw,
)


def today():
    return timezone.localdate()


def requested(world, reason: str = "Add a partner and move budget to staff costs.") -> Modification:
    return modification_request(project=world.project, by=world.manager, reason=reason)


def opened(world) -> Modification:
    return modification_open(modification=requested(world), by=world.staff)


def submitted(world) -> Modification:
    return modification_submit(modification=opened(world), by=world.manager)[0]


def in_status(world, status: str) -> Modification:
    """A modification brought to `status` through the services."""
    if status == ModificationStatus.REQUESTED:
        return requested(world)
    if status == ModificationStatus.DECLINED:
        return modification_decline(modification=requested(world), by=world.staff, note="Not needed.")
    if status == ModificationStatus.OPEN:
        return opened(world)
    if status == ModificationStatus.WITHDRAWN:
        return modification_withdraw(modification=opened(world), by=world.manager)
    if status == ModificationStatus.SUBMITTED:
        return submitted(world)
    if status == ModificationStatus.APPROVED:
        return modification_approve(
            modification=submitted(world), by=world.staff, decision_date=today(), entry_into_force=today()
        )
    if status == ModificationStatus.REJECTED:
        return modification_reject(modification=submitted(world), by=world.staff, decision_date=today(), note="No.")
    raise AssertionError(status)


def tomorrow():
    return today() + timedelta(days=1)
