"""Keyset pages for the API: Django REST framework's CursorPagination, compared on the whole sort key.

DRF's own cursor keeps the first ordering field and an offset among equal values, and gives up past
`offset_cutoff` equal values — a project database has thousands of projects without a start date (they sort on
one date), so it would repeat rows. Here the cursor holds every field of the view's `keyset` (the last one unique,
the id or the slug), and a page is `WHERE (sort_date, id) < (%s, %s) ORDER BY sort_date DESC, id DESC LIMIT n + 1`,
which the partial indexes of the search answer (projects.models: project_public_date, project_public_budget): the
thousandth page costs what the first does, and a walk meets every row exactly once.

A cursor is opaque (URL-safe base64 of JSON). A malformed or forged one, or a page size out of range, is a 400
with the reason, never a 500.
"""

import base64
import binascii
import datetime
import json
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.db.models import F, Func, TextField, Value
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from .licence import LICENCE_NOTICE, LICENCE_URL

BIGINT = 2**63 - 1
DECIMAL_LIMIT = Decimal(10) ** 15
MAX_CURSOR = 400  # characters: a cursor of ours is well under 200


def _row(*values) -> Func:
    return Func(*values, function="ROW", output_field=TextField())


class KeysetPagination(CursorPagination):
    cursor_query_param = "cursor"
    cursor_query_description = gettext_lazy("The `next` or `previous` link of a page carries it; opaque.")
    page_size_query_param = "page_size"
    ordering = ("id",)

    def __init__(self):
        self.page_size = settings.API_PAGE_SIZE
        self.max_page_size = settings.API_MAX_PAGE_SIZE

    @property
    def page_size_query_description(self):
        return _("Results per page, 1 to %(max)d (default %(default)d).") % {
            "max": self.max_page_size,
            "default": self.page_size,
        }

    # --- reading the request ---------------------------------------------------------------------------------

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param, "")
        if raw == "":
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            raise ValidationError(
                {self.page_size_query_param: [_("A whole number from 1 to %(max)d.") % {"max": self.max_page_size}]}
            )
        return size

    def get_ordering(self, request, queryset, view):
        keyset = tuple(getattr(view, "keyset", None) or self.ordering)
        directions = {name.startswith("-") for name in keyset}
        assert len(directions) == 1, "a keyset is all ascending or all descending"  # noqa: S101 - a coding error
        return keyset

    def decode_cursor(self, request):
        """(reverse, key) from the `cursor` parameter, None without one; anything else is a 400."""
        encoded = request.query_params.get(self.cursor_query_param, "")
        if encoded == "":
            return None
        try:
            if len(encoded) > MAX_CURSOR:
                raise ValueError
            data = json.loads(base64.urlsafe_b64decode(encoded.encode("ascii") + b"=" * (-len(encoded) % 4)))
            values = data["k"]
            reverse = data.get("r", False)
            if not isinstance(values, list) or len(values) != len(self.fields) or not isinstance(reverse, bool):
                raise ValueError
            key = tuple(self._parse(field, value) for field, value in zip(self.fields, values, strict=True))
        except (ValueError, TypeError, KeyError, AttributeError, UnicodeError, binascii.Error, DjangoValidationError):
            raise ValidationError(
                {self.cursor_query_param: [_("Invalid cursor: use the next or previous link.")]}
            ) from None
        return Cursor(offset=0, reverse=reverse, position=key)

    def _parse(self, field: models.Field, value):
        if not isinstance(value, str | int):
            raise ValueError
        value = field.to_python(value)
        if isinstance(value, int) and not -BIGINT <= value <= BIGINT:
            raise ValueError
        if isinstance(value, Decimal) and (not value.is_finite() or abs(value) >= DECIMAL_LIMIT):
            raise ValueError
        if isinstance(value, datetime.datetime) and timezone.is_naive(value):
            value = timezone.make_aware(value, datetime.UTC)
        return value

    def encode_cursor(self, cursor):
        values = [v.isoformat() if isinstance(v, datetime.date) else str(v) for v in cursor.position]
        data = json.dumps({"k": values, "r": cursor.reverse} if cursor.reverse else {"k": values})
        encoded = base64.urlsafe_b64encode(data.encode()).decode("ascii").rstrip("=")
        return replace_query_param(self.base_url, self.cursor_query_param, encoded)

    # --- the page --------------------------------------------------------------------------------------------

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.base_url = request.build_absolute_uri()
        self.page_size = self.get_page_size(request)
        self.ordering = self.get_ordering(request, queryset, view)
        self.names = [name.lstrip("-") for name in self.ordering]
        self.fields = [_model_field(queryset.model, name) for name in self.names]
        self.cursor = self.decode_cursor(request)
        descending = self.ordering[0].startswith("-")
        backwards = self.cursor is not None and self.cursor.reverse
        rows = queryset
        if self.cursor is not None:
            rows = rows.alias(keyset_row=_row(*(F(name) for name in self.names)))
            bound = _row(*(Value(value) for value in self.cursor.position))
            later = descending != backwards  # walking towards smaller keys
            rows = rows.filter(keyset_row__lt=bound) if later else rows.filter(keyset_row__gt=bound)
        walk_descending = descending != backwards
        order = [F(name).desc() if walk_descending else F(name).asc() for name in self.names]
        found = list(rows.order_by(*order)[: self.page_size + 1])
        more = len(found) > self.page_size
        found = found[: self.page_size]
        if backwards:
            found.reverse()
            self.has_next, self.has_previous = True, more
        else:
            self.has_next, self.has_previous = more, self.cursor is not None
        self.page = found
        return found

    def _key(self, row) -> tuple:
        return tuple(getattr(row, name) for name in self.names)

    def get_next_link(self):
        if not self.has_next:
            return None
        # walked back before the first row: what follows the cursor
        key = self._key(self.page[-1]) if self.page else self.cursor.position
        return self.encode_cursor(Cursor(offset=0, reverse=False, position=key))

    def get_previous_link(self):
        if not self.has_previous:
            return None
        # walked past the last row: what precedes the cursor
        key = self._key(self.page[0]) if self.page else self.cursor.position
        return self.encode_cursor(Cursor(offset=0, reverse=True, position=key))

    def get_first_link(self):
        return remove_query_param(self.base_url, self.cursor_query_param)

    def get_paginated_response(self, data):
        return Response(
            {
                "licence": str(LICENCE_NOTICE),
                "licence_url": LICENCE_URL,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        described = super().get_paginated_response_schema(schema)
        described["required"] = ["licence", "licence_url", "next", "previous", "results"]
        described["properties"] = {
            "licence": {"type": "string", "example": str(LICENCE_NOTICE)},
            "licence_url": {"type": "string", "format": "uri", "example": LICENCE_URL},
            **described["properties"],
        }
        return described

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
        return parameters


def _model_field(model, name: str) -> models.Field:
    """The field a keyset name reads (a generated column answers with its output field's parsing)."""
    field = model._meta.get_field("id" if name == "pk" else name)
    return field.output_field if isinstance(field, models.GeneratedField) else field
