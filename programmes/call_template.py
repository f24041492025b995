"""The default setup a new call starts from: its eligibility checklist and its quality criteria with weights.

A call stores its own copy (keys, weights, sections; a label only when staff wrote their own), so later changes to
this template never change a call applicants already rely on. Labels of the default items stay translatable here.
"""

from django.utils.translation import gettext_lazy as _

ELIGIBILITY: list[tuple[str, str]] = [
    ("in_time", _("Submitted before the call closed, through the portal")),
    ("partnership", _("The partnership meets the call's minimum partners and countries")),
    ("lead_partner", _("The lead partner is eligible and inside the programme area where required")),
    ("objective", _("The application addresses one of the call's specific objectives")),
    ("cofinancing", _("Requested co-financing within the call's maximum rate")),
    ("annexes", _("Mandatory annexes are attached and signed")),
]

# (key, label, short name, weight in %, sections assessors read next to it): the weights add up to 100
CRITERIA: list[tuple[str, str, str, int, list[str]]] = [
    (
        "relevance",
        _("Relevance and strategy: the shared challenge and the programme's objectives"),
        _("Relevance"),
        30,
        ["identification", "description"],
    ),
    ("partnership", _("Partnership: the right partners, each with a clear role"), _("Partnership"), 20, ["partners"]),
    (
        "work_plan",
        _("Work plan: activities, deliverables and time plan are coherent"),
        _("Work plan"),
        25,
        ["workplan"],
    ),
    (
        "results",
        _("Results and durability: outputs are used after the project"),
        _("Results"),
        15,
        ["results", "description"],
    ),
    ("budget", _("Budget: value for money and costs in line with the work plan"), _("Budget"), 10, ["budget"]),
]

ELIGIBILITY_LABELS = dict(ELIGIBILITY)
CRITERION_LABELS = {key: label for key, label, *_rest in CRITERIA}
CRITERION_NAMES = {key: name for key, _label, name, *_rest in CRITERIA}
