"""Organisations, their places in project partnerships and in programme bodies, and partner invitations."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .choices import (
    ContributionKind,
    MemberCategory,
    OrganisationSize,
    OrganisationType,
    PartnerRole,
    Sector,
    VatRecovery,
    Voting,
)
from .iban import masked_iban, validate_iban
from .querysets import OrganisationQuerySet

PIC_VALIDATOR = RegexValidator(r"^\d{9}$", _("The PIC is exactly 9 digits."))
NACE_VALIDATOR = RegexValidator(
    r"^[A-U](\d{2}(\.\d{1,2})?)?$", _("A NACE Rev. 2 code: a section letter, then optionally digits, e.g. M72.1.")
)


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("name in English"), max_length=255, blank=True)
    legal_status = models.ForeignKey(
        "programmes.LegalStatus",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("legal status"),
        related_name="organisations",
    )
    type = models.CharField(_("type"), max_length=30, choices=OrganisationType.choices)
    sector = models.CharField(_("public or private"), max_length=10, choices=Sector.choices)
    country = models.ForeignKey(
        "programmes.Country",
        on_delete=models.PROTECT,
        verbose_name=_("country"),
        related_name="organisations",
    )
    nuts_region = models.ForeignKey(
        "programmes.NutsRegion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("NUTS region"),
        related_name="organisations",
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    vat = models.CharField(_("VAT number"), max_length=20, blank=True)
    pic = models.CharField(
        _("PIC"),
        max_length=9,
        blank=True,
        validators=[PIC_VALIDATOR],
        help_text=_("Participant Identification Code: 9 digits."),
    )
    website = models.URLField(_("website"), blank=True)
    size = models.CharField(_("size"), max_length=6, choices=OrganisationSize.choices, blank=True)
    nace_code = models.CharField(
        _("NACE code"), max_length=6, blank=True, validators=[NACE_VALIDATOR], help_text=_("E.g. M72.1.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(pic="") | Q(pic__regex=r"^\d{9}$"), name="organisation_pic_9_digits"),
            models.UniqueConstraint(fields=["pic"], condition=~Q(pic=""), name="organisation_pic_unique"),
        ]
        indexes = [models.Index(fields=["vat"]), models.Index(fields=["country", "type"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.country_id})"


class ProjectPartner(models.Model):
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="partnerships")
    role = models.CharField(_("role"), max_length=12, choices=PartnerRole.choices, default=PartnerRole.PARTNER)
    abbreviation = models.CharField(_("abbreviation"), max_length=15)
    budget = models.DecimalField(
        _("budget (EUR)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    cofinancing_rate = models.DecimalField(
        _("co-financing rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    own_contribution = models.GeneratedField(
        expression=F("budget") * (Decimal(100) - F("cofinancing_rate")) / Decimal(100),
        output_field=models.DecimalField(max_digits=16, decimal_places=4),
        db_persist=True,
        verbose_name=_("own contribution (EUR)"),
    )
    contact_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("contact person's account"),
        related_name="partner_contacts",
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # --- what the partner is in this project (the organisation's permanent data live on the organisation)
    department = models.CharField(_("department"), max_length=255, blank=True)
    department_address = models.CharField(_("department address"), max_length=300, blank=True)
    department_postcode = models.CharField(_("department postcode"), max_length=20, blank=True)
    department_city = models.CharField(_("department city"), max_length=120, blank=True)
    department_nuts = models.ForeignKey(
        "programmes.NutsRegion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("department NUTS 3 region"),
        related_name="+",
    )
    vat_recovery = models.CharField(
        _("can the partner recover VAT?"), max_length=6, choices=VatRecovery.choices, blank=True
    )
    legal_representative = models.CharField(_("legal representative"), max_length=150, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    experience = models.TextField(_("experience"), blank=True)
    role_in_project = models.TextField(_("role in the project"), blank=True)
    # the state-aid questionnaire: None = not answered (partnerships.state_aid reads the result)
    state_aid_economic_activity = models.BooleanField(
        _("Does the partner carry out an economic activity in the project?"), null=True, blank=True
    )
    state_aid_selective_advantage = models.BooleanField(
        _("Does the funding give the partner an advantage it would not get on the market?"), null=True, blank=True
    )
    state_aid_trade_effect = models.BooleanField(
        _("Could that advantage affect trade between member states?"), null=True, blank=True
    )
    state_aid_other_public_funding = models.BooleanField(
        _("Is the same activity funded from other public sources?"), null=True, blank=True
    )
    # withdrawn through a modification: keeps its reports, certificates and payments, reports no more from this period
    withdrawn_from_period = models.PositiveSmallIntegerField(_("withdrawn from period"), null=True, blank=True)
    # optimistic lock of the partner section: a save based on an older version is refused
    version = models.PositiveIntegerField(default=1, editable=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("project partner")
        ordering = ["project", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "abbreviation"], name="partner_abbreviation_per_project"),
            models.UniqueConstraint(
                fields=["project"], condition=Q(role=PartnerRole.LEAD), name="one_lead_partner_per_project"
            ),
            models.CheckConstraint(condition=Q(budget__gte=0), name="partner_budget_not_negative"),
            models.CheckConstraint(
                condition=Q(cofinancing_rate__gte=0, cofinancing_rate__lte=100),
                name="partner_cofinancing_percent",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "role"])]

    def __str__(self) -> str:
        return f"{self.abbreviation} ({self.get_role_display()})"


class PartnerBankAccount(models.Model):
    """Where a partner is paid: seen only by that partner, the programme's finance staff and its controller
    (projects.reporting_access.bank_details_refusal)."""

    partner = models.OneToOneField(ProjectPartner, on_delete=models.CASCADE, related_name="bank_account")
    account_holder = models.CharField(_("account holder"), max_length=200)
    iban = models.CharField(_("IBAN"), max_length=34, validators=[validate_iban])
    bic = models.CharField(
        _("BIC"),
        max_length=11,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$", _("A BIC has 8 or 11 letters and digits."))],
    )
    bank_name = models.CharField(_("bank"), max_length=200, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("bank account")

    def __str__(self) -> str:
        return f"{self.partner}: {masked_iban(self.iban)}"


class PartnerBudgetLine(models.Model):
    """What a partner plans to spend in one cost category in one period (0 = preparation), as typed. Flat-rate
    categories are never stored: partnerships.budget computes them from the call's options."""

    partner = models.ForeignKey(ProjectPartner, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(_("cost category"), max_length=20)
    period = models.PositiveSmallIntegerField(_("period"))
    amount = models.DecimalField(
        _("amount (EUR)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )

    class Meta:
        verbose_name = _("budget line")
        ordering = ["partner", "period", "category"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "category", "period"], name="budget_line_once"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_line_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.category} P{self.period}: {self.amount}"  # no query: admin pages list many


class PartnerFund(models.Model):
    """The share of a partner's budget one fund co-finances; the rest is the partner's own contribution."""

    partner = models.ForeignKey(ProjectPartner, on_delete=models.CASCADE, related_name="funds")
    fund = models.CharField(_("fund"), max_length=10)
    rate = models.DecimalField(
        _("co-financing rate (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )

    class Meta:
        verbose_name = _("partner co-financing")
        ordering = ["partner", "fund"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "fund"], name="partner_fund_once"),
            models.CheckConstraint(condition=Q(rate__gte=0, rate__lte=100), name="partner_fund_rate_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.fund} {self.rate} %"


class PartnerContribution(models.Model):
    """A part of the partner's own contribution, with its source named."""

    partner = models.ForeignKey(ProjectPartner, on_delete=models.CASCADE, related_name="contributions")
    kind = models.CharField(_("kind"), max_length=16, choices=ContributionKind.choices)
    source = models.CharField(_("source"), max_length=200)
    amount = models.DecimalField(
        _("amount (EUR)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )

    class Meta:
        verbose_name = _("own contribution")
        ordering = ["partner", "kind", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="contribution_not_negative"),
            models.CheckConstraint(condition=Q(kind__in=ContributionKind.values), name="contribution_kind_known"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.source} {self.amount}"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class PartnerInvitation(models.Model):
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=12, choices=PartnerRole.choices, default=PartnerRole.PARTNER)
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    partner = models.ForeignKey(
        ProjectPartner, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitations"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("partner invitation")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(expires_at__gt=F("created_at")), name="invitation_expires_later"),
            models.CheckConstraint(condition=~Q(role=PartnerRole.LEAD), name="invitation_not_for_lead"),
        ]
        indexes = [models.Index(fields=["project", "email"])]

    def __str__(self) -> str:
        return f"{self.email} → {self.project}"


class ProgrammeMembership(models.Model):
    """The partnership principle: an organisation's seat in a programme body."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    body = models.ForeignKey("programmes.ProgrammeBody", on_delete=models.CASCADE, related_name="memberships")
    member_category = models.CharField(_("member category"), max_length=30, choices=MemberCategory.choices)
    country = models.ForeignKey("programmes.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    voting = models.CharField(_("voting or advisory"), max_length=10, choices=Voting.choices, default=Voting.VOTING)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)

    class Meta:
        verbose_name = _("programme membership")
        ordering = ["body", "member_category", "organisation"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "body", "term_start"], name="membership_once_per_term"),
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=F("term_start")),
                name="membership_term_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.body}"


from .contact_models import ContactKind, ContactMessage  # noqa: E402, F401 - the relay's model (issue 21)
from .idea_models import IDEA_TRANSITIONS, IdeaInterest, IdeaStatus, ProjectIdea  # noqa: E402, F401 - the partner search (issue 21)
