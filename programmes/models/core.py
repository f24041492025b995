"""Programmes, their structure (priorities, objectives, bodies, offices), calls, and reference data."""

import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interact_portal.core.uploads import RandomName, validate_upload

from ..choices import BodyKind, CallKind, CostCategory, Fund, Period, StaffRole, Strand
from ..querysets import CallQuerySet


def default_cost_categories() -> list[str]:
    """Every category one can type in: the computed "other costs" is offered through its flat rate."""
    return [c for c in CostCategory.values if c != CostCategory.OTHER]


def default_input_languages() -> list[str]:
    """Applicants write in English unless the call asks for more (issue 20)."""
    return ["en"]


def default_content_languages() -> list[str]:
    return [settings.MODELTRANSLATION_DEFAULT_LANGUAGE]


def content_languages_clean(codes) -> list[str]:
    """English (the fallback) always, then the known languages chosen, in the order of settings.LANGUAGES."""
    chosen = {*(codes or ()), settings.MODELTRANSLATION_DEFAULT_LANGUAGE}
    return [code for code, _name in settings.LANGUAGES if code in chosen]


PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]
TIMEZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


class Country(models.Model):
    code = models.CharField(
        _("ISO 3166 code"),
        max_length=2,
        primary_key=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Two capital letters, e.g. AT."))],
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    is_eu_member = models.BooleanField(_("EU member state"), default=False)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=Q(code__regex=r"^[A-Z]{2}$"), name="country_code_iso")]

    def __str__(self) -> str:
        return self.name


class NutsRegion(models.Model):
    code = models.CharField(_("NUTS code"), max_length=5, unique=True)
    level = models.PositiveSmallIntegerField(_("level"))
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="nuts_regions")

    class Meta:
        verbose_name = _("NUTS region")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(level__gte=0, level__lte=3), name="nuts_level_0_3"),
            models.CheckConstraint(condition=Q(parent__isnull=True) | Q(level__gt=0), name="nuts_root_is_level_0"),
        ]
        indexes = [models.Index(fields=["country", "level"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class LegalStatus(models.Model):
    name = models.CharField(_("name"), max_length=150, unique=True)
    is_public_body = models.BooleanField(_("public law body"), default=False)

    class Meta:
        verbose_name = _("legal status")
        verbose_name_plural = _("legal statuses")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Programme(models.Model):
    """An Interreg programme. Its managing authority, joint secretariat etc. are its ProgrammeBody rows."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    cci = models.CharField(
        _("CCI code"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Common Commission Identifier, e.g. 2021TC16FFIR001."),
    )
    period = models.CharField(_("period"), max_length=9, choices=Period.choices)
    strand = models.CharField(_("strand"), max_length=20, choices=Strand.choices)
    total_budget = models.DecimalField(
        _("total budget (EUR)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    eu_cofinancing_rate = models.DecimalField(
        _("EU co-financing rate (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    countries = models.ManyToManyField(Country, verbose_name=_("participating countries"), related_name="programmes")
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    # the languages its texts are kept in (issue 20): English always, first; the others are offered in the forms
    content_languages = ArrayField(
        models.CharField(max_length=5, choices=settings.LANGUAGES),
        verbose_name=_("content languages"),
        default=default_content_languages,
        blank=True,
        help_text=_("The languages of the programme's texts: English always, and those its staff translate into."),
    )

    class Meta:
        verbose_name = _("programme")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(total_budget__gte=0), name="programme_budget_not_negative"),
            models.CheckConstraint(
                condition=Q(eu_cofinancing_rate__gte=0, eu_cofinancing_rate__lte=100),
                name="programme_cofinancing_percent",
            ),
        ]
        indexes = [models.Index(fields=["period", "strand"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.content_languages = content_languages_clean(self.content_languages)
        super().save(*args, **kwargs)

    @property
    def languages(self) -> list[str]:
        """The declared languages in the order of settings.LANGUAGES, English first."""
        return content_languages_clean(self.content_languages)


class ProgrammeFund(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="funds")
    fund = models.CharField(_("fund"), max_length=10, choices=Fund.choices)
    amount = models.DecimalField(
        _("amount (EUR)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )

    class Meta:
        verbose_name = _("programme fund")
        ordering = ["programme", "fund"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "fund"], name="programme_fund_once"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="programme_fund_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.programme}: {self.get_fund_display()} {self.amount}"


class Priority(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="priorities")
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        ordering = ["programme", "code"]
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="priority_code_per_programme")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class SpecificObjective(models.Model):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="objectives")
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        verbose_name = _("specific objective")
        ordering = ["priority", "code"]
        constraints = [models.UniqueConstraint(fields=["priority", "code"], name="objective_code_per_priority")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Call(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="calls")
    reference = models.CharField(_("reference"), max_length=50)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("procedure"), max_length=10, choices=CallKind.choices, default=CallKind.ONE_STEP)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    timezone = models.CharField(_("time zone"), max_length=64, choices=TIMEZONE_CHOICES, default="Europe/Brussels")
    budget = models.DecimalField(
        _("budget (EUR)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    allowed_objectives = models.ManyToManyField(
        SpecificObjective, verbose_name=_("allowed specific objectives"), related_name="calls", blank=True
    )
    max_cofinancing_rate = models.DecimalField(
        _("maximum co-financing rate (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    min_partners = models.PositiveSmallIntegerField(_("minimum partners"), default=2, validators=[MinValueValidator(1)])
    min_countries = models.PositiveSmallIntegerField(
        _("minimum countries"), default=2, validators=[MinValueValidator(1)]
    )
    lead_partner_in_programme_area = models.BooleanField(
        _("lead partner must be inside the programme area"), default=True
    )
    is_published = models.BooleanField(_("published"), default=False)
    # --- the call setup: the application form and budget rules applicants work under (see services.CALL_RULES)
    step2_closes_at = models.DateTimeField(
        _("step 2 closes at"), null=True, blank=True, help_text=_("Two-step calls: the deadline of the full form.")
    )
    step1_sections = ArrayField(
        models.CharField(max_length=20),
        verbose_name=_("sections of the concept note (step 1)"),
        default=list,
        blank=True,
    )
    reporting_period_months = models.PositiveSmallIntegerField(
        _("reporting period (months)"), default=6, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    cost_categories = ArrayField(
        models.CharField(max_length=20, choices=CostCategory.choices),
        verbose_name=_("cost categories allowed"),
        default=default_cost_categories,
        blank=True,
    )
    # simplified cost options (Regulation (EU) 2021/1059 arts. 39–41): None = not offered
    office_flat_rate = models.DecimalField(
        # xgettext:no-python-format
        _("office and administration: flat rate (% of staff costs)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(15))],
    )
    travel_flat_rate = models.DecimalField(
        # xgettext:no-python-format
        _("travel and accommodation: flat rate (% of staff costs)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(15))],
    )
    staff_flat_rate = models.DecimalField(
        # xgettext:no-python-format
        _("staff costs: flat rate (% of the other direct costs)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(20))],
    )
    other_costs_flat_rate = models.DecimalField(
        # xgettext:no-python-format
        _("other costs: flat rate (% of staff costs)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(40))],
    )
    preparation_lump_sum = models.DecimalField(
        _("preparation lump sum (EUR)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    # departures from the default rule of each form field: {"description.context": {"required": true, "limit": 3000}}
    form_rules = models.JSONField(_("form fields: required and character limits"), default=dict, blank=True)
    # the languages applicants write in (English always): a field the form rules ask "in every language" must be
    # written in each of them before submitting (programmes.application_form.field_rule, projects.rules)
    input_languages = ArrayField(
        models.CharField(max_length=5, choices=settings.LANGUAGES),
        verbose_name=_("languages applicants write in"),
        default=default_input_languages,
    )
    reallocation_limit = models.DecimalField(
        _("budget reallocation without a modification (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(10),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text=_(
            "A partner may move up to this share of a cost category's budget to another category without a "
            "modification (0: every change needs one)."
        ),
    )
    control_four_eyes = models.BooleanField(
        _("four eyes in first-level control"),
        default=False,
        help_text=_("A second controller confirms every control before it is finalised."),
    )

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")
        ordering = ["-opens_at"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "reference"], name="call_reference_per_programme"),
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="call_closes_after_opening"),
            models.CheckConstraint(condition=Q(budget__gt=0), name="call_budget_positive"),
            models.CheckConstraint(
                condition=Q(max_cofinancing_rate__gte=0, max_cofinancing_rate__lte=100),
                name="call_cofinancing_percent",
            ),
            models.CheckConstraint(
                condition=Q(min_partners__gte=1, min_countries__gte=1), name="call_partnership_minimums"
            ),
            models.CheckConstraint(
                condition=Q(step2_closes_at__isnull=True) | Q(step2_closes_at__gt=F("closes_at")),
                name="call_step2_after_step1",
            ),
            models.CheckConstraint(
                condition=Q(reporting_period_months__gte=1, reporting_period_months__lte=24),
                name="call_reporting_period_1_24",
            ),
            models.CheckConstraint(
                condition=(Q(office_flat_rate__isnull=True) | Q(office_flat_rate__gte=0, office_flat_rate__lte=15))
                & (Q(travel_flat_rate__isnull=True) | Q(travel_flat_rate__gte=0, travel_flat_rate__lte=15))
                & (Q(staff_flat_rate__isnull=True) | Q(staff_flat_rate__gte=0, staff_flat_rate__lte=20))
                & (
                    Q(other_costs_flat_rate__isnull=True)
                    | Q(other_costs_flat_rate__gte=0, other_costs_flat_rate__lte=40)
                ),
                name="call_flat_rates_within_regulation",
            ),
        ]
        indexes = [models.Index(fields=["is_published", "opens_at", "closes_at"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def is_two_step(self) -> bool:
        return self.kind == CallKind.TWO_STEP

    def deadline_for(self, stage: str):
        """When the applications of a stage close: a two-step call's full form has its own deadline."""
        if stage == "full" and self.is_two_step and self.step2_closes_at:
            return self.step2_closes_at
        return self.closes_at

    @property
    def state(self) -> str:
        """open, upcoming or closed, by the server's clock: the one "is the call open" of a call in hand (lists ask
        `Call.objects.open_now()`, which reads the same times)."""
        now = timezone.now()
        if now < self.opens_at:
            return "upcoming"
        return "open" if now < self.closes_at else "closed"


class Office(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="offices")
    name = models.CharField(_("name"), max_length=150)
    city = models.CharField(_("city"), max_length=100)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="offices")

    class Meta:
        verbose_name = _("office")
        ordering = ["programme", "name"]
        constraints = [models.UniqueConstraint(fields=["programme", "name"], name="office_name_per_programme")]

    def __str__(self) -> str:
        return self.name


class ProgrammeBody(models.Model):
    """A body of the programme's structure; its members are ProgrammeMemberships (partnerships app)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="bodies")
    kind = models.CharField(_("kind"), max_length=30, choices=BodyKind.choices)
    name = models.CharField(_("name"), max_length=200)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("programme body")
        verbose_name_plural = _("programme bodies")
        ordering = ["programme", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["programme", "kind", "name"], name="body_unique_per_kind")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class CallDocument(models.Model):
    """A document published with a call (terms of reference, application manual, templates): a file or a link."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=RandomName("calls"), blank=True, validators=[validate_upload])
    url = models.URLField(_("link"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("call document")
        ordering = ["call", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(file="") | ~Q(url=""), name="call_document_file_or_link"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def href(self) -> str:
        return reverse("programmes:call_document", args=[self.call_id, self.pk]) if self.file else self.url


class ProgrammeStaff(models.Model):
    """A staff user's role in one programme: who is told about and may see the programme's applications."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="staff")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_roles")
    role = models.CharField(_("role"), max_length=10, choices=StaffRole.choices)

    class Meta:
        verbose_name = _("programme staff member")
        ordering = ["programme", "role", "user"]
        constraints = [models.UniqueConstraint(fields=["programme", "user"], name="staff_once_per_programme")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) in {self.programme}"
