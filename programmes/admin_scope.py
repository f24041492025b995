"""In the admin, programme staff see and choose only their own programmes' objects; superusers see everything.

One rule for every programme-bound model admin: each declares `programme_path`, the lookup from its model to the
programme ("" for Programme itself). An object outside the user's programmes is a 404, as on the staff pages, and
foreign-key and many-to-many choices offer only objects the user may see.

An app above programmes may add its own visibility rule for one of its models (`visibility_register`): projects
registers who may see an application, so an admin declaring `visible_path` (the lookup to the application, "" for
the application itself) shows exactly what the staff pages show (no unsubmitted drafts, nor their partners). It may
also register when the parts of such an object may still change (`parts_editable_register`): an admin with
`parts_locked` then adds, changes and deletes its objects only while that holds (an application's partners and
collaborators, while it is a draft: the workflow says so, and the admin follows).
"""

from collections.abc import Callable

from django.db.models import Q
from django.http import Http404

from interact_portal.audit.admin import AuditedAdmin

from .models import ProgrammeStaff


def programme_scoped(queryset, path: str, user):
    if user.is_superuser:
        return queryset
    mine = ProgrammeStaff.objects.filter(user=user).values("programme")
    return queryset.filter(**{f"{path}__in" if path else "pk__in": mine})


# "app_label.model" → rule(user, prefix) returning a Q filter on a lookup (prefix) to an object of that model
VISIBILITY: dict[str, Callable[..., Q]] = {}


# "app_label.model" → rule(obj) telling whether the objects that are parts of obj may still change
PARTS_EDITABLE: dict[str, Callable[..., bool]] = {}


def visibility_register(label: str, rule: Callable[..., Q]) -> None:
    VISIBILITY[label] = rule


def parts_editable_register(label: str, rule: Callable[..., bool]) -> None:
    PARTS_EDITABLE[label] = rule


class ProgrammeScopedAdmin(AuditedAdmin):
    programme_path: str
    visible_path: str | None = None  # lookup to an object whose model registered a visibility rule
    visible_model: str = ""  # that model, "app_label.model"
    parts_locked: bool = False  # objects of this admin change only while the visible object's parts may

    def get_queryset(self, request):
        queryset = programme_scoped(super().get_queryset(request), self.programme_path, request.user)
        if self.visible_path is not None:
            prefix = f"{self.visible_path}__" if self.visible_path else ""
            queryset = queryset.filter(VISIBILITY[self.visible_model](request.user, prefix))
        return queryset

    def _parts_locked(self, obj) -> bool:
        if not self.parts_locked:
            return False
        if obj is None:
            return True  # parts are added where the workflow adds them
        whole = obj
        for name in filter(None, (self.visible_path or "").split("__")):
            whole = getattr(whole, name)
        return not PARTS_EDITABLE[self.visible_model](whole)

    def has_add_permission(self, request, *args):
        return super().has_add_permission(request, *args) and not self._parts_locked(None)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or not self._parts_locked(obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or not self._parts_locked(obj))

    def _scoped_choices(self, db_field, request, kwargs):
        related = self.admin_site._registry.get(db_field.related_model)
        if isinstance(related, ProgrammeScopedAdmin) and "queryset" not in kwargs:
            kwargs["queryset"] = related.get_queryset(request)
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(db_field, request, **self._scoped_choices(db_field, request, kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(db_field, request, **self._scoped_choices(db_field, request, kwargs))

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        """Django redirects to the index with "perhaps it was deleted"; another programme's object is a 404."""
        raise Http404
