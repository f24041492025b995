"""Programmes, their structure, calls with their setup, indicators and reference data."""

from ..choices import BodyKind, CallKind, CostCategory, Fund, IndicatorKind, Period, StaffRole, Strand
from .call_setup import CallCriterion, CallEligibilityItem, CallFund
from .core import (
    PERCENT,
    TIMEZONE_CHOICES,
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
    default_cost_categories,
)
from .finance import FundCommitment
from .indicators import Indicator

__all__ = [
    "FundCommitment",
    "BodyKind",
    "CallKind",
    "CostCategory",
    "Fund",
    "IndicatorKind",
    "Period",
    "StaffRole",
    "Strand",
    "PERCENT",
    "TIMEZONE_CHOICES",
    "Call",
    "CallCriterion",
    "CallDocument",
    "CallEligibilityItem",
    "CallFund",
    "Country",
    "Indicator",
    "LegalStatus",
    "NutsRegion",
    "Office",
    "Priority",
    "Programme",
    "ProgrammeBody",
    "ProgrammeFund",
    "ProgrammeStaff",
    "SpecificObjective",
    "default_cost_categories",
]
