"""An object's related rows on its admin change page as counts, each a link to the list filtered to the object.

An inline renders a form per related row, and each form's widgets and name may query: a page that grows with the
rows. A model admin declares `counted_relations` (the accessor names of relations pointing at its model, e.g.
`["partners", "collaborators"]`) and shows instead, read-only, "Partners: 12 · Collaborators: 3": one COUNT query per
relation, each count a link to that model's admin list filtered to the object (its own page paginates, filters and
edits), and an "add" link when that admin adds.
"""

from django.contrib import admin
from django.contrib.admin.utils import quote
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class CountedRelationsMixin:
    counted_relations: tuple | list = ()

    def get_object(self, request, object_id, from_field=None):
        """The request rides on the object, so that its counts are of the rows the person may see (each related
        admin's own get_queryset: drafts, another programme's rows), as the linked lists show them."""
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            obj._counted_for = request
        return obj

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if self.counted_relations and obj is not None and "counted_rows" not in fields:
            fields.append("counted_rows")
        return fields

    @admin.display(description=_("related records"))
    def counted_rows(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        parts = []
        for name in self.counted_relations:
            relation = next(r for r in obj._meta.related_objects if r.get_accessor_name() == name)
            model, key = relation.related_model, relation.field.name
            request, related_admin = getattr(obj, "_counted_for", None), self.admin_site._registry.get(model)
            if request is not None and related_admin is not None:
                rows = related_admin.get_queryset(request)
            else:
                rows = model._base_manager.all()
            n = rows.filter(**{key: obj.pk}).count()
            parts.append(self._counted_link(model, key, obj, n))
        return format_html_join(" · ", "{}", ((part,) for part in parts))

    def _counted_link(self, model, key, obj, n):
        opts = model._meta
        label = capfirst(opts.verbose_name_plural)
        if model not in self.admin_site._registry:
            return format_html("{}: {}", label, n)
        try:
            base = reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist")
        except NoReverseMatch:
            return format_html("{}: {}", label, n)
        return format_html('{}: <a href="{}?{}__exact={}">{}</a>', label, base, key, quote(obj.pk), n)
