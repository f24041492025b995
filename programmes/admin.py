from django.contrib import admin

from interact_portal.audit.admin import AuditedAdmin

from .admin_scope import ProgrammeScopedAdmin
from .models import (
    Call,
    CallDocument,
    Country,
    LegalStatus,
    NutsRegion,
    Office,
    Priority,
    Programme,
    ProgrammeBody,
    ProgrammeFund,
    ProgrammeStaff,
    SpecificObjective,
)


@admin.register(Country)
class CountryAdmin(AuditedAdmin):
    list_display = ["code", "name", "is_eu_member"]
    list_filter = ["is_eu_member"]
    search_fields = ["code", "name"]


@admin.register(NutsRegion)
class NutsRegionAdmin(AuditedAdmin):
    list_display = ["code", "name", "level", "country", "parent"]
    list_filter = ["level", "country"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent", "country"]
    list_select_related = ["country", "parent"]


@admin.register(LegalStatus)
class LegalStatusAdmin(AuditedAdmin):
    list_display = ["name", "is_public_body"]
    list_filter = ["is_public_body"]
    search_fields = ["name"]


class ProgrammeFundInline(admin.TabularInline):
    model = ProgrammeFund
    extra = 0


class PriorityInline(admin.TabularInline):
    model = Priority
    extra = 0
    show_change_link = True


class OfficeInline(admin.TabularInline):
    model = Office
    extra = 0
    autocomplete_fields = ["country"]


class ProgrammeBodyInline(admin.TabularInline):
    model = ProgrammeBody
    extra = 0
    autocomplete_fields = ["country"]
    show_change_link = True


class ProgrammeStaffInline(admin.TabularInline):
    model = ProgrammeStaff
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Programme)
class ProgrammeAdmin(ProgrammeScopedAdmin):
    programme_path = ""
    list_display = ["name", "cci", "period", "strand", "total_budget", "eu_cofinancing_rate"]
    list_filter = ["period", "strand", "countries"]
    search_fields = ["name", "cci", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["countries"]
    inlines = [ProgrammeFundInline, PriorityInline, ProgrammeBodyInline, OfficeInline, ProgrammeStaffInline]


class SpecificObjectiveInline(admin.TabularInline):
    model = SpecificObjective
    extra = 0


@admin.register(Priority)
class PriorityAdmin(ProgrammeScopedAdmin):
    programme_path = "programme"
    list_display = ["code", "title", "programme"]
    list_filter = ["programme"]
    search_fields = ["code", "title", "programme__name"]
    autocomplete_fields = ["programme"]
    inlines = [SpecificObjectiveInline]


@admin.register(SpecificObjective)
class SpecificObjectiveAdmin(ProgrammeScopedAdmin):
    programme_path = "priority__programme"
    list_display = ["code", "title", "priority"]
    list_filter = ["priority__programme"]
    search_fields = ["code", "title"]
    autocomplete_fields = ["priority"]
    list_select_related = ["priority"]


class CallDocumentInline(admin.TabularInline):
    model = CallDocument
    extra = 0


@admin.register(Call)
class CallAdmin(ProgrammeScopedAdmin):
    programme_path = "programme"
    list_display = [
        "reference",
        "title",
        "programme",
        "kind",
        "opens_at",
        "closes_at",
        "budget",
        "is_published",
    ]
    list_filter = ["is_published", "kind", "programme"]
    search_fields = ["reference", "title", "programme__name"]
    autocomplete_fields = ["programme", "allowed_objectives"]
    date_hierarchy = "opens_at"
    list_select_related = ["programme"]
    inlines = [CallDocumentInline]


@admin.register(Office)
class OfficeAdmin(ProgrammeScopedAdmin):
    programme_path = "programme"
    list_display = ["name", "city", "country", "programme"]
    list_filter = ["country", "programme"]
    search_fields = ["name", "city"]
    autocomplete_fields = ["programme", "country"]


@admin.register(ProgrammeBody)
class ProgrammeBodyAdmin(ProgrammeScopedAdmin):
    programme_path = "programme"
    list_display = ["name", "kind", "programme", "city", "country"]
    list_filter = ["kind", "programme"]
    search_fields = ["name", "city", "programme__name"]
    autocomplete_fields = ["programme", "country"]
    list_select_related = ["programme", "country"]


@admin.register(ProgrammeFund)
class ProgrammeFundAdmin(ProgrammeScopedAdmin):
    programme_path = "programme"
    list_display = ["programme", "fund", "amount"]
    list_filter = ["fund"]
    search_fields = ["programme__name"]
    autocomplete_fields = ["programme"]


@admin.register(CallDocument)
class CallDocumentAdmin(ProgrammeScopedAdmin):
    programme_path = "call__programme"
    list_display = ["title", "call", "order"]
    search_fields = ["title", "call__reference"]
    autocomplete_fields = ["call"]


@admin.register(ProgrammeStaff)
class ProgrammeStaffAdmin(ProgrammeScopedAdmin):
    programme_path = "programme"
    list_display = ["user", "programme", "role"]
    list_filter = ["role", "programme"]
    search_fields = ["user__email", "programme__name"]
    autocomplete_fields = ["user", "programme"]
    list_select_related = ["user", "programme"]
