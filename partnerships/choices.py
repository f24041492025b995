from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    """Target groups as used by keep.eu and Jems."""

    LOCAL_AUTHORITY = "local_authority", _("Local public authority")
    REGIONAL_AUTHORITY = "regional_authority", _("Regional public authority")
    NATIONAL_AUTHORITY = "national_authority", _("National public authority")
    SECTORAL_AGENCY = "sectoral_agency", _("Sectoral agency")
    INFRASTRUCTURE_PROVIDER = "infrastructure_provider", _("Infrastructure and public service provider")
    INTEREST_GROUP = "interest_group", _("Interest groups including NGOs")
    HIGHER_EDUCATION = "higher_education", _("Higher education and research")
    EDUCATION_CENTRE = "education_centre", _("Education/training centre and school")
    SME = "sme", _("Small and medium enterprise")
    LARGE_ENTERPRISE = "large_enterprise", _("Large enterprise")
    BUSINESS_SUPPORT = "business_support", _("Business support organisation")
    EGTC = "egtc", _("European grouping of territorial cooperation (EGTC)")
    INTERNATIONAL = "international", _("International organisation")
    GENERAL_PUBLIC = "general_public", _("General public")
    OTHER = "other", _("Other")


class Sector(models.TextChoices):
    PUBLIC = "public", _("Public")
    PRIVATE = "private", _("Private")


class PartnerRole(models.TextChoices):
    LEAD = "lead", _("Lead partner")
    PARTNER = "partner", _("Project partner")
    ASSOCIATED = "associated", _("Associated partner")


class MemberCategory(models.TextChoices):
    NATIONAL_AUTHORITY = "national_authority", _("National authority")
    REGIONAL_AUTHORITY = "regional_authority", _("Regional or local authority")
    ECONOMIC_SOCIAL_PARTNER = "economic_social_partner", _("Economic and social partner")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    ENVIRONMENTAL_PARTNER = "environmental_partner", _("Environmental partner")
    EQUALITY_BODY = "equality_body", _("Body promoting equality and non-discrimination")
    RESEARCH = "research", _("Research and universities")
    EU_INSTITUTION = "eu_institution", _("European Commission (advisory)")


class Voting(models.TextChoices):
    VOTING = "voting", _("Voting")
    ADVISORY = "advisory", _("Advisory")


class OrganisationSize(models.TextChoices):
    """Commission Recommendation 2003/361/EC."""

    MICRO = "micro", _("Micro (fewer than 10 staff)")
    SMALL = "small", _("Small (fewer than 50 staff)")
    MEDIUM = "medium", _("Medium (fewer than 250 staff)")
    LARGE = "large", _("Large (250 staff or more)")


class VatRecovery(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    PARTLY = "partly", _("Partly")


class ContributionKind(models.TextChoices):
    PUBLIC = "public", _("Public")
    AUTOMATIC_PUBLIC = "automatic_public", _("Automatic public")
    PRIVATE = "private", _("Private")
