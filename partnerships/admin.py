from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from interact_portal.audit.admin import AuditedAdmin, SuperuserRecordAdmin
from interact_portal.core.collation import by_name
from programmes.admin_scope import ProgrammeScopedAdmin

from .contact_models import ContactMessage
from .iban import masked_iban
from .idea_models import IDEA_TRANSITIONS, IdeaInterest, IdeaStatus, ProjectIdea
from .models import (
    Organisation,
    PartnerBankAccount,
    PartnerBudgetLine,
    PartnerContribution,
    PartnerFund,
    PartnerInvitation,
    ProgrammeMembership,
    ProjectPartner,
)


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "type", "sector", "country", "nuts_region", "pic", "vat"]
    list_filter = ["type", "sector", "country"]
    search_fields = ["name", "name_en", "vat", "pic"]
    autocomplete_fields = ["legal_status", "country", "nuts_region"]
    date_hierarchy = "created_at"
    list_select_related = ["country", "nuts_region"]

    def get_ordering(self, request):
        return [by_name("name"), "pk"]  # in the reader's language: Ł after L in Polish, Ä with A in German


@admin.register(ProjectPartner)
class ProjectPartnerAdmin(ProgrammeScopedAdmin):
    programme_path = "project__programme"
    visible_path = "project"  # the applications' visibility policy, registered by projects
    visible_model = "projects.project"
    parts_locked = True  # partners are added in the workspace, and change only while the application is a draft
    list_display = [
        "abbreviation",
        "project",
        "organisation",
        "role",
        "budget",
        "cofinancing_rate",
        "own_contribution",
    ]
    list_filter = ["role"]
    search_fields = ["abbreviation", "organisation__name", "project__acronym"]
    autocomplete_fields = ["project", "organisation", "contact_user"]
    readonly_fields = ["own_contribution"]
    list_select_related = ["project", "organisation"]


@admin.register(PartnerInvitation)
class PartnerInvitationAdmin(ProgrammeScopedAdmin):
    programme_path = "project__programme"
    visible_path = "project"  # the applications' visibility policy, registered by projects
    visible_model = "projects.project"
    list_display = ["email", "project", "created_at", "expires_at", "accepted_at"]
    list_filter = [("accepted_at", admin.EmptyFieldListFilter)]
    search_fields = ["email", "project__acronym"]
    autocomplete_fields = ["project", "invited_by", "partner", "accepted_by"]
    readonly_fields = ["token", "created_at", "accepted_at"]
    date_hierarchy = "created_at"


@admin.register(ProgrammeMembership)
class ProgrammeMembershipAdmin(ProgrammeScopedAdmin):
    programme_path = "body__programme"
    list_display = ["organisation", "body", "member_category", "country", "voting", "term_start", "term_end"]
    list_filter = ["member_category", "voting", "body__kind", "body__programme"]
    search_fields = ["organisation__name", "body__name"]
    autocomplete_fields = ["organisation", "body", "country"]
    date_hierarchy = "term_start"
    list_select_related = ["organisation", "body", "country"]


class BudgetRecordAdmin(ProgrammeScopedAdmin):
    """A partner's budget rows: written by the budget service (flat rates, funds' maxima, the totals it keeps),
    read here by the staff of the application's programme."""

    programme_path = "partner__project__programme"
    visible_path = "partner__project"
    visible_model = "projects.project"
    search_fields = ["partner__project__acronym", "partner__abbreviation"]
    list_select_related = ["partner__project"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PartnerBudgetLine)
class PartnerBudgetLineAdmin(BudgetRecordAdmin):
    list_display = ["partner", "category", "period", "amount"]
    list_filter = ["category"]


@admin.register(PartnerFund)
class PartnerFundAdmin(BudgetRecordAdmin):
    list_display = ["partner", "fund", "rate"]
    list_filter = ["fund"]


@admin.register(PartnerContribution)
class PartnerContributionAdmin(BudgetRecordAdmin):
    list_display = ["partner", "kind", "source", "amount"]
    list_filter = ["kind"]


@admin.register(PartnerBankAccount)
class PartnerBankAccountAdmin(AuditedAdmin):
    """Bank details are seen only by the partner, the programme's finance staff and its controller, on the portal;
    in the admin by superusers alone (programme staff in the admin's staff group do not see them)."""

    list_display = ["partner", "account_holder", "masked", "changed_at"]
    search_fields = ["partner__abbreviation", "account_holder"]
    raw_id_fields = ["partner"]

    @admin.display(description=_("IBAN"))
    def masked(self, account):
        return masked_iban(account.iban)

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(ContactMessage)
class ContactMessageAdmin(SuperuserRecordAdmin):
    """Messages relayed to organisations (issue 21): read by superusers alone, to follow up abuse reports; written
    only by partnerships.relay. No recipient address is stored here (they are in the outbox)."""

    list_display = ["subject", "organisation", "kind", "sender_name", "recipients", "created_at", "abuse_reported_at"]
    list_filter = ["kind", ("abuse_reported_at", admin.EmptyFieldListFilter)]
    search_fields = ["subject", "organisation__name"]
    date_hierarchy = "created_at"
    list_select_related = ["organisation", "sender"]
    raw_id_fields = ["recipient"]
    fields = ["sender", "organisation", "recipient", "kind", "subject", "body", "recipients", "created_at"]
    fields += ["abuse_reported_at", "abuse_note"]
    readonly_fields = fields

    @admin.display(description=_("sender"), ordering="sender__last_name")
    def sender_name(self, message):
        return message.sender.get_full_name() or _("user %(pk)d") % {"pk": message.sender_id}


class IdeaRecordAdmin(ProgrammeScopedAdmin):
    """The partner search's ideas and interests, read by the staff of the idea's programme: written on the portal by
    their services only (an idea's status moves through IDEA_TRANSITIONS; superusers may close open ideas here, with
    the same transition)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProjectIdea)
class ProjectIdeaAdmin(IdeaRecordAdmin):
    programme_path = "programme"
    list_display = ["title", "programme", "owner", "status", "expires_on", "created_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    date_hierarchy = "created_at"
    list_select_related = ["programme", "owner"]
    exclude = ["search_vector"]
    actions = ["close_ideas"]

    def has_close_permission(self, request):
        return request.user.is_superuser

    @admin.action(description=_("Close the selected open ideas"), permissions=["close"])
    def close_ideas(self, request, queryset):
        from .idea_services import idea_transition

        closed = 0
        for idea in queryset.filter(status=IdeaStatus.OPEN):
            if IdeaStatus.CLOSED in IDEA_TRANSITIONS[idea.status]:
                idea_transition(idea=idea, to=IdeaStatus.CLOSED, by=request.user)
                closed += 1
        self.message_user(request, _("%(n)d ideas closed.") % {"n": closed})


@admin.register(IdeaInterest)
class IdeaInterestAdmin(IdeaRecordAdmin):
    programme_path = "idea__programme"
    list_display = ["idea", "person", "organisation", "created_at"]
    search_fields = ["idea__title"]
    list_select_related = ["idea", "person", "organisation"]
