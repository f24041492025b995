"""In the admin, programme staff see and choose only their own programmes' objects; superusers see everything.

One rule for every programme-bound model admin: each declares `programme_path`, the lookup from its model to the
programme ("" for Programme itself). An object outside the user's programmes is a 404, as on the staff pages, and
foreign-key and many-to-many choices offer only objects the user may see.

An app above programmes may add its own visibility rule for one of its models (`visibility_register`): projects
registers who may see an application, so an admin declaring `visible_path` (the lookup to the application, "" for
the application itself) shows exactly what the staff pages show (no unsubmitted drafts, nor their partners).
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


def visibility_register(label: str, rule: Callable[..., Q]) -> None:
    VISIBILITY[label] = rule


class ProgrammeScopedAdmin(AuditedAdmin):
    programme_path: str
    visible_path: str | None = None  # lookup to an object whose model registered a visibility rule
    visible_model: str = ""  # that model, "app_label.model"

    def get_queryset(self, request):
        queryset = programme_scoped(super().get_queryset(request), self.programme_path, request.user)
        if self.visible_path is not None:
            prefix = f"{self.visible_path}__" if self.visible_path else ""
            queryset = queryset.filter(VISIBILITY[self.visible_model](request.user, prefix))
        return queryset

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
