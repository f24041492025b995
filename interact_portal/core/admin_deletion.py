"""Deleting in the admin without loading what would be deleted: counts per relation, never a row per object.

Django's delete-confirmation page (and the "delete selected" action) collects every object a delete would reach and
renders each one, querying for every name it shows: an organisation with thousands of partnerships, a person with
thousands of notifications cost thousands of queries and a page nobody reads. `CountedDeletionMixin` lists the
objects being deleted and, for each relation that reaches them, the number of rows: one COUNT query per relation of
the schema (followed through CASCADE, `MAX_DEPTH` levels deep), whatever the data. Rows held by a PROTECT or
RESTRICT reference are reported, counted, as protected, so the admin refuses with the reason; each count links to
the related model's list, filtered to the object, when that list exists and the person may read it. The relations
of a relation with no rows are not asked about: what the page costs depends on the schema, never on how many rows.

The permission to delete what a cascade takes is checked for each related model (and for one row of each relation,
standing for the others: the portal's per-object rules depend on the parent, e.g. an application's partners while
it is a draft). Should the database still refuse (a protected row deeper than the counts look, or one added since
the page was shown), the delete is rolled back and the admin says why: a message, never a server error.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.db import models, router, transaction
from django.db.models import Count, ProtectedError, RestrictedError
from django.http import HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _

MAX_DEPTH = 4  # relations of relations followed through CASCADE; deeper, the database's refusal is the guard
REFUSING = (models.PROTECT, models.RESTRICT)


@dataclass
class Reach:
    """One relation the delete reaches: rows of `model` whose `lookup` leads to an object being deleted."""

    model: type
    lookup: str  # from a row of `model` to the deleted object's primary key
    field_name: str  # the foreign key of `model` that holds the reference (for the link to the filtered list)
    direct: bool
    protected: bool
    via: str  # the relation it is reached through ("" when direct)
    counts: dict = field(default_factory=dict)  # deleted object's pk → rows
    children: list = field(default_factory=list)


def _relations(model):
    """The foreign keys pointing at the model, hidden ones (related_name="+", many-to-many rows) included."""
    for relation in model._meta.get_fields(include_hidden=True):
        if relation.auto_created and not relation.concrete and (relation.one_to_many or relation.one_to_one):
            yield relation


def reaches(model, ids, *, to_root: str = "", path: tuple = (), via: str = "") -> list[Reach]:
    """Count, per relation, the rows a delete of `ids` would take or be refused by: one query per relation.

    `to_root` is the lookup from a row of `model` to the deleted object ("" for the deleted model itself)."""
    found, depth = [], len(path) + 1
    for relation in _relations(model):
        on_delete = relation.on_delete
        if on_delete is not models.CASCADE and on_delete not in REFUSING:
            continue  # SET_NULL, SET_DEFAULT, SET(), DO_NOTHING: the rows stay
        related = relation.related_model
        lookup = f"{relation.field.name}__{to_root}" if to_root else relation.field.name
        counts = dict(
            related._base_manager.filter(**{f"{lookup}__in": ids})
            .values_list(lookup)
            .annotate(n=Count("pk"))
            .order_by()
        )
        reach = Reach(related, lookup, relation.field.name, depth == 1, on_delete in REFUSING, via, counts)
        found.append(reach)
        followable = on_delete is models.CASCADE and depth < MAX_DEPTH and related not in (model, *path)
        if counts and followable:
            plural = str(related._meta.verbose_name_plural)
            reach.children = reaches(related, ids, to_root=lookup, path=(*path, model), via=plural)
    return found


def _walk(found):
    for reach in found:
        yield reach
        yield from _walk(reach.children)


def _changelist_link(model_admin, request, reach, pk, label, n):
    """“Partners: 12”, linked to the partners' list filtered to the object when there is one this person may read."""
    related_admin = model_admin.admin_site._registry.get(reach.model)
    text = format_html("{}: {}", label, n)
    if not reach.direct or related_admin is None or not related_admin.has_view_or_change_permission(request):
        return text
    opts = reach.model._meta
    try:
        url = reverse(f"{model_admin.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist")
    except NoReverseMatch:
        return text
    return format_html('{}: <a href="{}?{}__exact={}">{}</a>', label, url, reach.field_name, quote(pk), n)


def _label(reach) -> str:
    plural = capfirst(reach.model._meta.verbose_name_plural)
    if reach.via:
        return _("%(kind)s (through %(via)s)") % {"kind": plural, "via": reach.via}
    return str(plural)


def _lines(model_admin, request, found, pk, *, protected: bool):
    """The nested list of counts under one object: what the delete takes (or what refuses it)."""
    lines = []
    for reach in found:
        n = reach.counts.get(pk, 0)
        if not n:
            continue
        inner = _lines(model_admin, request, reach.children, pk, protected=protected)
        if reach.protected == protected:
            lines.append(_changelist_link(model_admin, request, reach, pk, _label(reach), n))
            if inner and not protected:
                lines.append(inner)
        elif inner and protected:
            lines.extend(inner)  # a protected row deeper down, under a relation that would be deleted
    return lines


def _object_line(model_admin, request, obj):
    opts = obj._meta
    text = capfirst(opts.verbose_name)
    if model_admin.has_change_permission(request, obj) or model_admin.has_view_permission(request, obj):
        try:
            url = reverse(
                f"{model_admin.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)]
            )
        except NoReverseMatch:
            return format_html("{}: {}", text, obj)
        return format_html('{}: <a href="{}">{}</a>', text, url, obj)
    return format_html("{}: {}", text, obj)


def _perms_needed(model_admin, request, found, objects) -> set[str]:
    """The kinds of objects the delete takes that this person may not delete."""
    needed = set()
    if not all(model_admin.has_delete_permission(request, obj) for obj in objects):
        needed.add(str(model_admin.opts.verbose_name))
    ids = [obj.pk for obj in objects]
    for reach in _walk(found):
        related_admin = model_admin.admin_site._registry.get(reach.model)
        if reach.protected or not reach.counts or related_admin is None:
            continue
        one = reach.model._base_manager.filter(**{f"{reach.lookup}__in": ids}).first()
        if not (related_admin.has_delete_permission(request) and related_admin.has_delete_permission(request, one)):
            needed.add(str(reach.model._meta.verbose_name))
    return needed


def deletion_summary(model_admin, objs, request):
    """What get_deleted_objects returns — (objects, counts by kind, kinds not permitted, protected) — by counting."""
    objects = list(objs)
    ids = [obj.pk for obj in objects]
    found = reaches(type(objects[0]) if objects else model_admin.model, ids)
    to_delete, protected = [], []
    for obj in objects:
        to_delete.append(_object_line(model_admin, request, obj))
        if lines := _lines(model_admin, request, found, obj.pk, protected=False):
            to_delete.append(lines)
        if lines := _lines(model_admin, request, found, obj.pk, protected=True):
            protected.append(format_html("{}:", _object_line(model_admin, request, obj)))
            protected.append(lines)
    totals = defaultdict(int)
    totals[str(model_admin.opts.verbose_name_plural)] = len(objects)
    for reach in _walk(found):
        if not reach.protected and reach.counts:
            totals[str(reach.model._meta.verbose_name_plural)] += sum(reach.counts.values())
    return to_delete, dict(totals), _perms_needed(model_admin, request, found, objects), protected


def refusal_text(error) -> str:
    """Why the database refused a delete: which kinds of objects, and how many, still refer to it ("projects: 3")."""
    held = getattr(error, "protected_objects", None) or getattr(error, "restricted_objects", None) or ()
    kinds = defaultdict(int)
    for obj in held:
        kinds[str(obj._meta.verbose_name_plural)] += 1
    return ", ".join(f"{kind}: {n}" for kind, n in sorted(kinds.items()))


class CountedDeletionMixin:
    """For a ModelAdmin: the delete-confirmation pages count instead of listing, and a refused delete is a message."""

    def get_deleted_objects(self, objs, request):
        return deletion_summary(self, objs, request)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except (ProtectedError, RestrictedError) as error:  # the delete's transaction was rolled back
            text = _("“%(object)s” could not be deleted: other records still refer to it (%(what)s).")
            obj = self.get_object(request, unquote(object_id))
            self.message_user(request, text % {"object": obj, "what": refusal_text(error)}, messages.ERROR)
            opts = self.opts
            url = reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[object_id])
            return HttpResponseRedirect(url)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            func, name, description = actions["delete_selected"]
            actions["delete_selected"] = (_refusal_as_message(func), name, description)
        return actions


def _refusal_as_message(delete_selected):
    def guarded(model_admin, request, queryset):
        try:
            with transaction.atomic(using=router.db_for_write(model_admin.model)):
                return delete_selected(model_admin, request, queryset)
        except (ProtectedError, RestrictedError) as error:
            text = _("The selected %(kind)s could not be deleted: other records still refer to them (%(what)s).")
            kind = model_admin.opts.verbose_name_plural
            model_admin.message_user(request, text % {"kind": kind, "what": refusal_text(error)}, messages.ERROR)
            return None

    guarded.__name__ = getattr(delete_selected, "__name__", "delete_selected")
    guarded.short_description = getattr(delete_selected, "short_description", None)
    guarded.allowed_permissions = getattr(delete_selected, "allowed_permissions", ("delete",))
    return guarded
