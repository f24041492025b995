"""Forms of the staff workspace: application filters, the eligibility checklist, scores, decision, contract."""

from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.forms import LenientFilterForm
from programmes.models import Country, SpecificObjective

from .criteria import SCORES, eligibility_checklist, quality_criteria
from .models import DecisionOutcome
from .workflow import Status

PASS_FAIL = [("pass", _("Passed")), ("fail", _("Failed"))]
SORTS = [
    ("-submitted", _("Newest submission first")),
    ("submitted", _("Oldest submission first")),
    ("acronym", _("Acronym")),
    ("-requested", _("Largest request first")),
    ("-score", _("Best score first")),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class ApplicationFilterForm(LenientFilterForm):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Acronym, title or lead partner; every word must match."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    call = forms.ModelChoiceField(label=_("Call"), required=False, queryset=None, empty_label=_("All calls"))
    status = forms.ChoiceField(label=_("Status"), required=False)
    country = forms.ModelChoiceField(
        label=_("Partner country"), required=False, queryset=Country.objects.all(), empty_label=_("Any country")
    )
    objective = forms.ModelChoiceField(
        label=_("Specific objective"), required=False, queryset=None, empty_label=_("Any objective")
    )
    assessor = forms.ModelChoiceField(label=_("Assessor"), required=False, queryset=None, empty_label=_("Anyone"))
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS)

    def __init__(self, data, *, programme, assessors):
        super().__init__(data)
        self.fields["call"].queryset = programme.calls.order_by("-opens_at")
        statuses = [choice for choice in Status.choices if choice[0] != Status.DRAFT]
        self.fields["status"].choices = [("", _("Any status")), *statuses]
        self.fields["objective"].queryset = SpecificObjective.objects.filter(priority__programme=programme)
        self.fields["assessor"].queryset = assessors


class EligibilityForm(forms.Form):
    """Pass or fail with a comment for each checklist item; a failed item needs its comment."""

    def __init__(self, *args, call, previous=None, **kwargs):
        super().__init__(*args, **kwargs)
        before = {item.criterion: item for item in previous.items.all()} if previous else {}
        self.keys = [key for key, _label in eligibility_checklist(call)]
        for key, label in eligibility_checklist(call):
            item = before.get(key)
            self.fields[key] = forms.ChoiceField(
                label=label,
                choices=PASS_FAIL,
                widget=forms.RadioSelect,
                initial=None if item is None else ("pass" if item.passed else "fail"),
            )
            self.fields[f"{key}_comment"] = forms.CharField(
                label=_("Comment"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=item.comment if item else "",
            )

    def rows(self):
        return [(self[key], self[f"{key}_comment"]) for key in self.keys]

    def results(self) -> dict[str, tuple[bool, str]]:
        data = self.cleaned_data
        return {key: (data[key] == "pass", data[f"{key}_comment"]) for key in self.keys}


class QualityForm(forms.Form):
    """A score from 1 to 5 and a comment per criterion (their weights are shown), and an overall comment."""

    comment = forms.CharField(label=_("Overall comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, call, previous=None, **kwargs):
        super().__init__(*args, **kwargs)
        before = {item.criterion: item for item in previous.items.all()} if previous else {}
        criteria = quality_criteria(call)
        self.keys = [criterion.key for criterion in criteria]
        for criterion in criteria:
            key = criterion.key
            item = before.get(key)
            self.fields[key] = forms.TypedChoiceField(
                label=f"{criterion.label} ({criterion.weight} %)",
                choices=SCORES,
                coerce=int,
                widget=forms.RadioSelect,
                initial=item.score if item else None,
            )
            self.fields[f"{key}_comment"] = forms.CharField(
                label=_("Comment"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=item.comment if item else "",
            )
        if previous:
            self.fields["comment"].initial = previous.comment
        self.order_fields([*(name for key in self.keys for name in (key, f"{key}_comment")), "comment"])

    def rows(self):
        return [(self[key], self[f"{key}_comment"]) for key in self.keys]

    def scores(self) -> dict[str, tuple[int, str]]:
        data = self.cleaned_data
        return {key: (data[key], data[f"{key}_comment"]) for key in self.keys}


class AssessorsForm(forms.Form):
    assessors = forms.ModelMultipleChoiceField(
        label=_("Assessors"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessors"].queryset = candidates


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=DecisionOutcome.choices, widget=forms.RadioSelect)
    decided_on = forms.DateField(label=_("Decision date"), widget=DateInput())
    conditions = forms.CharField(
        label=_("Conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required for an approval with conditions: the applicants change the application and resubmit."),
    )


class ContractForm(forms.Form):
    start_date = forms.DateField(label=_("Project start"), widget=DateInput())
    end_date = forms.DateField(label=_("Project end"), widget=DateInput())


class ConceptDecisionForm(forms.Form):
    """Step 1 of a two-step call: approve the concept note (the applicants go on to the full form) or reject it."""

    outcome = forms.ChoiceField(
        label=_("Decision on the concept note"),
        choices=[
            ("approve", _("Approve: the applicants go on to the full application (step 2)")),
            ("reject", _("Reject: the application is not approved")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Message to the applicants"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when rejecting: the applicants read it."),
    )


class SectionCommentForm(forms.Form):
    """An assessor's comment on one section of the application (empty: the comment is removed)."""

    text = forms.CharField(
        label=_("Your comment on this section"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    return_to = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, section: str, **kwargs):
        kwargs.setdefault("auto_id", f"id_comment_{section}_%s")
        super().__init__(*args, **kwargs)
