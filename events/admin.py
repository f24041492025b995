from django.contrib import admin
from django.db.models import Count, Q

from .choices import RegistrationStatus
from .models import Audience, Event, Material, Registration, Session, Speaker, Topic


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0


class SpeakerInline(admin.TabularInline):
    model = Speaker
    extra = 0


class MaterialInline(admin.TabularInline):
    model = Material
    extra = 0


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    can_delete = False
    fields = ["user", "status", "created_at", "cancelled_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "type", "format", "starts_at", "status", "capacity", "confirmed", "waitlisted"]
    list_filter = ["status", "type", "format", "organising_office", "topics", "audiences"]
    search_fields = ["title", "description", "venue"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organising_office", "topics", "audiences"]
    date_hierarchy = "starts_at"
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by"]
    inlines = [SessionInline, SpeakerInline, MaterialInline, RegistrationInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_confirmed=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
                n_waitlisted=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)),
            )
        )

    @admin.display(description="confirmed", ordering="n_confirmed")
    def confirmed(self, obj):
        return obj.n_confirmed

    @admin.display(description="waitlisted", ordering="n_waitlisted")
    def waitlisted(self, obj):
        return obj.n_waitlisted

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Audience)
class AudienceAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "event", "starts_at", "ends_at"]
    search_fields = ["title", "event__title"]
    autocomplete_fields = ["event"]
    date_hierarchy = "starts_at"


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "affiliation", "event"]
    search_fields = ["name", "affiliation"]
    autocomplete_fields = ["event", "sessions"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["user", "event", "status", "created_at", "cancelled_at"]
    list_filter = ["status"]
    search_fields = ["user__email", "event__title"]
    autocomplete_fields = ["user", "event"]
    date_hierarchy = "created_at"
    list_select_related = ["user", "event"]


@admin.register(Material)
class MaterialAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "event", "visibility", "created_at"]
    list_filter = ["kind", "visibility"]
    search_fields = ["title", "event__title"]
    autocomplete_fields = ["event"]
    date_hierarchy = "created_at"
