from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from interact_portal.audit.admin import AuditedAdmin
from interact_portal.core.admin_content_languages import ContentLanguagesAdmin
from interact_portal.core.admin_files import FileLinksAdmin, FileLinksInline
from interact_portal.core.collation import by_name
from interact_portal.core.content_languages import prepare_language_fields
from interact_portal.reports.services import report_request

from .admin_forms import EventAdminForm, SessionForm, SessionInlineFormSet
from .choices import EventStatus, RegistrationStatus
from .exports import participant_rows
from .library_services import library_item_delete, library_item_save, library_items_deleted
from .models import Audience, Event, LibraryItem, Material, Registration, Session, Speaker, Topic
from .permissions import may_see_participants, participants_visible_events, registrations_visible_to
from .services import (
    TransitionRefused,
    event_cancel,
    event_duplicate,
    event_publish,
    event_remind_now,
    event_seats_fill,
    event_transition,
    materials_announce,
    registrations_mark_attended,
)
from .times import event_moment, event_span
from .workflow import ALLOWED_TRANSITIONS


class SessionInline(ContentLanguagesAdmin, admin.TabularInline):
    model = Session
    form = SessionForm
    formset = SessionInlineFormSet
    extra = 0


class SpeakerInline(admin.TabularInline):
    """A Knowledge Fair has dozens of speakers: their sessions are shown here (loaded in one query for all) and
    chosen on the speaker's own page, where the field completes as one types: a choice per row would query per
    row, over every event's sessions."""

    model = Speaker
    extra = 0
    fields = ["name", "affiliation", "bio", "sessions"]
    readonly_fields = ["sessions"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("sessions")


class MaterialInline(ContentLanguagesAdmin, FileLinksInline, admin.TabularInline):
    model = Material
    extra = 0


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


# The buttons of the change page, one per status an event may move to (workflow.ALLOWED_TRANSITIONS).
TRANSITION_BUTTONS = {
    EventStatus.PUBLISHED: _("Publish"),
    EventStatus.CANCELLED: _("Cancel this event (registrants are notified)"),
}
DONE = {
    EventStatus.PUBLISHED: _("“%(event)s” is published."),
    EventStatus.CANCELLED: _("“%(event)s” is cancelled; registrants were notified."),
}
NOT_DONE = {
    EventStatus.PUBLISHED: _("“%(event)s” was not published: %(reason)s"),
    EventStatus.CANCELLED: _("“%(event)s” was not cancelled: %(reason)s"),
}


def _registrations_text(status: str, n: int) -> str:
    texts = {
        RegistrationStatus.CONFIRMED: ngettext("%(n)d confirmed", "%(n)d confirmed", n),
        RegistrationStatus.WAITLISTED: ngettext("%(n)d on the waiting list", "%(n)d on the waiting list", n),
        RegistrationStatus.CANCELLED: ngettext("%(n)d cancelled", "%(n)d cancelled", n),
        RegistrationStatus.ATTENDED: ngettext("%(n)d attended", "%(n)d attended", n),
    }
    return texts[status] % {"n": n}


@admin.register(Event)
class EventAdmin(ContentLanguagesAdmin, AuditedAdmin):
    """Events, their timetable, speakers and materials. The status changes only through the services (buttons on
    the change page, actions on the list); registrations are counted here and listed, paginated, in their own list.
    """

    form = EventAdminForm
    # few, narrow columns: beside the admin's menu and the filters the seat counts must still fit (type and format
    # are filters)
    list_display = ["title", "when", "status", "confirmed", "waitlisted"]
    list_filter = ["status", WhenFilter, "type", "format", "organising_office", "topics", "audiences"]
    search_fields = ["title", "description", "venue"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organising_office", "topics", "audiences"]
    date_hierarchy = "starts_at"
    readonly_fields = ["status", "registration_counts", "created_at", "created_by", "updated_at", "updated_by"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "type", "format", "description", "organising_office"]}),
        (
            _("When (in the event’s time zone)"),
            {"fields": ["timezone", "starts_at", "ends_at", "registration_opens_at", "registration_closes_at"]},
        ),
        (_("Where"), {"fields": ["venue", "online_url"]}),
        (_("Seats and status"), {"fields": ["capacity", "status", "registration_counts"]}),
        (_("Audience"), {"fields": ["topics", "audiences"]}),
        (_("Record"), {"fields": ["created_at", "created_by", "updated_at", "updated_by"], "classes": ["collapse"]}),
    ]
    inlines = [SessionInline, SpeakerInline, MaterialInline]
    actions = ["publish", "cancel", "remind_now", "export_participants", "attendance_report", "duplicate"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form = type(form.__name__, (form,), {"user": request.user})
        # the subclass rebuilt its fields from the model: its language columns are labelled and required again
        prepare_language_fields(form.base_fields, self.model, self.content_languages(request, obj))
        return form

    def get_readonly_fields(self, request, obj=None):
        """An event keeps its organiser unless the person runs it: moving another programme's event (or one that has
        no organiser) to one's own office would open its registrants (events.permissions)."""
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and not request.user.is_superuser and not may_see_participants(request.user, obj):
            fields.append("organising_office")
        return fields

    def get_queryset(self, request):
        return super().get_queryset(request).with_seats()

    @admin.display(description=_("starts"), ordering="starts_at")
    def when(self, obj):
        return event_moment(obj.starts_at, obj)

    @admin.display(description=_("confirmed"), ordering="seats_taken")
    def confirmed(self, obj):
        return _("%(taken)d of %(capacity)d") % {"taken": obj.seats_taken, "capacity": obj.capacity}

    @admin.display(description=_("waitlisted"), ordering="waitlisted_count")
    def waitlisted(self, obj):
        return obj.waitlisted_count

    @admin.display(description=_("registrations"))
    def registration_counts(self, obj):
        """Counts by status, each a link to the registrations list filtered to it: never a row per person."""
        if obj.pk is None:
            return "–"
        counts = dict(Registration.objects.filter(event=obj).values_list("status").annotate(n=Count("pk")).order_by())
        base = f"{reverse('admin:events_registration_changelist')}?event__id__exact={obj.pk}"
        links = [
            (f"{base}&status__exact={status}", _registrations_text(status, counts.get(status, 0)))
            for status in RegistrationStatus.values
            if counts.get(status) or status != RegistrationStatus.ATTENDED
        ]
        links.append((base, _("all registrations")))
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

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

    # -- status: only through the services and their transition table --------------------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and self.has_change_permission(request, obj):
            allowed = ALLOWED_TRANSITIONS.get(obj.status, frozenset())
            context["transitions"] = [(t, label) for t, label in TRANSITION_BUTTONS.items() if t in allowed]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST" and "_transition" in request.POST:
            return self._transition(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def _transition(self, request, object_id):
        """A status button of the change page: the service decides; a refusal is a message, never an error."""
        event = self.get_object(request, admin.utils.unquote(object_id))
        if event is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, event):
            raise PermissionDenied
        target = request.POST["_transition"]
        if target == EventStatus.CANCELLED and "_confirm" not in request.POST:
            back = reverse("admin:events_event_change", args=[event.pk])
            return self._confirm_cancel(request, [event], [("_transition", target)], back)
        try:
            event_transition(event=event, target=target, by=request.user)
        except TransitionRefused as refused:
            text = NOT_DONE.get(target, _("“%(event)s” was not changed: %(reason)s"))
            self.message_user(request, text % {"event": event, "reason": refused.reason}, messages.ERROR)
        else:
            self.message_user(request, DONE[target] % {"event": event}, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:events_event_change", args=[event.pk]))

    def _each(self, request, queryset, service, target) -> int:
        done = 0
        for event in queryset:
            try:
                service(event=event, by=request.user)
            except TransitionRefused as refused:
                text = NOT_DONE[target] % {"event": event, "reason": refused.reason}
                self.message_user(request, text, messages.ERROR)
            else:
                done += 1
        return done

    @admin.action(description=_("Publish selected events"))
    def publish(self, request, queryset):
        n = self._each(request, queryset, event_publish, EventStatus.PUBLISHED)
        if n:
            text = ngettext("%(n)d event published.", "%(n)d events published.", n)
            self.message_user(request, text % {"n": n}, messages.SUCCESS)

    def _confirm_cancel(self, request, events, fields, back):
        """Cancelling notifies everyone registered and cannot be undone: the admin asks first (a page, then POST)."""
        registered = dict(
            Registration.objects.filter(
                event__in=events, status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]
            )
            .values_list("event_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "events": [(event, registered.get(event.pk, 0)) for event in events],
            "fields": fields,
            "back": back,
        }
        return TemplateResponse(request, "admin/events/event/cancel_confirmation.html", context)

    @admin.action(description=_("Cancel selected events (registrants are notified)"))
    def cancel(self, request, queryset):
        if "_confirm" not in request.POST:
            fields = [("action", "cancel"), *(("_selected_action", event.pk) for event in queryset)]
            return self._confirm_cancel(request, list(queryset), fields, request.get_full_path())
        n = self._each(request, queryset, event_cancel, EventStatus.CANCELLED)
        if n:
            self.message_user(request, _("%(n)d events cancelled; registrants notified.") % {"n": n}, messages.WARNING)

    # -- deleting: registrations are counted, not listed (nor loaded) -------------------------------------

    def get_deleted_objects(self, objs, request):
        events = list(objs)
        ids = [event.pk for event in events]
        children = (Session, Speaker, Material, Registration)
        per_event = {
            model: dict(
                model.objects.filter(event_id__in=ids).values_list("event_id").annotate(n=Count("pk")).order_by()
            )
            for model in children
        }
        listed = []
        for event in events:
            url = reverse("admin:events_event_change", args=[event.pk])
            listed.append(format_html('{}: <a href="{}">{}</a>', capfirst(Event._meta.verbose_name), url, event))
            listed.append(
                [
                    format_html("{}: {}", capfirst(model._meta.verbose_name_plural), per_event[model][event.pk])
                    for model in children
                    if per_event[model].get(event.pk)
                ]
            )
        totals = {str(Event._meta.verbose_name_plural): len(events)}
        totals |= {str(m._meta.verbose_name_plural): sum(per_event[m].values()) for m in children if per_event[m]}
        perms_needed = {
            str(model._meta.verbose_name)
            for model in (Event, *children)
            if (model is Event or per_event[model])
            and not self.admin_site._registry[model].has_delete_permission(request)
        }
        return listed, totals, perms_needed, []

    # -- the other actions ------------------------------------------------------------------------------------

    @admin.action(description=_("Send a reminder now to confirmed participants"))
    def remind_now(self, request, queryset):
        sent = sum(event_remind_now(event=event, by=request.user) for event in queryset)
        text = ngettext("Reminder sent to %(n)d participant.", "Reminder sent to %(n)d participants.", sent)
        self.message_user(request, text % {"n": sent}, messages.SUCCESS)

    def _participants_refused(self, request, queryset) -> bool:
        """Participants belong to the people who run the event (events.permissions): refused with the events' names."""
        hidden = queryset.exclude(pk__in=participants_visible_events(request.user).values("pk"))
        titles = list(hidden.values_list("title", flat=True)[:10])
        if titles:
            text = _("You may not see the participants of: %(titles)s. Only the organising programme's staff may.")
            self.message_user(request, text % {"titles": ", ".join(titles)}, messages.ERROR)
        return bool(titles)

    @admin.action(description=_("Export participants (CSV)"))
    def export_participants(self, request, queryset):
        if self._participants_refused(request, queryset):
            return None
        event_ids = list(queryset.values_list("pk", flat=True))
        response = StreamingHttpResponse(
            participant_rows(event_ids, user=request.user), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="participants.csv"'
        return response

    @admin.action(description=_("Attendance report (XLSX, prepared in the background)"))
    def attendance_report(self, request, queryset):
        if self._participants_refused(request, queryset):
            return None
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
    """A topic of events and a shelf of the knowledge library, with the person to ask (no address: never shown)."""

    list_display = ["name", "slug", "contact_name", "library_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "description"]}),
        (
            _("Contact person (shown on the library's topic page)"),
            {"fields": ["contact_name", "contact_role", "contact_office"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(library_n=Count("library_items"))

    @admin.display(description=_("library items"), ordering="library_n")
    def library_count(self, obj):
        url = f"{reverse('admin:events_libraryitem_changelist')}?topic__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.library_n)


@admin.register(LibraryItem)
class LibraryItemAdmin(FileLinksAdmin, AuditedAdmin):
    """The knowledge library. Saved through events.library_services: a new or changed file is read again in the
    background (its text is searched), and the search vector is rebuilt."""

    list_display = ["title", "kind", "topic", "date", "language", "visibility", "text_status"]
    list_filter = ["kind", "topic", "language", "visibility", "text_status"]
    list_select_related = ["topic"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["topic"]
    date_hierarchy = "date"
    readonly_fields = ["text_status", "text_excerpt", "created_at", "updated_at"]
    fields = [
        "topic",
        "kind",
        "title",
        "description",
        "date",
        "language",
        "visibility",
        "file",
        "url",
        "text_status",
        "text_excerpt",
        "created_at",
        "updated_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("search_vector")

    @admin.display(description=_("text read from the file (beginning)"))
    def text_excerpt(self, obj):
        return (obj.text[:500] + "…") if len(obj.text) > 500 else (obj.text or "–")

    def save_model(self, request, obj, form, change):
        library_item_save(item=obj)

    def delete_model(self, request, obj):
        library_item_delete(item=obj)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        library_items_deleted()


@admin.register(Audience)
class AudienceAdmin(AuditedAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(Session)
class SessionAdmin(ContentLanguagesAdmin, AuditedAdmin):
    form = SessionForm
    list_display = ["title", "event", "when"]
    list_select_related = ["event"]
    search_fields = ["title", "event__title"]
    autocomplete_fields = ["event"]
    date_hierarchy = "starts_at"

    @admin.display(description=_("when"), ordering="starts_at")
    def when(self, obj):
        return event_span(obj.event, obj.starts_at, obj.ends_at)


@admin.register(Speaker)
class SpeakerAdmin(AuditedAdmin):
    list_display = ["name", "affiliation", "event"]
    search_fields = ["name", "affiliation"]
    autocomplete_fields = ["event", "sessions"]

    def get_ordering(self, request):
        return [by_name("name"), "pk"]  # in the reader's language: Ł after L in Polish, Ä with A in German


class ChosenEventFilter(admin.SimpleListFilter):
    """Registrations of one event (the links of its change page), without a filter entry for every event."""

    title = _("event")
    parameter_name = "event__id__exact"

    def lookups(self, request, model_admin):
        value = request.GET.get(self.parameter_name, "")
        if not value.isdigit():
            return []
        title = Event.objects.filter(pk=value).values_list("title", flat=True).first()
        return [(value, title or _("no such event"))]

    def queryset(self, request, queryset):
        return queryset.filter(event_id=self.value()) if (self.value() or "").isdigit() else queryset


@admin.register(Registration)
class RegistrationAdmin(AuditedAdmin):
    list_display = ["user", "event", "status", "organisation_name", "country", "queued_at", "cancelled_at"]
    list_filter = ["status", ChosenEventFilter]
    search_fields = ["user__email", "event__title", "organisation_name"]
    autocomplete_fields = ["user", "event", "country", "body_role"]
    date_hierarchy = "created_at"
    list_select_related = ["user", "event", "country"]
    readonly_fields = ["status", "queued_at", "cancelled_at", "created_at", "updated_at"]
    actions = ["mark_attended", "mark_not_attended"]

    def get_queryset(self, request):
        """Only the registrations the user may see (events.permissions: the organising programme's staff); the
        person and the event come with the row, so its name on the change and delete pages costs no query."""
        return registrations_visible_to(request.user, super().get_queryset(request).select_related("user", "event"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "event":  # a registration is added only to an event whose participants one may see
            kwargs["queryset"] = participants_visible_events(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        """Another programme's registrant is a 404, as everywhere in the admin (not "perhaps it was deleted")."""
        raise Http404

    @admin.action(description=_("Mark attended"))
    def mark_attended(self, request, queryset):
        n = registrations_mark_attended(registrations=queryset)
        self.message_user(request, _("%(n)d registrations marked attended.") % {"n": n}, messages.SUCCESS)

    @admin.action(description=_("Mark not attended"))
    def mark_not_attended(self, request, queryset):
        n = registrations_mark_attended(registrations=queryset, attended=False)
        self.message_user(request, _("%(n)d registrations marked not attended.") % {"n": n}, messages.SUCCESS)


@admin.register(Material)
class MaterialAdmin(ContentLanguagesAdmin, FileLinksAdmin, AuditedAdmin):
    list_display = ["title", "kind", "event", "visibility", "created_at", "announced_at"]
    list_filter = ["kind", "visibility"]
    search_fields = ["title", "event__title"]
    autocomplete_fields = ["event"]
    date_hierarchy = "created_at"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        materials_announce(event=obj.event)
