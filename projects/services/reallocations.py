"""Small budget changes without a modification (issue 19, item 5): a partner moves part of one period's budget from
one typed cost category to another, within the call's limit. The move is recorded (BudgetReallocation), in force at
once as the project's next version (origin "reallocation", so the diff between two versions shows it), audited, and
told to the programme's managers and officers and to the project's managers.

The threshold (`Call.reallocation_limit`, a percentage, 10 by default):

- The *base* is the project's latest version that is not itself a reallocation: the contract, or the last approved
  modification. A category's *base budget* is the partner's budget in that category in the base version, all
  periods together (typed amounts as stored in the version).
- Counted are this partner's reallocations recorded since the base (their version's number is greater than the
  base's), this one included. Amounts are gross: moving 100 out and later 100 back counts 100 out and 100 in for
  each of the two categories.
- What left `from_category` must stay ≤ limit % × its base budget; what entered `to_category` must stay ≤ limit %
  × its base budget. A category with no budget in the base version therefore cannot receive anything without a
  modification (limit % of 0 is 0), and a limit of 0 refuses every reallocation.
- An approved modification starts a new base: the count starts again from zero.

Besides the threshold: the project is contracted with no modification under way (that change belongs in the
modification), the partner budgets (not an associated partner) and has not withdrawn by that period, both
categories are different typed categories of the call (flat-rate categories are computed, never moved), the amount
is more than zero and at most what the cell holds, and the partner's total (flat rates recomputed) does not rise.

Who: the project's managers for any partner, a partner's contact person for their own partner.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.db.models.fields.json import KeyTransform
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from interact_portal.accounts.models import User
from interact_portal.audit.services import audit_record
from interact_portal.core.formatting import format_money
from interact_portal.notifications.messages import Message
from interact_portal.notifications.services import notify
from partnerships.budget import HUNDRED, ZERO, CostOptions, money, partner_budget, project_periods, stored
from partnerships.choices import PartnerRole
from partnerships.models import PartnerBudgetLine, ProjectPartner
from programmes.choices import CostCategory, StaffRole

from ..models import ApplicationVersion, BudgetReallocation, CollaboratorLevel, Modification, Project, VersionOrigin
from ..modification_workflow import ACTIVE
from ..permissions import manage_refusal
from ..search_index import search_index_refresh
from ..versions import version_capture
from ..workflow import Status

JUSTIFICATION_LIMIT = 5000
BUDGET_LINES = "partnerships.partnerbudgetline"


@dataclass(frozen=True)
class Base:
    """The version a reallocation is measured against, and each partner's budget per category in it."""

    number: int
    budgets: dict[int, dict[str, Decimal]]  # partner id → category → amount, all periods


@dataclass(frozen=True)
class Room:
    """One partner's category under the limit: its base budget, what left and entered it since, what may still."""

    category: str
    base: Decimal
    limit: Decimal
    moved_out: Decimal
    moved_in: Decimal

    @property
    def allowed(self) -> Decimal:
        return money(self.base * self.limit / HUNDRED)

    @property
    def room_out(self) -> Decimal:
        return max(self.allowed - self.moved_out, ZERO)

    @property
    def room_in(self) -> Decimal:
        return max(self.allowed - self.moved_in, ZERO)

    @property
    def label(self) -> str:
        return str(CostCategory(self.category).label)


def percent(limit: Decimal) -> str:
    """A limit as people write it: 10, 7.5."""
    return format(limit.normalize(), "f")


def reallocation_base(project: Project) -> Base | None:
    """The latest contract-or-modification version (one query, reading only its budget lines), or None."""
    row = (
        ApplicationVersion.objects.filter(project=project)
        .exclude(origin=VersionOrigin.REALLOCATION)
        .order_by("-number")
        .annotate(lines=KeyTransform(BUDGET_LINES, KeyTransform("tables", "rows")))
        .values_list("number", "lines")
        .first()
    )
    if row is None:
        return None
    number, lines = row
    budgets: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for line in lines or []:
        budgets[line["partner_id"]][line["category"]] += Decimal(str(line["amount"]))
    return Base(number=number, budgets=budgets)


def moved_since(project: Project, base: Base, partner_id: int | None = None) -> dict[int, dict[str, dict]]:
    """What left and entered each partner's categories since the base version: partner → {"out": …, "in": …}."""
    moves = BudgetReallocation.objects.filter(project=project, version__number__gt=base.number)
    if partner_id is not None:
        moves = moves.filter(partner_id=partner_id)
    result: dict[int, dict[str, dict]] = defaultdict(
        lambda: {"out": defaultdict(lambda: ZERO), "in": defaultdict(lambda: ZERO)}
    )
    for side, field in (("out", "from_category"), ("in", "to_category")):
        for partner, category, total in moves.values_list("partner_id", field).annotate(total=Sum("amount")).order_by():
            result[partner][side][category] += total
    return result


def reallocation_rooms(project: Project, partners) -> dict[int, list[Room]]:
    """Each budgeted partner's room under the limit, per typed category of the call (two queries)."""
    base = reallocation_base(project)
    if base is None or project.call is None:
        return {}
    limit = project.call.reallocation_limit
    moved = moved_since(project, base)
    typed = CostOptions.of(project.call).typed
    return {
        partner.pk: [
            Room(
                category=category,
                base=base.budgets[partner.pk][category],
                limit=limit,
                moved_out=moved[partner.pk]["out"][category],
                moved_in=moved[partner.pk]["in"][category],
            )
            for category in typed
        ]
        for partner in partners
        if partner.role != PartnerRole.ASSOCIATED
    }


def is_manager(user, project: Project) -> bool:
    return manage_refusal(user, project, while_editable=False) is None


def reallocating_partners(user, project: Project, partners) -> list[ProjectPartner]:
    """The partners whose budget this user may move: all budgeted ones for the project's managers, their own
    partner for a partner's contact person, none for anyone else."""
    if not user.is_authenticated:
        return []
    budgeted = [p for p in partners if p.role != PartnerRole.ASSOCIATED]
    if is_manager(user, project):
        return budgeted
    return [p for p in budgeted if p.contact_user_id == user.pk]


def reallocation_refusal(project: Project) -> str | None:
    """Why the project's budget cannot be reallocated now (whoever asks), or None."""
    if project.status != Status.CONTRACTED:
        return _("Budget can be reallocated only on a contracted project; this one is “%(status)s”.") % {
            "status": Status(project.status).label
        }
    if project.modification_open or Modification.objects.filter(project=project, status__in=ACTIVE).exists():
        return _("A modification is under way: include the change in it.")
    if project.call is None:
        return _("This project has no call, so no reallocation limit: every change needs a modification.")
    return None


def _amount(value) -> Decimal | None:
    try:
        amount = Decimal(str(value))
        if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")) or abs(amount) >= 10**12:
            return None
    except (InvalidOperation, TypeError, ValueError):
        return None
    return amount


def _total(partner: ProjectPartner, project: Project, typed: dict) -> Decimal:
    return partner_budget(
        partner_id=partner.pk,
        options=CostOptions.of(project.call),
        periods=project_periods(project),
        typed=typed,
        fund_rates={},
        is_lead=partner.role == PartnerRole.LEAD,
    ).total


@transaction.atomic
def budget_reallocate(
    *,
    project: Project,
    partner: ProjectPartner,
    period: int,
    from_category: str,
    to_category: str,
    amount,
    justification: str,
    by,
) -> BudgetReallocation:
    """Move `amount` of `partner`'s budget in `period` from one typed category to another, within the call's limit
    (see the module's docstring for the rule). The project row is locked first: two reallocations at once are
    counted one after the other, so they cannot both pass the threshold."""
    project = Project.objects.select_for_update(of=("self",)).select_related("call", "programme").get(pk=project.pk)
    partner = ProjectPartner.objects.filter(project=project, pk=partner.pk).first()
    if partner is None or partner.role == PartnerRole.ASSOCIATED:
        raise ValidationError({"partner": _("Choose a partner of this project with a budget.")})
    if not (is_manager(by, project) or (by.is_authenticated and partner.contact_user_id == by.pk)):
        raise PermissionDenied(_("Only the project's managers and the partner's contact person can move its budget."))
    if refusal := reallocation_refusal(project):
        raise ValidationError(refusal)

    errors: dict[str, str] = {}
    periods = project_periods(project)
    if period not in periods:
        errors["period"] = _("Choose a period of the project.")
    elif partner.withdrawn_from_period is not None and period >= partner.withdrawn_from_period:
        errors["period"] = _("This partner withdrew from period %(n)d: its budget there can no longer move.") % {
            "n": partner.withdrawn_from_period
        }
    options = CostOptions.of(project.call)
    typed = options.typed
    for field, category in (("from_category", from_category), ("to_category", to_category)):
        if category in options.flat:
            errors[field] = _("%(category)s is a flat rate computed from other costs: it cannot be moved.") % {
                "category": CostCategory(category).label
            }
        elif category not in typed:
            errors[field] = _("Choose a cost category of the call.")
    if "to_category" not in errors and from_category == to_category:
        errors["to_category"] = _("Choose another category than the one the money comes from.")
    justification = (justification or "").strip()
    if not justification:
        errors["justification"] = _("Say why the budget moves.")
    elif len(justification) > JUSTIFICATION_LIMIT:
        errors["justification"] = _("Keep the justification under %(n)d characters.") % {"n": JUSTIFICATION_LIMIT}
    value = _amount(amount)
    if value is None:
        errors["amount"] = _("Enter an amount in euro with at most two decimals.")
    elif value <= 0:
        errors["amount"] = _("The amount must be more than zero.")
    if errors:
        raise ValidationError(errors)

    lines = {
        line.category: line
        for line in PartnerBudgetLine.objects.select_for_update(of=("self",)).filter(
            partner=partner, period=period, category__in=[from_category, to_category]
        )
    }
    source = lines.get(from_category)
    available = source.amount if source is not None else ZERO
    if value > available:
        raise ValidationError(
            {
                "amount": _("The amount is more than the %(amount)s of %(category)s in period %(n)d.")
                % {"amount": format_money(available), "category": CostCategory(from_category).label, "n": period}
            }
        )
    _check_threshold(project, partner, from_category, to_category, value)
    before = stored([partner.pk], project.call).typed[partner.pk]
    after = dict(before)
    after[(from_category, period)] = before.get((from_category, period), ZERO) - value
    after[(to_category, period)] = before.get((to_category, period), ZERO) + value
    old_total, new_total = _total(partner, project, before), _total(partner, project, after)
    if new_total > old_total:
        raise ValidationError(
            {
                "to_category": _(
                    "This move raises the partner's total budget from %(before)s to %(after)s (flat rates are "
                    "computed from %(category)s): a reallocation may not raise the total."
                )
                % {
                    "before": format_money(old_total),
                    "after": format_money(new_total),
                    "category": CostCategory(to_category).label,
                }
            }
        )

    target = lines.get(to_category)
    old_to = target.amount if target is not None else ZERO
    PartnerBudgetLine.objects.filter(pk=source.pk).update(amount=source.amount - value)
    if target is None:
        PartnerBudgetLine.objects.create(partner=partner, category=to_category, period=period, amount=value)
    else:
        PartnerBudgetLine.objects.filter(pk=target.pk).update(amount=target.amount + value)
    today = timezone.localdate()
    version = version_capture(project=project, by=by, origin=VersionOrigin.REALLOCATION, in_force_from=today)
    search_index_refresh([project.pk])  # the stored total budget (flat rates may lower it)
    reallocation = BudgetReallocation.objects.create(
        project=project,
        partner=partner,
        period=period,
        from_category=from_category,
        to_category=to_category,
        amount=value,
        justification=justification,
        version=version,
        by=by,
    )
    audit_record(
        action="budget.reallocated",
        actor=by,
        target=project,
        changes={
            f"{partner.abbreviation} {from_category} P{period}": (source.amount, source.amount - value),
            f"{partner.abbreviation} {to_category} P{period}": (old_to, old_to + value),
            "version": (version.number - 1, version.number),
        },
        note=justification,
    )
    _tell(project, reallocation, by)
    return reallocation


def _check_threshold(project: Project, partner, from_category: str, to_category: str, value: Decimal) -> None:
    base = reallocation_base(project)
    if base is None:
        raise ValidationError(_("This project has no contracted version to measure a reallocation against."))
    limit = project.call.reallocation_limit
    moved = moved_since(project, base, partner.pk)[partner.pk]
    errors = {}
    for side, category, word in (("out", from_category, _("out of")), ("in", to_category, _("into"))):
        room = Room(
            category=category,
            base=base.budgets[partner.pk][category],
            limit=limit,
            moved_out=moved["out"][category],
            moved_in=moved["in"][category],
        )
        already = room.moved_out if side == "out" else room.moved_in
        if already + value > room.allowed:
            errors["amount"] = _(
                "Over the limit: the call allows moving at most %(limit)s %% of a category's budget without a "
                "modification. %(moved)s would move %(word)s %(category)s since version %(base)d, more than the "
                "%(allowed)s allowed (%(limit)s %% of %(budget)s). Ask for a modification instead."
            ) % {
                "limit": percent(limit),
                "moved": format_money(already + value),
                "word": word,
                "category": CostCategory(category).label,
                "base": base.number,
                "allowed": format_money(room.allowed),
                "budget": format_money(room.base),
            }
            break
    if errors:
        raise ValidationError(errors)


def _tell(project: Project, reallocation: BudgetReallocation, by) -> None:
    """The programme's managers and officers, and the project's managers (not the one who moved it)."""
    title = Message(
        gettext_noop("%(acronym)s: %(amount)s of %(partner)s moved from %(from)s to %(to)s in period %(n)d"),
        {
            "acronym": project.acronym,
            "amount": format_money(reallocation.amount),
            "partner": reallocation.partner.abbreviation,
            "from": CostCategory(reallocation.from_category).label,
            "to": CostCategory(reallocation.to_category).label,
            "n": reallocation.period,
        },
    )
    url = reverse("projects:reallocations", args=[project.pk])
    staff = User.objects.filter(
        programme_roles__programme_id=project.programme_id,
        programme_roles__role__in=[StaffRole.MANAGER, StaffRole.OFFICER],
    ).distinct()
    managers = User.objects.filter(
        collaborations__project=project, collaborations__level=CollaboratorLevel.MANAGE
    ).exclude(pk=by.pk)
    body = reallocation.justification
    notify(event="budget.reallocated", actor=by, target=project, recipients=staff, title=title, body=body, url=url)
    notify(
        event="budget.reallocated",
        actor=by,
        target=project,
        recipients=managers.exclude(pk__in=staff.values("pk")),
        title=title,
        body=body,
        url=url,
    )
