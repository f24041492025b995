"""The API's views: one list and one detail per resource, thin — the public querysets and search live in the domain
apps, the fields in serializers.py, the parameters in filters.py.

Every list is a keyset page (pagination.py) over a queryset whose related rows are joined or prefetched, so a page
costs the same few queries whatever its size. Unknown ids and slugs are 404; objects that are not public (drafts,
unpublished calls and events, organisations only in applications) do not exist here.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from events.forms import EventFilterForm
from events.library import LibrarySearch, library_matches
from events.models import Event, LibraryItem, Topic
from partnerships.models import ProjectPartner
from programmes.forms import CallFilterForm, ProgrammeFilterForm
from programmes.models import Call, Programme
from projects.exports import with_computed
from projects.models import Project
from projects.organisation_profile import public_organisations
from projects.organisation_profile import public_partnerships as public_partners
from projects.search import public_matches

from . import serializers
from .filters import PROJECT_SORTS, LibraryFilterForm, OrganisationFilterForm, PartnerFilterForm, strict
from .filters import project_search_state as search_state
from .licence import LICENCE_NOTICE, LICENCE_URL, licence_headers
from .pagination import KeysetPagination
from .schema import form_parameters, project_parameters


class AlwaysJson(BaseContentNegotiation):
    """JSON whatever the Accept header or a `format` parameter say (an unknown parameter is ignored)."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class PublicApiView:
    """Read-only, JSON, throttled (settings.REST_FRAMEWORK), with the licence in every answer."""

    http_method_names = ["get", "head", "options"]
    content_negotiation_class = AlwaysJson
    pagination_class = KeysetPagination
    keyset = ("id",)

    def finalize_response(self, request, response, *args, **kwargs):
        return licence_headers(super().finalize_response(request, response, *args, **kwargs))


# --- projects and partners -----------------------------------------------------------------------------------

PARTNERS = ProjectPartner.objects.select_related("organisation__nuts_region").order_by("order", "pk")


# what a list row does not show: the search index's columns and the long texts
UNLISTED = (
    "search_vector",
    "acronym_trigrams",
    "partner_sectors",
    "summary",
    "programme__description",
    "specific_objective__title",
)


@extend_schema(tags=["projects"], parameters=project_parameters())
class ProjectList(PublicApiView, ListAPIView):
    """Public projects (approved, contracted, closed) matching the filters of the project database's search
    (/projects/): the same words and facets give the same projects. Newest first (`sort=date`, by start date) or
    largest budget first (`sort=budget`)."""

    serializer_class = serializers.ProjectSerializer

    def get_queryset(self):
        state = search_state(self.request.query_params)
        self.keyset = PROJECT_SORTS[state.sort]
        return (
            with_computed(public_matches(state))
            .select_related("programme", "specific_objective")
            .defer(*UNLISTED)  # the index columns are read by the WHERE clause, never sent back
        )


@extend_schema(tags=["projects"])
class ProjectDetail(PublicApiView, RetrieveAPIView):
    """A public project with its partnership, as its public page shows it."""

    serializer_class = serializers.ProjectDetailSerializer

    def get_queryset(self):
        return (
            with_computed(Project.objects.public())
            .select_related("programme", "call", "specific_objective")
            .prefetch_related(Prefetch("partners", queryset=PARTNERS))
        )


@extend_schema(tags=["partners"], parameters=form_parameters(PartnerFilterForm))
class PartnerList(PublicApiView, ListAPIView):
    """Partners of public projects: organisation, role, country, NUTS 2 region and budget (never a contact)."""

    serializer_class = serializers.PartnerSerializer

    def get_queryset(self):
        chosen = strict(PartnerFilterForm(self.request.query_params), PartnerFilterForm.base_fields)
        partners = public_partners().select_related("project", "organisation__nuts_region")
        lookups = {"project": "project_id", "organisation": "organisation_id", "country": "organisation__country"}
        return partners.filter(**{lookups.get(name, name): value for name, value in chosen.items()})


@extend_schema(tags=["partners"])
class PartnerDetail(PublicApiView, RetrieveAPIView):
    """A partner of a public project."""

    serializer_class = serializers.PartnerSerializer

    def get_queryset(self):
        return public_partners().select_related("project", "organisation__nuts_region")


# --- organisations -------------------------------------------------------------------------------------------


@extend_schema(tags=["organisations"], parameters=form_parameters(OrganisationFilterForm))
class OrganisationList(PublicApiView, ListAPIView):
    """Organisations taking part in public projects or sitting in programme bodies."""

    serializer_class = serializers.OrganisationSerializer

    def get_queryset(self):
        chosen = strict(OrganisationFilterForm(self.request.query_params), OrganisationFilterForm.base_fields)
        return public_organisations().filter(**chosen)


@extend_schema(tags=["organisations"])
class OrganisationDetail(PublicApiView, RetrieveAPIView):
    """An organisation; its partnerships are /api/v1/partners/?organisation=<id>."""

    serializer_class = serializers.OrganisationSerializer

    def get_queryset(self):
        return public_organisations()


# --- programmes, calls, events -------------------------------------------------------------------------------


def programmes():
    funded = Project.objects.public().filter(programme=OuterRef("pk")).values("programme")
    count = Subquery(funded.annotate(n=Count("pk")).values("n"), output_field=IntegerField())
    return Programme.objects.annotate(project_count=Coalesce(count, 0)).prefetch_related("countries")


PROGRAMME_FILTERS = ("period", "strand", "country")


@extend_schema(tags=["programmes"], parameters=form_parameters(ProgrammeFilterForm))
class ProgrammeList(PublicApiView, ListAPIView):
    """Interreg programmes, by slug, with their number of public projects."""

    serializer_class = serializers.ProgrammeSerializer
    keyset = ("slug",)

    def get_queryset(self):
        chosen = strict(ProgrammeFilterForm(self.request.query_params), PROGRAMME_FILTERS)
        if "country" in chosen:
            chosen["countries"] = chosen.pop("country")
        return programmes().filter(**chosen)


@extend_schema(tags=["programmes"])
class ProgrammeDetail(PublicApiView, RetrieveAPIView):
    """A programme by its slug."""

    serializer_class = serializers.ProgrammeSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return programmes()


@extend_schema(tags=["calls"], parameters=form_parameters(CallFilterForm))
class CallList(PublicApiView, ListAPIView):
    """Published calls for proposals, latest opening first; `status` is open, upcoming or closed now."""

    serializer_class = serializers.CallSerializer
    keyset = ("-opens_at", "-id")

    def get_queryset(self):
        chosen = strict(CallFilterForm(self.request.query_params), ("programme", "status"))
        calls = Call.objects.published().select_related("programme")
        if "programme" in chosen:
            calls = calls.filter(programme=chosen["programme"])
        if "status" in chosen:
            calls = {"open": calls.open_now, "upcoming": calls.upcoming, "closed": calls.closed}[chosen["status"]]()
        return calls

    def get_serializer_context(self):
        return super().get_serializer_context() | {"now": timezone.now()}


@extend_schema(tags=["calls"])
class CallDetail(PublicApiView, RetrieveAPIView):
    """A published call."""

    serializer_class = serializers.CallSerializer

    def get_queryset(self):
        return Call.objects.published().select_related("programme")


EVENT_FILTERS = ("when", "type", "format", "topic", "audience")


def published_events():
    return Event.objects.published().select_related("organising_office").prefetch_related("topics", "audiences")


@extend_schema(tags=["events"], parameters=form_parameters(EventFilterForm, EVENT_FILTERS))
class EventList(PublicApiView, ListAPIView):
    """Published learning events, latest start first; `when=upcoming` or `when=past` to choose."""

    serializer_class = serializers.EventSerializer
    keyset = ("-starts_at", "-id")

    def get_queryset(self):
        chosen = strict(EventFilterForm(self.request.query_params), EVENT_FILTERS)
        events = published_events()
        when = chosen.pop("when", "")
        if when:
            now = timezone.now()
            events = events.filter(ends_at__gte=now) if when == "upcoming" else events.filter(ends_at__lt=now)
        if "topic" in chosen:
            events = events.filter(topics=chosen.pop("topic"))
        if "audience" in chosen:
            events = events.filter(audiences=chosen.pop("audience"))
        return events.filter(**chosen)


@extend_schema(tags=["events"])
class EventDetail(PublicApiView, RetrieveAPIView):
    """A published event by its slug."""

    serializer_class = serializers.EventSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return published_events()


LIBRARY_FILTERS = ("q", "topic", "kind", "language")


def public_library_items():
    """The library's items for everyone (never an item for signed-in people only), without their heavy columns."""
    return LibraryItem.objects.visible_to(AnonymousUser()).select_related("topic").defer("text", "search_vector")


@extend_schema(tags=["library"], parameters=form_parameters(LibraryFilterForm, LIBRARY_FILTERS))
class LibraryList(PublicApiView, ListAPIView):
    """The knowledge library's public items, newest first; words search titles, descriptions and the PDFs' text."""

    serializer_class = serializers.LibraryItemSerializer
    keyset = ("-date", "-id")

    def get_queryset(self):
        chosen = strict(LibraryFilterForm(self.request.query_params), LIBRARY_FILTERS)
        topics = {topic.slug: topic for topic in Topic.objects.filter(slug=chosen.get("topic", ""))}
        if "topic" in chosen and not topics:
            return public_library_items().none()  # an unknown topic: no item, as the library's own search
        facets = {name: chosen[name] for name in ("topic", "kind", "language") if name in chosen}
        matches = library_matches(AnonymousUser(), LibrarySearch(q=chosen.get("q", ""), facets=facets), topics)
        return public_library_items().filter(pk__in=matches.order_by().values("pk"))


@extend_schema(tags=["library"])
class LibraryDetail(PublicApiView, RetrieveAPIView):
    """A public item of the knowledge library."""

    serializer_class = serializers.LibraryItemSerializer

    def get_queryset(self):
        return public_library_items()


# --- the root and unknown addresses --------------------------------------------------------------------------

RESOURCES = ("projects", "partners", "organisations", "programmes", "calls", "events", "library")


@extend_schema(exclude=True)
class ApiRoot(PublicApiView, APIView):
    """The resources of version 1, the description and the licence."""

    def get(self, request):
        links = {name: reverse(f"api:{name}", request=request) for name in RESOURCES}
        links |= {"schema": reverse("api:schema", request=request), "docs": reverse("api:docs", request=request)}
        return Response({"licence": str(LICENCE_NOTICE), "licence_url": LICENCE_URL, **links})


@extend_schema(exclude=True)
class NotFoundView(PublicApiView, APIView):
    """Any other address under /api/v1/: a JSON 404 (a project id that is not a number, a resource that does not
    exist)."""

    def get(self, request, rest=""):
        raise NotFound
