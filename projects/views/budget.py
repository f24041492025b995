"""The budget: the project overview (partners × categories × periods × funds) and each partner's budget table."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from partnerships.budget import (
    CostOptions,
    partner_budget,
    project_budget,
    project_periods,
    stored_partner_budget,
)
from partnerships.choices import PartnerRole
from partnerships.models import PartnerContribution
from programmes.periods import reporting_periods

from ..forms_budget import PartnerBudgetForm
from ..permissions import partner_edit_refusal, require
from ..rules_budget import category_label, fund_label
from ..services.budget import budget_version, partner_budget_save
from ..services.versioning import StaleVersion
from .common import add_service_error, application_or_404, workspace_context


def _period_labels(project) -> dict[int, str]:
    length = project.call.reporting_period_months if project.call else 6
    return {p.number: p.short_label for p in reporting_periods(project.duration_months, length)}


@login_required
def application_budget(request, pk: int):
    project = application_or_404(request, pk)
    context = workspace_context(request, project, "budget")
    overview = getattr(project, "computed_budget", None) or project_budget(project)  # the checklist's, if it ran
    labels = _period_labels(project)
    context.update(
        overview=overview,
        categories=[(c, category_label(c)) for c in overview.categories],
        periods=[(n, labels.get(n, n), overview.by_period[n]) for n in overview.periods],
        funds=[(fund_label(f), amount) for f, amount in sorted(overview.by_fund.items())],
        rows=[
            (partner, [partner.computed_budget.by_category.get(c, Decimal(0)) for c in overview.categories])
            for partner in overview.partners
        ],
        totals=[overview.by_category[c] for c in overview.categories],
    )
    return render(request, "projects/budget.html", context)


def _stored(partner, budget) -> dict:
    typed = set(CostOptions.of(partner.project.call).typed)
    return {
        "amounts": {key: amount for key, amount in budget.cells.items() if key[0] in typed and amount},
        "rates": dict(budget.fund_rates),
        "contributions": list(
            PartnerContribution.objects.filter(partner=partner).values_list("kind", "source", "amount")
        ),
    }


@login_required
def partner_budget_page(request, pk: int, partner_pk: int):
    project = application_or_404(request, pk)
    partner = get_object_or_404(
        project.partners.exclude(role=PartnerRole.ASSOCIATED).select_related("organisation"), pk=partner_pk
    )
    partner.project = project
    options, periods = CostOptions.of(project.call), project_periods(project)
    lock = budget_version(partner)
    stored = stored_budget = stored_partner_budget(partner, periods=periods)
    funds = stored_budget.call_funds
    form_kwargs = {
        "options": options,
        "periods": periods,
        "period_months": project.call.reporting_period_months if project.call else 6,
        "funds": funds,
        "stored": _stored(partner, stored_budget),
        "initial": {"version": lock.version if lock else 1},
    }
    form = PartnerBudgetForm(request.POST or None, **form_kwargs)
    conflict, status = None, 200
    if request.method == "POST":
        require(partner_edit_refusal(request.user, project, partner))
        if form.is_valid():
            try:
                partner_budget_save(
                    partner=partner,
                    by=request.user,
                    version=form.cleaned_data["version"],
                    amounts=form.amounts(),
                    funds=form.rates(),
                    contributions=form.contributions(),
                )
            except StaleVersion as error:
                lock = budget_version(partner)
                data = request.POST.copy()
                data["version"] = str(lock.version)
                form = PartnerBudgetForm(data, **form_kwargs)
                form.is_valid()
                form.add_error(None, error)
                conflict = {"by": lock.changed_by, "rows": []}
                status = 409
            except ValidationError as error:
                add_service_error(form, error)
                status = 400
            else:
                messages.success(request, _("Budget of %(abbr)s saved.") % {"abbr": partner.abbreviation})
                return redirect("projects:partner_budget", pk=project.pk, partner_pk=partner.pk)
        else:
            status = 400
        if form.is_bound and not form.errors.get("version"):  # what the posted amounts come to, for the table
            amounts = {key: form.cleaned_data.get(name) for key, name in form.cells.items()}
            stored = partner_budget(
                partner_id=partner.pk,
                options=options,
                periods=periods,
                typed={key: amount for key, amount in amounts.items() if amount},
                fund_rates={fund: form.cleaned_data.get(f"fund_{fund}") or Decimal(0) for fund in funds},
                is_lead=partner.role == PartnerRole.LEAD,
            )
    context = workspace_context(request, project, "budget")
    labels = _period_labels(project)
    context.update(
        partner=partner,
        form=form,
        conflict=conflict,
        saved=stored_budget if conflict else None,
        budget=stored,
        periods=[(n, labels.get(n, n)) for n in periods],
        rows=_rows(form, stored, options, periods),
        period_totals=[stored.by_period.get(n, Decimal(0)) for n in periods],
        funds=[
            (field, fund_label(fund), stored.by_fund.get(fund))
            for fund, field in zip(funds, form.fund_fields(), strict=True)
        ],
        lock=lock,
        partner_refusal=partner_edit_refusal(request.user, project, partner),
        section_problems=[p for p in context["problems"] if p.section == f"budget-{partner.pk}"],
    )
    return render(request, "projects/partner_budget.html", context, status=status)


def _rows(form, budget, options, periods) -> list[dict]:
    """The table's rows: typed categories with an input per period, computed ones read-only."""
    typed = set(options.typed)
    rows = []
    for category in options.shown:
        cells = []
        for number in periods:
            if category in typed:
                cells.append({"field": form.cell(category, number)})
            else:
                cells.append({"value": budget.cells.get((category, number), Decimal(0))})
        rows.append(
            {
                "category": category,
                "label": category_label(category),
                "computed": category not in typed,
                "rate": options.flat.get(category),
                "cells": cells,
                "total": budget.by_category.get(category, Decimal(0)),
            }
        )
    return rows
