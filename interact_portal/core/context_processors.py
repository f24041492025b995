"""Template context shared by every page: the navigation for the visitor's role."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def navigation(request):
    user = request.user
    role = user.role if user.is_authenticated else "visitor"
    items = [
        (_("Home"), reverse("home")),
        (_("Programmes"), reverse("database:programme_list")),
        (_("Calls"), reverse("programmes:call_list")),
        (_("Projects"), reverse("database:search")),
        (_("Events"), reverse("events:list")),
    ]
    if role != "visitor":
        items.append((_("My applications"), reverse("projects:list")))
        items.append((_("Notifications"), reverse("notifications:list")))
        items.append((_("Reports"), reverse("reports:list")))
        items.append((_("My account"), reverse("account_email")))
    if role in ("staff", "admin"):
        items.append((_("Staff workspace"), reverse("staff:home")))
        items.append((_("Administration"), reverse("admin:index")))
    return {"nav_role": role, "nav_items": items}
