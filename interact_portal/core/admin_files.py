"""The admin's links to uploaded files. Django's admin links a FileField to MEDIA_URL, which the portal never serves
(uploads leave only through a view that checks who asks). `FileLinksAdmin` gives a model admin a download view,
`…/<pk>/file/<field>/`, that finds the object through the admin's own queryset (the model's visibility policy) and
view permission, and answers an attachment (core.uploads.attachment). Its file inputs, its list columns and its
read-only pages (an admin without change permission) link there."""

from django.contrib import admin
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.http import Http404
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html

from .uploads import attachment, titled_name


def file_url(obj, field: str) -> str | None:
    """The admin's download URL of this object's file, or None when its admin offers none."""
    opts = obj._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_file", args=[quote(obj.pk), field])
    except NoReverseMatch:
        return None


def file_link(obj, field: str) -> str:
    file = getattr(obj, field)
    url = file_url(obj, field) if file and obj.pk else None
    if url is None:
        return "-" if not file else file.name
    return format_html('<a href="{}">{}</a>', url, _download_name(obj, file))


class _LinkedFile:
    """What the file input template reads: the file's URL (ours) and its name."""

    def __init__(self, url: str, name: str):
        self.url, self.name = url, name

    def __str__(self) -> str:
        return self.name


class DownloadFileWidget(AdminFileWidget):
    """The admin's file input, linking the current file to the checked download instead of MEDIA_URL."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        instance = getattr(value, "instance", None)
        if context["widget"]["is_initial"] and instance is not None and instance.pk:
            url = file_url(instance, value.field.name)
            if url is not None:
                context["widget"]["value"] = _LinkedFile(url, _download_name(instance, value))
        return context


def _download_name(obj, file) -> str:
    return getattr(obj, "original_name", "") or titled_name(str(obj), file.name, obj._meta.model_name)


class FileLinksAdmin:
    """ModelAdmin mixin: a checked download view for the model's files, and file inputs that link to it."""

    def get_urls(self):
        opts = self.model._meta
        if not any(isinstance(field, models.FileField) for field in opts.get_fields()):
            return super().get_urls()
        download = path(
            "<path:object_id>/file/<str:field>/",
            self.admin_site.admin_view(self.file_download),
            name=f"{opts.app_label}_{opts.model_name}_file",
        )
        return [download, *super().get_urls()]  # before the admin's catch-all "<path:object_id>/"

    def file_download(self, request, object_id, field):
        try:
            model_field = self.model._meta.get_field(field)
        except FieldDoesNotExist:
            raise Http404 from None
        if not isinstance(model_field, models.FileField):
            raise Http404
        obj = self.get_object(request, unquote(object_id))  # through get_queryset: the visibility policy
        if obj is None:
            raise Http404
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        file = getattr(obj, field)
        if not file:
            raise Http404
        return attachment(file, _download_name(obj, file))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.FileField):
            kwargs["widget"] = DownloadFileWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    # Lists and read-only pages show a FileField through display_for_field, which links to MEDIA_URL: there the
    # field's name is replaced by a column of ours (one callable per field, so that the admin finds it again).
    def get_list_display(self, request):
        return [self._file_column(name) for name in super().get_list_display(request)]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            fields = [self._file_column(name) for name in fields]
        return fields

    def _file_column(self, name):
        if not isinstance(name, str) or not isinstance(self._model_field(name), models.FileField):
            return name
        columns = self.__dict__.setdefault("_file_columns", {})
        if name not in columns:

            @admin.display(description=self._model_field(name).verbose_name)
            def column(obj):
                return file_link(obj, name)

            column.__name__ = f"{name}_file"
            columns[name] = column
        return columns[name]

    def _model_field(self, name):
        try:
            return self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return None


class FileLinksInline:
    """InlineModelAdmin mixin: file inputs linking to the download of the inline model's own admin (FileLinksAdmin)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.FileField):
            kwargs["widget"] = DownloadFileWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)
