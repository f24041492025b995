"""Enumerations of the programmes domain, shared by models, forms and other apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Period(models.TextChoices):
    P2000 = "2000-2006", "2000-2006"
    P2007 = "2007-2013", "2007-2013"
    P2014 = "2014-2020", "2014-2020"
    P2021 = "2021-2027", "2021-2027"


class Strand(models.TextChoices):
    CROSS_BORDER = "cross_border", _("Cross-border (Interreg A)")
    TRANSNATIONAL = "transnational", _("Transnational (Interreg B)")
    INTERREGIONAL = "interregional", _("Interregional (Interreg C)")
    OUTERMOST = "outermost", _("Outermost regions (Interreg D)")
    NETWORK = "network", _("Networks (Interact, ESPON, URBACT)")


class Fund(models.TextChoices):
    ERDF = "erdf", _("ERDF")
    IPA = "ipa", _("IPA")
    NDICI = "ndici", _("NDICI")
    NATIONAL = "national", _("National contributions")


class CallKind(models.TextChoices):
    ONE_STEP = "one_step", _("One-step")
    TWO_STEP = "two_step", _("Two-step")


class BodyKind(models.TextChoices):
    MANAGING_AUTHORITY = "managing_authority", _("Managing authority")
    JOINT_SECRETARIAT = "joint_secretariat", _("Joint secretariat")
    MONITORING_COMMITTEE = "monitoring_committee", _("Monitoring committee")
    NATIONAL_CONTACT_POINT = "national_contact_point", _("National contact point")
    FIRST_LEVEL_CONTROLLER = "first_level_controller", _("First level controller")
    CERTIFYING_AUTHORITY = "certifying_authority", _("Certifying authority")
    AUDIT_AUTHORITY = "audit_authority", _("Audit authority")


class StaffRole(models.TextChoices):
    MANAGER = "manager", _("Programme manager")
    OFFICER = "officer", _("Programme officer")
    ASSESSOR = "assessor", _("Assessor")
    # first-level control of partner reports: sees only the partners assigned to them (projects.ControllerAssignment)
    CONTROLLER = "controller", _("Controller")
    # authorises and confirms payments
    FINANCE = "finance", _("Finance officer")


class CostCategory(models.TextChoices):
    """The cost categories of Regulation (EU) 2021/1059, arts. 39–44, in the order budgets list them."""

    STAFF = "staff", _("Staff costs")
    OFFICE = "office", _("Office and administration")
    TRAVEL = "travel", _("Travel and accommodation")
    EXTERNAL = "external", _("External expertise and services")
    EQUIPMENT = "equipment", _("Equipment")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure and works")
    # computed only, never typed: the flat rate of up to 40 % of staff costs covering every other cost
    OTHER = "other", _("Other costs (flat rate)")


class IndicatorKind(models.TextChoices):
    OUTPUT = "output", _("Output indicator")
    RESULT = "result", _("Result indicator")
