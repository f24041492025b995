"""The EU common indicators of the demo programmes, and the setup of the demo calls (funds, reporting periods,
simplified cost options, a two-step call, and the eligibility checklist and criteria copied from the template)."""

from datetime import timedelta
from decimal import Decimal

from programmes.call_template import CRITERIA, ELIGIBILITY
from programmes.choices import CallKind, Fund, IndicatorKind
from programmes.models import (
    Call,
    CallCriterion,
    CallEligibilityItem,
    CallFund,
    Indicator,
    Programme,
    SpecificObjective,
)

# Regulation (EU) 2021/1058, Annex I: the common indicators Interreg programmes use most (code, name, unit, kind)
COMMON_INDICATORS = [
    ("RCO 81", "Participations in joint actions across borders", "participations", IndicatorKind.OUTPUT),
    ("RCO 83", "Strategies and action plans jointly developed", "strategy/action plan", IndicatorKind.OUTPUT),
    ("RCO 84", "Pilot actions developed jointly and implemented in projects", "pilot actions", IndicatorKind.OUTPUT),
    ("RCO 85", "Participations in joint training schemes", "participations", IndicatorKind.OUTPUT),
    ("RCO 87", "Organisations cooperating across borders", "organisations", IndicatorKind.OUTPUT),
    ("RCO 116", "Jointly developed solutions", "solutions", IndicatorKind.OUTPUT),
    ("RCR 79", "Joint strategies and action plans taken up by organisations", "joint strategy/action plan",
     IndicatorKind.RESULT),
    ("RCR 81", "Completion of joint training schemes", "participants", IndicatorKind.RESULT),
    ("RCR 84", "Organisations cooperating across borders after project completion", "organisations",
     IndicatorKind.RESULT),
    ("RCR 104", "Solutions taken up or up-scaled by organisations", "solutions", IndicatorKind.RESULT),
]  # fmt: skip
# the demo programmes of 2021-2027, whose specific objectives report on the common indicators
INDICATOR_PROGRAMMES = ["interreg-central-europe", "interreg-europe", "interreg-at-cz"]
# candidate countries and potential candidates: their partners are co-financed by IPA
CANDIDATE_COUNTRIES = {"AL", "BA", "ME", "MK", "RS", "TR", "UA", "MD", "GE", "XK"}


def indicators_seed() -> None:
    for programme in Programme.objects.filter(slug__in=INDICATOR_PROGRAMMES):
        objectives = list(SpecificObjective.objects.filter(priority__programme=programme))
        for code, name, unit, kind in COMMON_INDICATORS:
            indicator, _ = Indicator.objects.update_or_create(
                programme=programme, code=code, defaults={"name": name, "unit": unit, "kind": kind}
            )
            indicator.objectives.set(objectives)


# reference: (reporting period in months, office flat rate in %, two-step with its step-1 sections)
CALL_SETUP = {
    "CE-2026-01": (6, Decimal("15"), None),
    "ATCZ-2027-01": (6, None, ["identification", "description", "partners", "budget"]),
    "IE-2025-04": (6, None, None),
}
STEP2_WEEKS = 16  # a two-step call's full applications are due four months after the concept notes


def calls_setup_seed() -> None:
    """Each demo call's setup; the checklist and criteria are copies of the template (blank label: its wording)."""
    for call in Call.objects.filter(reference__in=CALL_SETUP).select_related("programme"):
        period, office_rate, step1 = CALL_SETUP[call.reference]
        Call.objects.filter(pk=call.pk).update(
            reporting_period_months=period,
            office_flat_rate=office_rate,
            kind=CallKind.TWO_STEP if step1 else CallKind.ONE_STEP,
            step1_sections=step1 or [],
            step2_closes_at=call.closes_at + timedelta(weeks=STEP2_WEEKS) if step1 else None,
        )
        CallFund.objects.update_or_create(call=call, fund=Fund.ERDF, defaults={"max_rate": Decimal("80")})
        if call.programme.countries.filter(code__in=CANDIDATE_COUNTRIES).exists():
            CallFund.objects.update_or_create(call=call, fund=Fund.IPA, defaults={"max_rate": Decimal("85")})
        for order, (key, _label) in enumerate(ELIGIBILITY):
            CallEligibilityItem.objects.update_or_create(call=call, key=key, defaults={"order": order, "label": ""})
        for order, (key, _label, _name, weight, sections) in enumerate(CRITERIA):
            CallCriterion.objects.update_or_create(
                call=call,
                key=key,
                defaults={"order": order, "label": "", "weight": weight, "sections": sections},
            )
