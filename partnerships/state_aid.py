"""The state-aid questionnaire of a partner section and its result: one reading, shown to applicants and assessors.

Article 107(1) TFEU: public funding is state aid when it goes to an economic activity, gives a selective advantage
and may affect trade between member states. Four yes/no questions on the partner section; the result is computed
here, never stored, so the applicants' page, the checklist and the assessors' page cannot disagree.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

QUESTIONS = [
    "state_aid_economic_activity",
    "state_aid_selective_advantage",
    "state_aid_trade_effect",
    "state_aid_other_public_funding",
]

NOT_ANSWERED = "not_answered"
RELEVANT = "relevant"
NONE = "none"

LABELS = {
    NOT_ANSWERED: _("Not answered yet"),
    RELEVANT: _("State aid relevant: the programme will check the aid scheme (e.g. de minimis) with the partner."),
    NONE: _("No state aid"),
}


@dataclass(frozen=True)
class StateAid:
    result: str
    label: str
    cumulation: bool  # other public funding of the same activity: to be checked for double funding

    @property
    def answered(self) -> bool:
        return self.result != NOT_ANSWERED


def unanswered(partner) -> list[str]:
    """The questions of the questionnaire still without an answer."""
    return [name for name in QUESTIONS if getattr(partner, name) is None]


def state_aid(partner) -> StateAid:
    """Relevant when the partner carries out an economic activity with a selective advantage that may affect
    trade; no state aid when any of the three is answered no; not answered while a question is open."""
    other = partner.state_aid_other_public_funding is True
    if unanswered(partner):
        return StateAid(NOT_ANSWERED, str(LABELS[NOT_ANSWERED]), other)
    relevant = (
        partner.state_aid_economic_activity and partner.state_aid_selective_advantage and partner.state_aid_trade_effect
    )
    result = RELEVANT if relevant else NONE
    return StateAid(result, str(LABELS[result]), other)
