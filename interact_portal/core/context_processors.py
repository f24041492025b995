"""Template context shared by every page: the navigation for the visitor's role.

Two groups, so the header stays one row on a desktop: the main items (where things are) and the person menu (what
is mine: notifications, reports, account, data, administration)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

ROLE_LABELS = {"visitor": _("Visitor"), "applicant": _("Applicant"), "staff": _("Staff"), "admin": _("Admin")}


def navigation(request):
    user = request.user
    role = user.role if user.is_authenticated else "visitor"
    items = [
        (_("Programmes"), reverse("database:programme_list")),
        (_("Calls"), reverse("programmes:call_list")),
        (_("Projects"), reverse("database:search")),
        (_("Events"), reverse("events:list")),
        (_("Library"), reverse("library:search")),
    ]
    person_items = []
    if role != "visitor":
        items.append((_("My applications"), reverse("projects:list")))
        person_items.append((_("Notifications"), reverse("notifications:list")))
        person_items.append((_("Reports"), reverse("reports:list")))
        person_items.append((_("My project ideas"), reverse("ideas:mine")))  # the partner search (issue 21)
        person_items.append((_("My account"), reverse("profile")))
        person_items.append((_("Your data"), reverse("my_data")))
    # controllers of partner reports: remembered at login by projects.receivers (no query on every page)
    if role != "visitor" and getattr(request, "session", {}).get("portal_controls"):
        items.append((_("My control work"), reverse("control:workspace")))
    if role in ("staff", "admin"):
        items.append((_("Staff workspace"), reverse("staff:home")))
        person_items.append((_("Administration"), reverse("admin:index")))
    elif role != "visitor" and getattr(request, "session", {}).get("portal_staff_work"):
        items.append((_("Staff workspace"), reverse("staff:home")))  # e.g. a finance officer, not in the admin
    return {
        "nav_role": role,
        "nav_role_label": ROLE_LABELS[role],
        "nav_items": items,
        "person_items": person_items,
        "notifications_url": reverse("notifications:list") if role != "visitor" else "",
    }
