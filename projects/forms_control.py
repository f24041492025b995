"""Forms of first-level control. They only parse; projects.services.control validates and refuses with reasons."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ErrorType, LineControl
from .reporting_workflow import PartnerReportStatus, ReopenScope
from .services.control import CHECKLIST, Answer


class LineDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=LineControl.choices)
    deducted = forms.CharField(label=_("Deducted (EUR)"), required=False, max_length=20)
    error_type = forms.ChoiceField(label=_("Type of error"), choices=[("", "—"), *ErrorType.choices], required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ChecklistForm(forms.Form):
    findings = forms.CharField(label=_("Findings"), required=False, max_length=20000, widget=forms.Textarea)
    conclusion = forms.CharField(label=_("Conclusion"), required=False, max_length=20000, widget=forms.Textarea)

    def __init__(self, *args, report=None, **kwargs):
        initial = kwargs.pop("initial", None) or {}
        if report is not None:
            for key, _question in CHECKLIST:
                entry = report.control_checklist.get(key) or {}
                initial[key] = entry.get("answer", "")
                initial[f"{key}_comment"] = entry.get("comment", "")
            initial["findings"], initial["conclusion"] = report.findings, report.conclusion
        super().__init__(*args, initial=initial, **kwargs)
        checklist = {}
        for key, question in CHECKLIST:
            checklist[key] = forms.ChoiceField(
                label=question, choices=Answer.CHOICES, required=False, widget=forms.RadioSelect
            )
            checklist[f"{key}_comment"] = forms.CharField(
                label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
            )
        self.fields = {**checklist, **self.fields}

    @property
    def rows(self):
        return [(self[key], self[f"{key}_comment"]) for key, _question in CHECKLIST]

    def answers(self) -> dict:
        data = self.cleaned_data
        return {key: {"answer": data[key], "comment": data[f"{key}_comment"]} for key, _question in CHECKLIST}


class ReopenForm(forms.Form):
    scope = forms.ChoiceField(label=_("The partner may change"), choices=ReopenScope.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class SendBackForm(forms.Form):
    reason = forms.CharField(label=_("Why it goes back"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


STATUS_FILTER = [("", _("All statuses")), *[(s.value, s.label) for s in PartnerReportStatus if s != "draft"]]


class WorkspaceFilter(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_FILTER, required=False)
