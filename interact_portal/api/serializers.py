"""What the API says about each public object: the fields its public page shows, never a contact field.

Partners: organisation, role, country, region and budget, as the project page's partnership table (no contact
person, email, phone, address or bank data). Organisations: what /organisations/<id>/ shows (no address, VAT
number or PIC). Field names of projects follow the open-data exports (projects/exports.py FIELDS).
"""

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from events.models import Event, LibraryItem
from partnerships.models import Organisation, ProjectPartner
from programmes.models import Call, Programme
from projects.models import Project

from .fields import PublicModelSerializer, PublicTextField, PublicURLField


class _PageLink(serializers.Field):
    """The absolute address of the object's public page (or of another API answer)."""

    def __init__(self, name: str, key: str = "pk", **kwargs):
        self.route, self.key = name, key
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    SENTINEL = "0123456789"  # an argument every route takes (int and slug): reversed once, then replaced per row

    def to_representation(self, value):
        if not hasattr(self, "_address"):  # a list's rows share one field: one reverse() per page, not per row
            path = reverse(self.route, args=[self.SENTINEL])
            request = self.context.get("request")
            head, _, tail = (request.build_absolute_uri(path) if request else path).rpartition(self.SENTINEL)
            self._address = head, tail
        head, tail = self._address
        return f"{head}{getattr(value, self.key)}{tail}"


_PageLink = extend_schema_field(OpenApiTypes.URI)(_PageLink)


def page_link(name: str, key: str = "pk", help_text: str = "") -> serializers.Field:
    return _PageLink(name, key, help_text=help_text)


# --- references to other objects ---------------------------------------------------------------------------


class ProgrammeRefSerializer(PublicModelSerializer):
    class Meta:
        model = Programme
        fields = ["slug", "name"]


class OrganisationRefSerializer(PublicModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name"]


class ProjectRefSerializer(PublicModelSerializer):
    class Meta:
        model = Project
        fields = ["id", "acronym"]


# --- projects ----------------------------------------------------------------------------------------------


class ProjectSerializer(PublicModelSerializer):
    programme = ProgrammeRefSerializer(read_only=True)
    period = serializers.CharField(source="programme.period", read_only=True)
    strand = serializers.CharField(source="programme.strand", read_only=True)
    specific_objective = PublicTextField(source="specific_objective.code", read_only=True, allow_null=True)
    total_budget_eur = serializers.DecimalField(source="total_budget", max_digits=14, decimal_places=2)
    lead_partner_country = serializers.CharField(source="lead_country")
    results_available = serializers.BooleanField(source="has_results")
    results_summary = PublicTextField(source="published_summary", read_only=True)
    main_achievements = PublicTextField(source="published_achievements", read_only=True)
    page = page_link("database:detail", help_text="The project's public page.")
    api = page_link("api:project", help_text="This project in the API.")

    class Meta:
        model = Project
        fields = [
            "id",
            "acronym",
            "title",
            "programme",
            "period",
            "strand",
            "specific_objective",
            "status",
            "start_date",
            "end_date",
            "total_budget_eur",
            "partner_count",
            "lead_partner_country",
            "partner_countries",
            "partner_regions",
            "results_available",
            "results_summary",
            "main_achievements",
            "page",
            "api",
        ]


class ProjectPartnerSerializer(PublicModelSerializer):
    """A partner as the project page's partnership table shows it."""

    organisation = OrganisationRefSerializer(read_only=True)
    country = serializers.CharField(source="organisation.country_id", read_only=True)
    region = serializers.CharField(source="organisation.nuts_region.code", read_only=True, allow_null=True)
    budget_eur = serializers.DecimalField(source="budget", max_digits=14, decimal_places=2)

    class Meta:
        model = ProjectPartner
        fields = ["id", "organisation", "role", "country", "region", "budget_eur"]


class ProjectDetailSerializer(ProjectSerializer):
    summary = PublicTextField()
    call = serializers.SerializerMethodField()
    specific_objective_title = PublicTextField(source="specific_objective.title", read_only=True, allow_null=True)
    partners = ProjectPartnerSerializer(many=True, read_only=True)

    class Meta(ProjectSerializer.Meta):
        fields = [
            *ProjectSerializer.Meta.fields[:7],
            "specific_objective_title",
            "summary",
            "call",
            *ProjectSerializer.Meta.fields[7:],
            "partners",
        ]

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {"id": {"type": "integer"}, "reference": {"type": "string"}, "title": {"type": "string"}},
        }
    )
    def get_call(self, project):
        call = project.call
        if call is None:
            return None
        return {"id": call.pk, "reference": call.reference, "title": PublicTextField().to_representation(call.title)}


class PartnerSerializer(ProjectPartnerSerializer):
    project = ProjectRefSerializer(read_only=True)
    api = page_link("api:partner", help_text="This partner in the API.")

    class Meta(ProjectPartnerSerializer.Meta):
        fields = ["id", "project", *ProjectPartnerSerializer.Meta.fields[1:], "api"]


# --- organisations, programmes, calls, events ----------------------------------------------------------------


class OrganisationSerializer(PublicModelSerializer):
    legal_status = PublicTextField(source="legal_status.name", read_only=True, allow_null=True)
    country = serializers.CharField(source="country_id", read_only=True)
    country_name = PublicTextField(source="country.name", read_only=True)
    region = serializers.CharField(source="nuts_region.code", read_only=True, allow_null=True)
    region_name = PublicTextField(source="nuts_region.name", read_only=True, allow_null=True)
    website = PublicURLField()
    page = page_link("database:organisation", help_text="The organisation's public page.")
    api = page_link("api:organisation", help_text="This organisation in the API.")

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "name_en",
            "type",
            "sector",
            "legal_status",
            "country",
            "country_name",
            "region",
            "region_name",
            "city",
            "website",
            "page",
            "api",
        ]


class ProgrammeSerializer(PublicModelSerializer):
    total_budget_eur = serializers.DecimalField(source="total_budget", max_digits=14, decimal_places=2)
    countries = serializers.SerializerMethodField()
    project_count = serializers.IntegerField(read_only=True, help_text="Its public projects.")
    page = page_link("database:programme", "slug", help_text="The programme's public page.")
    api = page_link("api:programme", "slug", help_text="This programme in the API.")

    class Meta:
        model = Programme
        fields = [
            "slug",
            "name",
            "cci",
            "period",
            "strand",
            "total_budget_eur",
            "eu_cofinancing_rate",
            "countries",
            "website",
            "description",
            "project_count",
            "page",
            "api",
        ]

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_countries(self, programme):
        return sorted(country.code for country in programme.countries.all())  # prefetched


class CallSerializer(PublicModelSerializer):
    programme = ProgrammeRefSerializer(read_only=True)
    budget_eur = serializers.DecimalField(source="budget", max_digits=14, decimal_places=2)
    state = serializers.SerializerMethodField()
    page = page_link("programmes:call_detail", help_text="The call's public page.")
    api = page_link("api:call", help_text="This call in the API.")

    class Meta:
        model = Call
        fields = [
            "id",
            "programme",
            "reference",
            "title",
            "description",
            "kind",
            "opens_at",
            "closes_at",
            "timezone",
            "budget_eur",
            "max_cofinancing_rate",
            "min_partners",
            "min_countries",
            "state",
            "page",
            "api",
        ]

    @extend_schema_field({"type": "string", "enum": ["open", "upcoming", "closed"]})
    def get_state(self, call):
        now = self.context.get("now") or timezone.now()
        if call.opens_at > now:
            return "upcoming"
        return "open" if call.closes_at > now else "closed"


class EventSerializer(PublicModelSerializer):
    topics = serializers.SerializerMethodField()
    audiences = serializers.SerializerMethodField()
    organised_by = PublicTextField(source="organising_office.name", read_only=True, allow_null=True)
    page = page_link("events:detail", "slug", help_text="The event's public page.")
    api = page_link("api:event", "slug", help_text="This event in the API.")

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "type",
            "format",
            "description",
            "starts_at",
            "ends_at",
            "timezone",
            "venue",
            "topics",
            "audiences",
            "organised_by",
            "page",
            "api",
        ]

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_topics(self, event):
        return [topic.slug for topic in event.topics.all()]  # prefetched

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_audiences(self, event):
        return [audience.code for audience in event.audiences.all()]  # prefetched


class LibraryItemSerializer(PublicModelSerializer):
    """A public item of the knowledge library: its file is downloaded from its page's download address."""

    topic = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    link = serializers.SerializerMethodField(help_text="The item's download address, or the address it links to.")
    page = page_link("library:item", help_text="The item's public page.")
    api = page_link("api:library_item", help_text="This item in the API.")

    class Meta:
        model = LibraryItem
        fields = ["id", "title", "description", "kind", "date", "language", "topic", "link", "page", "api"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_link(self, item) -> str:
        if not item.file:
            return item.url
        path = reverse("library:download", args=[item.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path
