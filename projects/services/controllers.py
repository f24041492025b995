"""Who controls whose reports: the programme's managers assign a controller (a ProgrammeStaff with the controller
role) to one partner of a contracted project, or to every partner of a country of the programme."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from interact_portal.audit.services import audit_record
from interact_portal.core.collation import by_name
from interact_portal.notifications.messages import Message
from interact_portal.notifications.services import notify
from programmes.choices import StaffRole
from programmes.models import ProgrammeStaff
from programmes.staff import StaffAction, staff_require

from ..models import ControllerAssignment
from ..reporting_access import REPORTING_STATUSES


def programme_controllers(programme):
    from interact_portal.accounts.models import User

    return User.objects.filter(
        programme_roles__programme=programme, programme_roles__role=StaffRole.CONTROLLER
    ).order_by(by_name("last_name"), by_name("first_name"), "pk")


@transaction.atomic
def controller_assign(*, programme, by, controller, partner=None, country=None) -> ControllerAssignment:
    """Assign `controller` to `partner` (of a contracted project of the programme) or to `country` (of the
    programme). Refusals by field: not a controller here, no or both targets, foreign partner or country, duplicate."""
    staff_require(by, programme, StaffAction.ASSIGN_CONTROLLERS)
    errors = {}
    if controller is None:
        errors["controller"] = _("Choose a controller.")
    elif not ProgrammeStaff.objects.filter(programme=programme, user=controller, role=StaffRole.CONTROLLER).exists():
        errors["controller"] = _("%(name)s is not a controller of this programme.") % {
            "name": controller.get_full_name() or controller.email
        }
    if (partner is None) == (country is None):
        errors["partner"] = _("Choose either one partner or one country.")
    elif partner is not None and (
        partner.project.programme_id != programme.pk or partner.project.status not in REPORTING_STATUSES
    ):
        errors["partner"] = _("This partner is not in a contracted project of this programme.")
    elif country is not None and not programme.countries.filter(pk=country.pk).exists():
        errors["country"] = _("This country does not take part in the programme.")
    if not errors:
        duplicate = ControllerAssignment.objects.filter(programme=programme, controller=controller)
        duplicate = duplicate.filter(partner=partner) if partner else duplicate.filter(country=country)
        if duplicate.exists():
            errors["controller"] = _("%(name)s is already assigned to %(target)s.") % {
                "name": controller.get_full_name() or controller.email,
                "target": partner or country,
            }
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            assignment = ControllerAssignment.objects.create(
                programme=programme, controller=controller, partner=partner, country=country, assigned_by=by
            )
    except IntegrityError as error:  # another manager assigned the same moments ago
        raise ValidationError({"controller": _("This controller was just assigned there.")}) from error
    target = partner or country
    audit_record(action="controller.assign", actor=by, target=programme, changes={str(target): (None, str(controller))})
    notify(
        event="controller.assigned",
        actor=by,
        target=programme,
        recipients=[controller],
        title=Message(gettext_noop("You control the reports of %(target)s"), target=target),
        body=Message(gettext_noop("Submitted partner reports of %(target)s come to you for control."), target=target),
    )
    return assignment


@transaction.atomic
def controller_unassign(*, assignment: ControllerAssignment, by) -> None:
    staff_require(by, assignment.programme, StaffAction.ASSIGN_CONTROLLERS)
    target = assignment.partner or assignment.country
    audit_record(
        action="controller.unassign",
        actor=by,
        target=assignment.programme,
        changes={str(target): (str(assignment.controller), None)},
    )
    assignment.delete()
