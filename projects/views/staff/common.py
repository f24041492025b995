"""What every staff page shares: who may enter, finding the programme and the application, the tabs."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from programmes.staff import StaffAction, is_programme_staff, may, staff_programmes

from ...models import Project
from ...permissions import staff_visible

TABS = [
    ("dashboard", _("Dashboard"), "staff:dashboard"),
    ("applications", _("Applications"), "staff:applications"),
    ("calls", _("Calls"), "staff:calls"),
    ("reports", _("Reports"), "staff:reports"),
    ("indicators", _("Indicators"), "staff:indicators"),
    # project reports and payments (helper D)
    ("verification", _("Verification"), "staff:verifications"),
    ("payments", _("Payments"), "staff:payments"),
    ("modifications", _("Modifications"), "staff:modifications"),  # issue 19
]
# tabs shown only to the roles that may open them (any other tab: every role that may view the programme)
TAB_ACTIONS = {"verification": StaffAction.SEE_MONEY, "payments": StaffAction.SEE_MONEY}


def staff_only(view):
    """Signed in and staff of at least one programme; anyone else gets a 404, as if the workspace did not exist."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_programme_staff(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def programme_or_404(request, slug: str, action: str = StaffAction.VIEW):
    """The programme, if the user is its staff with a role that may `action` there (annotated with `my_role`); any
    other programme is a 404 (a controller, who sees only their control work, finds no application page)."""
    programme = get_object_or_404(staff_programmes(request.user), slug=slug)
    if not may(request.user, programme, action):
        raise Http404
    return programme


def application_or_404(request, programme, pk: int) -> Project:
    """An application of the programme that the user may see as staff (drafts belong to the applicants)."""
    applications = staff_visible(request.user, programme=programme)
    return get_object_or_404(applications.select_related("call", "specific_objective__priority"), pk=pk)


def staff_context(request, programme, current: str) -> dict:
    return {
        "programme": programme,
        "role": programme.my_role,
        "may": {action.value: may(request.user, programme, action) for action in StaffAction},
        "tabs": [
            (key, label, reverse(name, args=[programme.slug]))
            for key, label, name in TABS
            if key not in TAB_ACTIONS or may(request.user, programme, TAB_ACTIONS[key])
        ],
        "current": current,
    }
