"""The eligibility checklist and the quality criteria with their weights: what staff record, and how it adds up."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

ELIGIBILITY_CHECKLIST: list[tuple[str, str]] = [
    ("in_time", _("Submitted before the call closed, through the portal")),
    ("partnership", _("The partnership meets the call's minimum partners and countries")),
    ("lead_partner", _("The lead partner is eligible and inside the programme area where required")),
    ("objective", _("The application addresses one of the call's specific objectives")),
    ("cofinancing", _("Requested co-financing within the call's maximum rate")),
    ("annexes", _("Mandatory annexes are attached and signed")),
]

# (key, label, weight in %): the weights add up to 100
QUALITY_CRITERIA: list[tuple[str, str, int]] = [
    ("relevance", _("Relevance and strategy: the shared challenge and the programme's objectives"), 30),
    ("partnership", _("Partnership: the right partners, each with a clear role"), 20),
    ("work_plan", _("Work plan: activities, deliverables and time plan are coherent"), 25),
    ("results", _("Results and durability: outputs are used after the project"), 15),
    ("budget", _("Budget: value for money and costs in line with the work plan"), 10),
]
# the short name of each criterion, for table headings and reports ("Work plan", never the key "work_plan")
CRITERION_NAMES: dict[str, str] = {
    "relevance": _("Relevance"),
    "partnership": _("Partnership"),
    "work_plan": _("Work plan"),
    "results": _("Results"),
    "budget": _("Budget"),
}
SCORES = [(n, str(n)) for n in range(1, 6)]


def weighted_total(scores: dict[str, int]) -> Decimal:
    """The weighted average of 1–5 scores, to two decimals (every criterion must be scored)."""
    total = sum(Decimal(scores[key]) * weight for key, _, weight in QUALITY_CRITERIA)
    return (total / sum(weight for *_, weight in QUALITY_CRITERIA)).quantize(Decimal("0.01"), ROUND_HALF_UP)
