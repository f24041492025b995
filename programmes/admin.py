import copy
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from interact_portal.audit.admin import AuditedAdmin
from interact_portal.core.admin_content_languages import ContentLanguagesAdmin
from interact_portal.core.admin_files import FileLinksAdmin, FileLinksInline
from interact_portal.core.collation import by_name

from .admin_scope import ProgrammeScopedAdmin
from .application_form import SECTIONS
from .call_setup_forms import CATEGORY_CHOICES, CriteriaFormSet, CriterionForm, EligibilityItemForm, SetupRowFormSet
from .call_setup_services import (
    call_funds_save,
    call_setup_rows_save,
    locked_reason,
    normalise_setup,
    setup_problems,
)
from .models import (
    Call,
    CallCriterion,
    CallDocument,
    CallEligibilityItem,
    CallFund,
    Country,
    FundCommitment,
    Indicator,
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
from .services import CALL_RULES, call_publish, call_save, rules_locked
from .staff import StaffAction, may


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

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("programme")  # each fund's name names its programme


class PriorityInline(ContentLanguagesAdmin, admin.TabularInline):
    model = Priority
    extra = 0
    show_change_link = True


class ProgrammeBodyInline(admin.TabularInline):
    model = ProgrammeBody
    extra = 0
    autocomplete_fields = ["country"]
    show_change_link = True


@admin.register(Programme)
class ProgrammeAdmin(ContentLanguagesAdmin, ProgrammeScopedAdmin):
    programme_path = ""
    list_display = ["name", "cci", "period", "strand", "total_budget", "eu_cofinancing_rate"]
    list_filter = ["period", "strand", "countries"]
    search_fields = ["name", "cci", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["countries"]
    inlines = [ProgrammeFundInline, PriorityInline, ProgrammeBodyInline]
    # a row per person or office costs a query for its widget: counted here, listed (and edited) in their lists
    counted_relations = ["calls", "projects", "staff", "offices"]

    def get_ordering(self, request):
        return [by_name("name"), "pk"]  # in the reader's language: Ł after L in Polish, Ä with A in German

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "content_languages":  # checkboxes; English is always kept (Programme.save)
            return forms.MultipleChoiceField(
                label=db_field.verbose_name.capitalize(),
                choices=settings.LANGUAGES,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                help_text=db_field.help_text,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class SpecificObjectiveInline(ContentLanguagesAdmin, admin.TabularInline):
    model = SpecificObjective
    extra = 0


@admin.register(Priority)
class PriorityAdmin(ContentLanguagesAdmin, ProgrammeScopedAdmin):
    programme_path = "programme"
    list_display = ["code", "title", "programme"]
    list_filter = ["programme"]
    search_fields = ["code", "title", "programme__name"]
    autocomplete_fields = ["programme"]
    inlines = [SpecificObjectiveInline]


@admin.register(SpecificObjective)
class SpecificObjectiveAdmin(ContentLanguagesAdmin, ProgrammeScopedAdmin):
    programme_path = "priority__programme"
    list_display = ["code", "title", "priority"]
    list_filter = ["priority__programme"]
    search_fields = ["code", "title"]
    autocomplete_fields = ["priority"]
    list_select_related = ["priority"]


class CallDocumentInline(ContentLanguagesAdmin, FileLinksInline, admin.TabularInline):
    model = CallDocument
    extra = 0


class CallSetupInline(admin.TabularInline):
    """A row of the call's setup: read-only once the call's rules are locked (services.rules_locked), and saved
    through the setup services (the role, the lock, the rules of the whole setup, the audit entry)."""

    extra = 0

    def _locked(self, request, obj) -> bool:
        """Asked per inline row by the admin's templates: answered once per request and call."""
        if obj is None:
            return False
        known = request.__dict__.setdefault("_calls_locked", {})
        if obj.pk not in known:
            known[obj.pk] = rules_locked(obj)
        return known[obj.pk]

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not self._locked(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._locked(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._locked(request, obj)


class CallFundsFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [f for f in self.forms if f not in self.deleted_forms and (f.instance.pk or f.has_changed())]
        if not kept:
            raise forms.ValidationError(_("Offer at least one fund."))


class CallFundInline(CallSetupInline):
    model = CallFund
    formset = CallFundsFormSet
    fields = ["fund", "max_rate"]


class CallEligibilityItemInline(CallSetupInline):
    model = CallEligibilityItem
    form = EligibilityItemForm
    formset = SetupRowFormSet
    fields = ["label", "order"]


class CallCriterionInline(CallSetupInline):
    model = CallCriterion
    form = CriterionForm
    formset = CriteriaFormSet
    fields = ["label", "short_name", "weight", "sections", "order"]


class CallAdminForm(forms.ModelForm):
    """The admin's call form: the opening and closing times are typed in the call's own time zone, as on the staff
    pages (programmes.forms.CallForm), and shown in it."""

    TIMES = ("opens_at", "closes_at", "step2_closes_at")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = {"cost_categories": CATEGORY_CHOICES, "step1_sections": SECTIONS}
        for name in (name for name in choices if name in self.fields):  # checkboxes, not comma-separated text
            self.fields[name] = forms.MultipleChoiceField(
                label=self.fields[name].label,
                choices=choices[name],
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
        zone = ZoneInfo(self.instance.timezone or "Europe/Brussels")
        for name in self.TIMES:
            value = getattr(self.instance, name, None)
            if name in self.fields and value and not self.is_bound:
                self.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)

    def clean(self):
        data = super().clean()
        zone = data.get("timezone") or self.instance.timezone
        for name in self.TIMES:
            if name in self.fields and data.get(name) and zone:
                data[name] = timezone.make_aware(timezone.make_naive(data[name]), ZoneInfo(zone))
        return data

    def _post_clean(self):
        """The setup's rules (call_setup_services.setup_problems) next to their fields, before call_save."""
        super()._post_clean()
        trial = copy.copy(self.instance)
        normalise_setup(trial)
        for name, message in setup_problems(trial).items():
            if name not in self.errors:
                self.add_error(name if name in self.fields else None, message)


@admin.register(Call)
class CallAdmin(ContentLanguagesAdmin, ProgrammeScopedAdmin):
    """Calls in the admin go through the staff workspace's services: saving checks the role and the lock of the
    rules (call_save), publishing and withdrawing are actions that call call_publish; the published flag, and the
    rules once applications were submitted, are read-only here."""

    programme_path = "programme"
    form = CallAdminForm
    actions = ["publish_calls", "withdraw_calls"]
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
    inlines = [CallDocumentInline, CallFundInline, CallEligibilityItemInline, CallCriterionInline]

    def get_inline_instances(self, request, obj=None):
        """A new call starts from the default setup (call_save copies it): its rows are edited once it exists."""
        instances = super().get_inline_instances(request, obj)
        return instances if obj is not None else [i for i in instances if isinstance(i, CallDocumentInline)]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        call = self.get_object(request, object_id)
        if call is not None and rules_locked(call):
            self.message_user(request, locked_reason(), messages.INFO)
        return super().change_view(request, object_id, form_url, extra_context)

    def get_readonly_fields(self, request, obj=None):
        fixed = ["is_published"]
        if obj is not None and rules_locked(obj):
            fixed += [*CALL_RULES, "programme"]
        return fixed

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may(request.user, obj.programme, StaffAction.EDIT_CALLS))

    def save_model(self, request, obj, form, change):
        call_save(form=form, by=request.user)  # the role, the locked rules, the audit entry

    def save_related(self, request, form, formsets, change):
        for formset in formsets:  # the call and its objectives were saved by call_save
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        """The setup rows go through the setup services, as on the staff pages."""
        if formset.model in (CallEligibilityItem, CallCriterion) and formset.has_changed():
            call_setup_rows_save(call=form.instance, formset=formset, by=request.user)
        elif formset.model is CallFund and formset.has_changed():
            kept = [f for f in formset.forms if f not in formset.deleted_forms and f.cleaned_data.get("fund")]
            funds = {f.cleaned_data["fund"]: f.cleaned_data["max_rate"] for f in kept}
            call_funds_save(call=form.instance, funds=funds, by=request.user)
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        else:
            super().save_formset(request, form, formset, change)

    @admin.action(description=gettext_lazy("Publish the selected calls"), permissions=["change"])
    def publish_calls(self, request, queryset):
        self._publish(request, queryset, publish=True)

    @admin.action(description=gettext_lazy("Withdraw the selected calls"), permissions=["change"])
    def withdraw_calls(self, request, queryset):
        self._publish(request, queryset, publish=False)

    def _publish(self, request, queryset, *, publish: bool) -> None:
        for call in queryset:
            try:
                call_publish(call=call, by=request.user, publish=publish)
            except (ValidationError, PermissionDenied) as error:
                reason = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                self.message_user(request, f"{call.reference}: {reason}", messages.ERROR)
            else:
                done = _("%(call)s is published.") if publish else _("%(call)s is withdrawn.")
                self.message_user(request, done % {"call": call.reference}, messages.SUCCESS)


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


@admin.register(FundCommitment)
class FundCommitmentAdmin(ProgrammeScopedAdmin):
    """The EU allocation per fund and year (N): paid out by the end of N+3 or decommitted (the money overview)."""

    programme_path = "programme"
    list_display = ["programme", "fund", "year", "amount"]
    list_filter = ["fund", "year"]
    search_fields = ["programme__name"]
    autocomplete_fields = ["programme"]


@admin.register(ProgrammeFund)
class ProgrammeFundAdmin(ProgrammeScopedAdmin):
    programme_path = "programme"
    list_display = ["programme", "fund", "amount"]
    list_filter = ["fund"]
    search_fields = ["programme__name"]
    autocomplete_fields = ["programme"]


@admin.register(CallDocument)
class CallDocumentAdmin(ContentLanguagesAdmin, FileLinksAdmin, ProgrammeScopedAdmin):
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


@admin.register(Indicator)
class IndicatorAdmin(ContentLanguagesAdmin, ProgrammeScopedAdmin):
    programme_path = "programme"
    list_display = ["code", "name", "unit", "kind", "programme"]
    list_filter = ["kind", "programme"]
    search_fields = ["code", "name", "programme__name"]
    autocomplete_fields = ["programme", "objectives"]
    list_select_related = ["programme"]


class CallSetupRowAdmin(ProgrammeScopedAdmin):
    """A row of a call's setup, to look up: it is changed in its call's inlines (which go through the setup
    services and their lock), never on its own."""

    programme_path = "call__programme"
    list_select_related = ["call"]
    search_fields = ["call__reference"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        """Only together with their call: on the call's delete page (or its delete action), as the call may be."""
        match = getattr(request, "resolver_match", None)
        with_call = match is not None and match.url_name in ("programmes_call_delete", "programmes_call_changelist")
        return with_call and self.admin_site._registry[Call].has_delete_permission(request, obj.call if obj else None)


@admin.register(CallFund)
class CallFundAdmin(CallSetupRowAdmin):
    list_display = ["call", "fund", "max_rate"]
    list_filter = ["fund"]


@admin.register(CallEligibilityItem)
class CallEligibilityItemAdmin(CallSetupRowAdmin):
    list_display = ["call", "key", "__str__", "order"]


@admin.register(CallCriterion)
class CallCriterionAdmin(CallSetupRowAdmin):
    list_display = ["call", "key", "__str__", "weight", "order"]
