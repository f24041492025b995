"""Organisations, their places in project partnerships and in programme bodies, and partner invitations."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .choices import MemberCategory, OrganisationType, PartnerRole, Sector, Voting
from .querysets import OrganisationQuerySet

PIC_VALIDATOR = RegexValidator(r"^\d{9}$", _("The PIC is exactly 9 digits."))


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
