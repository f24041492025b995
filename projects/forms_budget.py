"""The partner budget form: one input per typed cost category × period, a rate per fund of the call and the own
contribution's lines. Flat-rate categories have no input at all, so a value posted for one is never read."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.choices import ContributionKind
from programmes.periods import reporting_periods

from .rules_budget import category_label, fund_label

EXTRA_CONTRIBUTIONS = 2  # empty lines offered under the saved ones


def _money_field(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
    )


class PartnerBudgetForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, options, periods: list[int], period_months: int, funds: dict, stored=None, **kwargs):
        """`stored`: the saved budget (amounts, rates, contribution rows) as initial values."""
        super().__init__(*args, **kwargs)
        stored = stored or {"amounts": {}, "rates": {}, "contributions": []}
        self.options, self.periods, self.funds = options, periods, funds
        labels = {p.number: p.short_label for p in _periods(periods, period_months)}
        self.cells: dict[tuple[str, int], str] = {}
        for category in options.typed:
            for number in periods:
                name = f"amount_{category}_{number}"
                self.fields[name] = _money_field(f"{category_label(category)}, {labels.get(number, number)}")
                self.initial.setdefault(name, stored["amounts"].get((category, number)))
                self.cells[(category, number)] = name
        for fund, max_rate in funds.items():
            name = f"fund_{fund}"
            self.fields[name] = forms.DecimalField(
                label=_("%(fund)s co-financing rate (%%)") % {"fund": fund_label(fund)},
                required=False,
                min_value=Decimal(0),
                max_digits=5,
                decimal_places=2,
                help_text=_("At most %(max)s %%.") % {"max": f"{Decimal(max_rate).normalize():f}"},
            )
            self.initial.setdefault(name, stored["rates"].get(fund))
        saved = stored["contributions"]
        self.contribution_count = max(len(saved) + EXTRA_CONTRIBUTIONS, 3)
        if self.is_bound:  # lines added in the browser beyond the offered ones are read too, up to a bound
            while f"contribution_{self.contribution_count}_source" in self.data and self.contribution_count < 50:
                self.contribution_count += 1
        kinds = [("", "—"), *ContributionKind.choices]
        for n in range(self.contribution_count):
            kind, source, amount = saved[n] if n < len(saved) else ("", "", None)
            self.fields[f"contribution_{n}_kind"] = forms.ChoiceField(label=_("Kind"), choices=kinds, required=False)
            self.fields[f"contribution_{n}_source"] = forms.CharField(label=_("Source"), max_length=200, required=False)
            self.fields[f"contribution_{n}_amount"] = _money_field(_("Amount (EUR)"))
            self.initial.setdefault(f"contribution_{n}_kind", kind)
            self.initial.setdefault(f"contribution_{n}_source", source)
            self.initial.setdefault(f"contribution_{n}_amount", amount)

    # --- what the template and the service read -------------------------------------------------------------

    def cell(self, category: str, number: int):
        return self[self.cells[(category, number)]]

    def fund_fields(self):
        return [self[f"fund_{fund}"] for fund in self.funds]

    def contribution_rows(self):
        return [
            (self[f"contribution_{n}_kind"], self[f"contribution_{n}_source"], self[f"contribution_{n}_amount"])
            for n in range(self.contribution_count)
        ]

    def amounts(self) -> dict[tuple[str, int], Decimal]:
        data = self.cleaned_data
        return {key: data[name] for key, name in self.cells.items() if data.get(name)}

    def rates(self) -> dict[str, Decimal]:
        return {fund: self.cleaned_data[f"fund_{fund}"] for fund in self.funds if self.cleaned_data.get(f"fund_{fund}")}

    def contributions(self) -> list[tuple[str, str, Decimal | None]]:
        """Every line as posted, empty ones included, so a refusal of line n lands on line n."""
        data = self.cleaned_data
        return [
            (
                data.get(f"contribution_{n}_kind") or "",
                data.get(f"contribution_{n}_source") or "",
                data.get(f"contribution_{n}_amount"),
            )
            for n in range(self.contribution_count)
        ]


def _periods(numbers: list[int], period_months: int):
    if not numbers:
        return []
    return [p for p in reporting_periods(max(numbers) * period_months, period_months) if p.number in numbers]
