"""The rules of partner details and budgets, each written once: the forms and the budget service call the field
rules, and `budget_problems` runs every rule over the stored application for the checklist (called from
projects.rules.submission_problems), each problem linking to the exact field.

Every total comes from partnerships.budget (the one computation); nothing is summed here.
"""

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from interact_portal.core.formatting import format_amount
from partnerships import state_aid
from partnerships.budget import CostOptions, project_budget, project_periods
from partnerships.choices import PartnerRole
from programmes.application_form import field_rule
from programmes.choices import CostCategory, Fund

HUNDRED = Decimal(100)


def _percent(value: Decimal) -> str:
    return f"{Decimal(value).normalize():f}"


def fund_label(fund: str) -> str:
    return str(dict(Fund.choices).get(fund, fund))


def category_label(category: str) -> str:
    return str(dict(CostCategory.choices).get(category, category))


# --- field rules: each returns a message, or None when the value is fine -------------------------------------


def fund_rate_problem(fund: str, rate: Decimal | None, funds: dict[str, Decimal]) -> str | None:
    """A partner's co-financing rate from one fund: a fund of the call, at most that fund's maximum."""
    if rate is None:
        return None
    if fund not in funds:
        return _("This call does not co-finance from %(fund)s.") % {"fund": fund_label(fund)}
    if rate < 0:
        return _("A co-financing rate cannot be negative.")
    if rate > funds[fund]:
        return _("%(fund)s co-finances at most %(max)s %%.") % {"fund": fund_label(fund), "max": _percent(funds[fund])}
    return None


def cofinancing_total_problem(rates: dict[str, Decimal]) -> str | None:
    if sum(rates.values(), Decimal(0)) > HUNDRED:
        return _("The co-financing rates add up to more than 100 %.")
    return None


def no_fund_problem(rates: dict[str, Decimal]) -> str | None:
    if not any(rate and rate > 0 for rate in rates.values()):
        return _("Choose at least one fund and its co-financing rate.")
    return None


def contribution_row_problem(kind: str, source: str, amount: Decimal | None) -> str | None:
    if not kind:
        return _("Say whether this contribution is public, automatic public or private.")
    if not source.strip():
        return _("Name the source of this contribution.")
    if amount is None:
        return _("Give the amount of this contribution.")
    return None


def contributions_problem(contributed: Decimal, own: Decimal) -> str | None:
    """The own contribution's lines (public, automatic public, private) add up to the own contribution."""
    if contributed != own:
        return _("The contributions add up to %(sum)s EUR; the own contribution is %(own)s EUR.") % {
            "sum": format_amount(contributed),
            "own": format_amount(own),
        }
    return None


def text_problem(call, key: str, value: str, *, empty: str) -> str | None:
    """A text field of the partner section against the call's rule (required, character limit)."""
    rule = field_rule(call, key)
    if rule.required and not value.strip():
        return empty
    if rule.limit and len(value) > rule.limit:
        return _("At most %(limit)d characters (it has %(n)d).") % {"limit": rule.limit, "n": len(value)}
    return None


def nuts3_problem(region, country) -> str | None:
    """Only a level-3 region of the organisation's country."""
    if region is None:
        return None
    if region.level != 3:
        return _("Choose a NUTS 3 region.")
    if country is not None and region.country_id != country.pk:
        return _("%(region)s is not in %(country)s.") % {"region": region.code, "country": country.name}
    return None


# --- the checklist ------------------------------------------------------------------------------------------------


def _problem(section: str, message: str, url: str):
    from .rules import Problem  # rules imports this module to run it: imported at call time

    return Problem(section, message, url)


def partner_detail_problems(project, call, partner) -> list:
    """What the partner section still needs: organisation data, the per-project data and the state-aid answers."""
    url = reverse("projects:partner", args=[project.pk, partner.pk])

    def at(field: str, message: str):
        return _problem(f"partner-{partner.pk}", f"{partner.abbreviation}: {message}", f"{url}#id_{field}")

    organisation = partner.organisation
    found = []
    if not organisation.type:
        found.append(at("org-type", _("Choose the type of organisation.")))
    if organisation.legal_status_id is None:
        found.append(at("org-legal_status", _("Choose the organisation's legal status.")))
    if organisation.nuts_region is None:
        found.append(at("org-nuts_region", _("Choose the organisation's NUTS 3 region.")))
    elif message := nuts3_problem(organisation.nuts_region, organisation.country):
        found.append(at("org-nuts_region", message))
    if message := nuts3_problem(partner.department_nuts, organisation.country):
        found.append(at("department_nuts", message))
    if not partner.vat_recovery:
        found.append(at("vat_recovery", _("Say whether the partner can recover VAT.")))
    if not partner.legal_representative.strip():
        found.append(at("legal_representative", _("Name the legal representative.")))
    if message := text_problem(
        call, "partner.experience", partner.experience, empty=_("Describe the partner's experience.")
    ):
        found.append(at("experience", message))
    if message := text_problem(
        call, "partner.role_in_project", partner.role_in_project, empty=_("Describe the partner's role.")
    ):
        found.append(at("role_in_project", message))
    if open_questions := state_aid.unanswered(partner):
        found.append(at(open_questions[0], _("Answer the state-aid questions.")))
    return found


def budget_problems(project, call, partners) -> list:
    """Every budget rule over the stored budget: one query (partnerships.budget.stored) whatever the number of
    partners. The project's overview is left on `project.computed_budget` for the budget page to show."""
    found = []
    for partner in partners:
        found += partner_detail_problems(project, call, partner)
    budgeted = [p for p in partners if p.role != PartnerRole.ASSOCIATED]
    if not budgeted:
        return found
    overview = project.computed_budget = project_budget(project, partners)
    options = CostOptions.of(call)
    typed, periods = set(options.typed), set(project_periods(project))
    funds = overview.call_funds
    for partner in budgeted:
        budget = partner.computed_budget
        url = reverse("projects:partner_budget", args=[project.pk, partner.pk])

        def at(field: str, message: str, partner=partner, url=url):
            return _problem(f"budget-{partner.pk}", f"{partner.abbreviation}: {message}", f"{url}#id_{field}")

        first_cell = f"amount_{options.typed[0]}_{min(periods)}" if options.typed and periods else "amounts"
        if budget.total <= 0:
            found.append(at(first_cell, _("The partner's budget must be more than zero.")))
        for category, number in sorted(partner.budget_typed):
            amount = partner.budget_typed[(category, number)]
            if not amount:
                continue
            if category in options.flat:
                found.append(
                    at(
                        first_cell,
                        _("%(category)s is computed at a flat rate under this call; remove the typed amount.")
                        % {"category": category_label(category)},
                    )
                )
            elif category not in typed:
                found.append(
                    at(
                        first_cell,
                        _("This call does not allow %(category)s.") % {"category": category_label(category)},
                    )
                )
            elif number not in periods:
                found.append(
                    at(
                        first_cell,
                        _("%(category)s has an amount in period %(n)d, after the end of the project.")
                        % {"category": category_label(category), "n": number},
                    )
                )
        for fund, rate in sorted(budget.fund_rates.items()):
            if message := fund_rate_problem(fund, rate, funds):
                found.append(at(f"fund_{fund}", message))
        rates = budget.fund_rates
        if message := (no_fund_problem(rates) or cofinancing_total_problem(rates)):
            found.append(at(f"fund_{next(iter(funds), 'erdf')}", message))
        if message := contributions_problem(budget.contributed, budget.own_contribution):
            found.append(at("contribution_0_amount", message))
    if overview.total <= 0:
        found.append(
            _problem(
                "budget", _("The total budget must be more than zero."), reverse("projects:budget", args=[project.pk])
            )
        )
    return found
