from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from interact_portal.audit.admin import AuditedAdmin
from interact_portal.reports.services import report_request

from .exports import participant_rows
from .models import Audience, Event, Material, Registration, Session, Speaker, Topic
from .services import (
    capacity_problem,
    event_cancel,
    event_duplicate,
    event_publish,
    event_remind_now,
    event_seats_fill,
    materials_announce,
    registrations_mark_attended,
)


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
    fields = ["user", "status", "organisation_name", "queued_at", "cancelled_at"]
    readonly_fields = fields
    ordering = ["status", "queued_at"]

    def has_add_permission(self, request, obj=None):
        return False


class EventAdminForm(forms.ModelForm):
    """The admin supplies model and fields; this adds the capacity guard."""

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        problem = capacity_problem(self.instance, capacity) if self.instance.pk else None
        if problem:
            raise ValidationError(problem)
        return capacity


class WhenFilter(admin.SimpleListFilter):
    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", _("Upcoming")), ("past", _("Past"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "upcoming":
            return queryset.filter(ends_at__gte=now)
        if self.value() == "past":
            return queryset.filter(ends_at__lt=now)
        return queryset


@admin.register(Event)
class EventAdmin(AuditedAdmin):
    form = EventAdminForm
    list_display = ["title", "type", "format", "starts_at", "status", "capacity", "confirmed", "waitlisted"]
    list_filter = ["status", WhenFilter, "type", "format", "organising_office", "topics", "audiences"]
    search_fields = ["title", "description", "venue"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organising_office", "topics", "audiences"]
    date_hierarchy = "starts_at"
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by"]
    inlines = [SessionInline, SpeakerInline, MaterialInline, RegistrationInline]
    actions = ["publish", "cancel", "remind_now", "export_participants", "attendance_report", "duplicate"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_seats()

    @admin.display(description=_("confirmed"), ordering="seats_taken")
    def confirmed(self, obj):
        return obj.seats_taken

    @admin.display(description=_("waitlisted"), ordering="waitlisted_count")
    def waitlisted(self, obj):
        return obj.waitlisted_count

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        if change and "capacity" in form.changed_data:
            promoted = event_seats_fill(event=obj)
            if promoted:
                text = ngettext(
                    "%(n)d person moved from the waiting list to a confirmed seat.",
                    "%(n)d people moved from the waiting list to confirmed seats.",
                    len(promoted),
                )
                self.message_user(request, text % {"n": len(promoted)}, messages.SUCCESS)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        announced = materials_announce(event=form.instance)
        if announced:
            self.message_user(request, _("Participants were told about %(n)d new materials.") % {"n": announced})

    @admin.action(description=_("Publish selected events"))
    def publish(self, request, queryset):
        for event in queryset:
            event_publish(event=event, by=request.user)
        text = ngettext("%(n)d event published.", "%(n)d events published.", len(queryset))
        self.message_user(request, text % {"n": len(queryset)}, messages.SUCCESS)

    @admin.action(description=_("Cancel selected events (registrants are notified)"))
    def cancel(self, request, queryset):
        for event in queryset:
            event_cancel(event=event, by=request.user)
        self.message_user(
            request, _("%(n)d events cancelled; registrants notified.") % {"n": len(queryset)}, messages.WARNING
        )

    @admin.action(description=_("Send a reminder now to confirmed participants"))
    def remind_now(self, request, queryset):
        sent = sum(event_remind_now(event=event, by=request.user) for event in queryset)
        text = ngettext("Reminder sent to %(n)d participant.", "Reminder sent to %(n)d participants.", sent)
        self.message_user(request, text % {"n": sent}, messages.SUCCESS)

    @admin.action(description=_("Export participants (CSV)"))
    def export_participants(self, request, queryset):
        response = StreamingHttpResponse(
            participant_rows(list(queryset.values_list("pk", flat=True))), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="participants.csv"'
        return response

    @admin.action(description=_("Attendance report (XLSX, prepared in the background)"))
    def attendance_report(self, request, queryset):
        for event in queryset:
            report_request(user=request.user, kind="attendance", format="xlsx", parameters={"event": event.pk})
        self.message_user(request, _("The reports are being prepared: see Reports."), messages.SUCCESS)
        return redirect("reports:list")

    @admin.action(description=_("Duplicate as draft (without registrations)"))
    def duplicate(self, request, queryset):
        copies = [event_duplicate(event=event, by=request.user) for event in queryset]
        self.message_user(
            request, _("Created drafts: %(titles)s") % {"titles": ", ".join(c.title for c in copies)}, messages.SUCCESS
        )


@admin.register(Topic)
class TopicAdmin(AuditedAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Audience)
class AudienceAdmin(AuditedAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(Session)
class SessionAdmin(AuditedAdmin):
    list_display = ["title", "event", "starts_at", "ends_at"]
    search_fields = ["title", "event__title"]
    autocomplete_fields = ["event"]
    date_hierarchy = "starts_at"


@admin.register(Speaker)
class SpeakerAdmin(AuditedAdmin):
    list_display = ["name", "affiliation", "event"]
    search_fields = ["name", "affiliation"]
    autocomplete_fields = ["event", "sessions"]


@admin.register(Registration)
class RegistrationAdmin(AuditedAdmin):
    list_display = ["user", "event", "status", "organisation_name", "country", "queued_at", "cancelled_at"]
    list_filter = ["status", "event"]
    search_fields = ["user__email", "event__title", "organisation_name"]
    autocomplete_fields = ["user", "event", "country", "body_role"]
    date_hierarchy = "created_at"
    list_select_related = ["user", "event", "country"]
    readonly_fields = ["status", "queued_at", "cancelled_at", "created_at", "updated_at"]
    actions = ["mark_attended", "mark_not_attended"]

    @admin.action(description=_("Mark attended"))
    def mark_attended(self, request, queryset):
        n = registrations_mark_attended(registrations=queryset)
        self.message_user(request, _("%(n)d registrations marked attended.") % {"n": n}, messages.SUCCESS)

    @admin.action(description=_("Mark not attended"))
    def mark_not_attended(self, request, queryset):
        n = registrations_mark_attended(registrations=queryset, attended=False)
        self.message_user(request, _("%(n)d registrations marked not attended.") % {"n": n}, messages.SUCCESS)


@admin.register(Material)
class MaterialAdmin(AuditedAdmin):
    list_display = ["title", "kind", "event", "visibility", "created_at", "announced_at"]
    list_filter = ["kind", "visibility"]
    search_fields = ["title", "event__title"]
    autocomplete_fields = ["event"]
    date_hierarchy = "created_at"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        materials_announce(event=obj.event)
