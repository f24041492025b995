"""What programme staff may do, by role: one table, read by the staff views, the services and the templates.

Staff are assigned to programmes with a role in the admin (ProgrammeStaff). A superuser acts as a programme
manager everywhere. Anyone else sees no staff page: programmes they are not staff of are a 404, as if absent.
"""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import OuterRef, Subquery, Value
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import StaffRole
from .models import Programme, ProgrammeStaff


class StaffAction(models.TextChoices):
    VIEW = "view", gettext_lazy("see the programme's calls, applications and dashboard")
    EDIT_CALLS = "edit_calls", gettext_lazy("create, edit and publish calls")
    CHECK_ELIGIBILITY = "check_eligibility", gettext_lazy("record eligibility checks")
    ASSIGN_ASSESSORS = "assign_assessors", gettext_lazy("assign assessors")
    DECIDE = "decide", gettext_lazy("record funding decisions")
    DECIDE_CONCEPT = "decide_concept", gettext_lazy("decide on concept notes (step 1 of a two-step call)")
    CONTRACT = "contract", gettext_lazy("record contracts")
    REPORT = "report", gettext_lazy("generate and download the programme's reports")
    ASSIGN_CONTROLLERS = "assign_controllers", gettext_lazy("assign controllers to partners or countries")
    EDIT_CONTRACT = "edit_contract", gettext_lazy("edit contracts and reporting schedules")
    CONTROL = "control", gettext_lazy("carry out first-level control of the partner reports assigned to them")
    VERIFY = "verify", gettext_lazy("verify project reports")
    AUTHORISE_PAYMENT = "authorise_payment", gettext_lazy("authorise payments")
    CONFIRM_PAYMENT = "confirm_payment", gettext_lazy("confirm payments made")
    SEE_MONEY = "see_money", gettext_lazy("see reported, certified, verified and paid amounts and bank details")
    MODIFY = "modify", gettext_lazy("open, return, approve and reject modifications of contracted projects")
    CLOSE = "close", gettext_lazy("close projects")
    REOPEN = "reopen", gettext_lazy("reopen closed projects")


_ALL = frozenset(StaffRole)
# Controllers see only the partner reports assigned to them: no application, dashboard or programme report.
_PROGRAMME = _ALL - {StaffRole.CONTROLLER}
PERMITTED: dict[str, frozenset[str]] = {
    StaffAction.VIEW: _PROGRAMME,
    StaffAction.EDIT_CALLS: frozenset({StaffRole.MANAGER, StaffRole.OFFICER}),
    StaffAction.CHECK_ELIGIBILITY: frozenset({StaffRole.MANAGER, StaffRole.OFFICER}),
    StaffAction.ASSIGN_ASSESSORS: frozenset({StaffRole.MANAGER, StaffRole.OFFICER}),
    StaffAction.DECIDE: frozenset({StaffRole.MANAGER}),
    StaffAction.DECIDE_CONCEPT: frozenset({StaffRole.MANAGER, StaffRole.OFFICER}),
    StaffAction.CONTRACT: frozenset({StaffRole.MANAGER, StaffRole.OFFICER}),
    StaffAction.REPORT: _PROGRAMME,
    StaffAction.ASSIGN_CONTROLLERS: frozenset({StaffRole.MANAGER}),
    StaffAction.EDIT_CONTRACT: frozenset({StaffRole.MANAGER, StaffRole.OFFICER}),
    StaffAction.CONTROL: frozenset({StaffRole.CONTROLLER}),
    StaffAction.VERIFY: frozenset({StaffRole.MANAGER, StaffRole.OFFICER}),
    StaffAction.AUTHORISE_PAYMENT: frozenset({StaffRole.FINANCE}),
    # four eyes: a second finance officer or a manager confirms, never the one who authorised (services check it)
    StaffAction.CONFIRM_PAYMENT: frozenset({StaffRole.FINANCE, StaffRole.MANAGER}),
    StaffAction.SEE_MONEY: frozenset({StaffRole.MANAGER, StaffRole.OFFICER, StaffRole.FINANCE}),
    StaffAction.MODIFY: frozenset({StaffRole.MANAGER, StaffRole.OFFICER}),
    StaffAction.CLOSE: frozenset({StaffRole.MANAGER, StaffRole.OFFICER}),
    StaffAction.REOPEN: frozenset({StaffRole.MANAGER}),
}


def staff_programmes(user):
    """The programmes the user is staff of, each annotated with the user's role (`my_role`)."""
    if not user.is_authenticated:
        return Programme.objects.none()
    if user.is_superuser:
        return Programme.objects.annotate(my_role=Value(StaffRole.MANAGER.value))
    role = ProgrammeStaff.objects.filter(programme=OuterRef("pk"), user=user).values("role")[:1]
    return Programme.objects.filter(staff__user=user).annotate(my_role=Subquery(role))


def is_programme_staff(user) -> bool:
    return user.is_authenticated and (user.is_superuser or ProgrammeStaff.objects.filter(user=user).exists())


def role_of(user, programme) -> str | None:
    if hasattr(programme, "my_role"):
        return programme.my_role
    if user.is_superuser:
        return StaffRole.MANAGER
    return ProgrammeStaff.objects.filter(programme=programme, user=user).values_list("role", flat=True).first()


def may(user, programme, action: str) -> bool:
    return role_of(user, programme) in PERMITTED[action]


def staff_refusal(user, programme, action: str) -> str | None:
    """Why the user may not do this in the programme, or None."""
    if may(user, programme, action):
        return None
    allowed = _(" or ").join(sorted(str(StaffRole(role).label).lower() for role in PERMITTED[action]))
    return _("Only a %(roles)s of this programme may %(action)s.") % {
        "roles": allowed,
        "action": StaffAction(action).label,
    }


def staff_require(user, programme, action: str) -> None:
    """Raise the refusal as a 403 with its reason (the user is staff of the programme, without this right)."""
    if refusal := staff_refusal(user, programme, action):
        raise PermissionDenied(refusal)
