"""For any set of lines and decisions taken through the control services: per typed category, certified + deducted
+ parked = declared, and the certificate states the same amounts as reporting_money."""

import itertools
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnerships.budget import CostOptions
from projects.control_pdf import certificate_data
from projects.reporting_money import amounts_of, control_by_category, line_sums
from projects.services import control
from tests.reporting.conftest import report_with_lines

AMOUNT = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)
DECISION = st.sampled_from(["certified", "deducted", "parked"])
FRACTION = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal(1), places=4)
periods = itertools.count(1)


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_certified_deducted_and_parked_add_up_to_declared(contracted, data):
    typed = CostOptions.of(contracted.call).typed
    lines = data.draw(st.lists(st.tuples(st.sampled_from(typed), AMOUNT, DECISION, FRACTION), min_size=1, max_size=6))
    report = report_with_lines(
        contracted.partner,
        period=next(periods),
        lines=[{"category": category, "amount": amount} for category, amount, _d, _f in lines],
        status="submitted",
    )
    by = contracted.controller
    report = control.control_start(report=report, by=by)
    for line, (_c, amount, decision, fraction) in zip(report.lines.order_by("number"), lines, strict=True):
        deducted = max(Decimal("0.01"), (amount * fraction).quantize(Decimal("0.01")))
        control.line_decide(line=line, by=by, decision=decision, deducted=deducted, error_type="other", note="n")
    sums = line_sums([report.pk])[report.pk]
    amounts, per_category = amounts_of(report), control_by_category(sums)
    declared = sums.typed("declared")
    certified = sums.typed("certified")
    for category in typed:
        parts = per_category.get(category, {"deducted": 0, "parked": 0})
        assert certified.get(category, 0) + parts["deducted"] + parts["parked"] == declared.get(category, 0)
    assert sum(declared.values()) == sum(amount for _c, amount, _d, _f in lines)
    facts = certificate_data(report)
    assert facts["total_declared"] == amounts.total_declared
    assert facts["total_certified"] == amounts.total_certified
    assert facts["total_deducted"] + facts["total_parked"] == amounts.deducted + amounts.parked
