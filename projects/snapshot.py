"""The JSON snapshot of an application, written once at submission: what the applicants submitted, frozen.

Schema 2 carries every section, from `projects.answers.application_answers` (the same answers the "check your
answers" page showed): identification, description with objectives, target groups and horizontal principles,
partners with their details, state-aid answers and own contributions, the work plan with activities,
deliverables and outputs, results, the budget per partner by cost category × period with the flat rates computed by
partnerships.budget, co-financing per fund, annexes, and an overview of counts and totals. Amounts are strings with
two decimals (JSON has no Decimal). Schema 1 snapshots (identification, partners, budget totals, annexes) stay as
they were written; readers check `schema`."""

from decimal import Decimal

from programmes.application_form import SECTION_KEYS
from programmes.models import CallFund

from .answers import application_answers
from .rules import stage_sections

SCHEMA_VERSION = 2


def _jsonable(value):
    """Answers as JSON: Decimals as strings, everything else as it is."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    return value


def _rate(value) -> str | None:
    return None if value is None else str(value)


def _call(call) -> dict:
    return {
        "reference": call.reference,
        "title": call.title,
        "closes_at": call.closes_at.isoformat(),
        "timezone": call.timezone,
        "max_cofinancing_rate": str(call.max_cofinancing_rate),
        "reporting_period_months": call.reporting_period_months,
        "cost_categories": list(call.cost_categories),
        "flat_rates": {
            "office": _rate(call.office_flat_rate),
            "travel": _rate(call.travel_flat_rate),
            "staff": _rate(call.staff_flat_rate),
            "other": _rate(call.other_costs_flat_rate),
        },
        "preparation_lump_sum": _rate(call.preparation_lump_sum),
        "funds": [
            {"fund": fund, "max_rate": str(rate)}
            for fund, rate in CallFund.objects.filter(call=call).order_by("fund").values_list("fund", "max_rate")
        ],
    }


def _overview(answers: dict) -> dict:
    """The project at a glance: what a list of applications or a report row shows."""
    packages = answers["work_packages"]
    activities = [a for wp in packages for a in wp["activities"]]
    budget = answers["budget"]
    return {
        "partners": len(answers["partners"]),
        "countries": sorted({p["organisation"]["country"] for p in answers["partners"]}),
        "work_packages": len(packages),
        "activities": len(activities),
        "deliverables": sum(len(a["deliverables"]) for a in activities),
        "outputs": sum(len(wp["outputs"]) for wp in packages),
        "results": len(answers["results"]),
        # keyed by code, for reports reading the snapshot in SQL (projects/reports/columns.submitted)
        "by_category": {row["category"]: row["total"] for row in budget["by_category"]},
        "by_fund": {fund["fund"]: fund["amount"] for fund in budget["funds"]},
        "preparation": budget["preparation"],
        "total": budget["total"],
        "cofinancing": budget["cofinancing"],
        "own_contribution": budget["own_contribution"],
    }


def application_snapshot(project, *, by, at, number: int) -> dict:
    answers = application_answers(project)
    call = project.call
    return _jsonable(
        {
            "schema": SCHEMA_VERSION,
            "number": number,
            "submitted_at": at.isoformat(),
            "submitted_by": by.email,
            "programme": project.programme.name,
            "call": _call(call) if call else None,
            "overview": _overview(answers),
            # the form sections submitted: a concept note's (step 1 of a two-step call), or every section
            "sections": stage_sections(project) or list(SECTION_KEYS),
            **answers,
        }
    )
