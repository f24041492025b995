"""The API's OpenAPI 3 description (drf-spectacular) and its query parameters, read from the filter forms the views
use, so the description cannot drift from what the views accept.

The description is generated once per process and language (it depends only on the code) and served as YAML or
JSON (`?format=json`, or an Accept header naming JSON) at /api/v1/schema/; /api/v1/docs/ renders the same
description as a plain HTML page of the portal (no script, no CDN).
"""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response

from projects.filters import FACETS, ProjectSearchForm

from .licence import licence_headers

PROJECT_HELP = {
    "q": _("Words, as in the search box: quotes for a phrase, OR, -word to exclude; near-miss acronyms match."),
    "programme": _("Programme slug, as in /programmes/<slug>/."),
    "period": _("Programming period."),
    "strand": _("Interreg strand."),
    "country": _("A partner's country (ISO 3166 code, e.g. AT)."),
    "lead_country": _("The lead partner's country (ISO 3166 code)."),
    "region": _("A partner's NUTS 2 region, e.g. AT13."),
    "objective": _("Specific objective (its id)."),
    "status": _("approved, contracted or closed."),
    "budget": _("Total budget band, from under €0.5 million (lt500k) to €5 million or more (5m+)."),
    "sector": _("Projects with a public or a private partner."),
    "results": _("yes: closed projects whose results are published."),
}


def _parameter(name: str, field: forms.Field, description) -> OpenApiParameter:
    enum = None
    if isinstance(field, forms.ModelChoiceField):
        kind = OpenApiTypes.STR
    elif isinstance(field, forms.ChoiceField):
        kind = OpenApiTypes.STR
        enum = [str(value) for value, _label in field.choices if value != ""]
    elif isinstance(field, forms.IntegerField):
        kind = OpenApiTypes.INT
    else:
        kind = OpenApiTypes.STR
    return OpenApiParameter(name, kind, OpenApiParameter.QUERY, description=description or "", enum=enum)


def form_parameters(form_class, names=None) -> list[OpenApiParameter]:
    """The form's fields (or those named) as query parameters: type, allowed values, help text."""
    help_texts = getattr(form_class, "help_texts", {})
    fields = form_class.base_fields
    return [
        _parameter(name, fields[name], help_texts.get(name) or fields[name].label)
        for name in (names or fields)
        if name in fields
    ]


def project_parameters() -> list[OpenApiParameter]:
    fields = ProjectSearchForm.base_fields
    parameters = [_parameter(name, fields[name], PROJECT_HELP.get(name)) for name in ("q", *FACETS)]
    sort = _("date (newest start first, the default) or budget (largest first).")
    parameters.append(
        OpenApiParameter("sort", OpenApiTypes.STR, OpenApiParameter.QUERY, description=sort, enum=["date", "budget"])
    )
    return parameters


# --- serving the description ---------------------------------------------------------------------------------

_described: dict[str, dict] = {}


def described(request=None) -> dict:
    """The OpenAPI description of /api/v1/ in the active language, generated once per process."""
    language = get_language() or ""
    if language not in _described:
        _described[language] = SchemaGenerator().get_schema(request=None, public=True)
    return _described[language]


class SchemaNegotiation(BaseContentNegotiation):
    """`?format=json|yaml` when given and known, else JSON for an Accept header naming JSON, else YAML; an unknown
    format is ignored like any unknown parameter."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        wanted = request.query_params.get("format", "")
        if wanted not in ("json", "yaml"):
            accept = request.META.get("HTTP_ACCEPT", "").lower()
            wanted = "json" if "json" in accept and "yaml" not in accept else "yaml"
        renderer = next(r for r in renderers if r.format == wanted)
        return renderer, renderer.media_type


@extend_schema(exclude=True)
class SchemaView(SpectacularAPIView):
    http_method_names = ["get", "head", "options"]
    content_negotiation_class = SchemaNegotiation

    def get(self, request, *args, **kwargs):
        response = Response(described(request))
        response["Content-Disposition"] = f'inline; filename="interact-portal-api.{self._format(request)}"'
        return response

    def _format(self, request) -> str:
        return self.perform_content_negotiation(request, force=True)[0].format

    def finalize_response(self, request, response, *args, **kwargs):
        return licence_headers(super().finalize_response(request, response, *args, **kwargs))
