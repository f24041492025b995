"""Forms of the work plan and of the outputs and results: a work package with its activities (each with its
deliverables) and its outputs on one page, saved together by services.workplan.work_package_save; the results
section as one formset under its SectionVersion. Choices (periods, partners, indicators) are computed once per
page (`WorkplanChoices`), so a page asks the database the same few questions however many rows it shows."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.choices import IndicatorKind

from .forms import VersionedForm
from .forms_description import ProjectRulesMixin, RowsFormSet
from .models import Activity, Deliverable, ProjectOutput, ProjectResult, WorkPackage
from .rules_workplan import period_problem, periods_of

BLANK = [("", "---------")]


@dataclass
class WorkplanChoices:
    periods: list[tuple[int, str]]
    partners: list[tuple[int, str]]
    indicators: list[tuple[int, str]]  # of the kind the page needs: output or result

    @classmethod
    def of(cls, project, kind: str = IndicatorKind.OUTPUT) -> "WorkplanChoices":
        from programmes.models import Indicator

        periods = [(period.number, period.label) for period in periods_of(project)]
        partners = [
            (partner.pk, f"{partner.abbreviation} · {partner.organisation.name}")
            for partner in project.partners.select_related("organisation").order_by("order", "pk")
        ]
        indicators = []
        if project.specific_objective_id:
            indicators = [
                (indicator.pk, f"{indicator.code} {indicator.name} ({indicator.unit})")
                for indicator in Indicator.objects.filter(
                    programme_id=project.programme_id, kind=kind, objectives=project.specific_objective_id
                ).order_by("code")
            ]
        return cls(periods=periods, partners=partners, indicators=indicators)

    @property
    def last(self) -> int:
        return len(self.periods)


def _period(label, help_text=""):
    return forms.TypedChoiceField(label=label, coerce=int, choices=BLANK, help_text=help_text)


class ChoicesMixin(ProjectRulesMixin):
    """Period, partner and indicator fields take their choices from the page's WorkplanChoices."""

    period_fields = ("start_period", "end_period", "period")

    def __init__(self, *args, choices: WorkplanChoices | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = choices = choices if choices is not None else WorkplanChoices.of(self.project)
        for name in self.period_fields:
            if name in self.fields:
                initial = self.fields[name]
                self.fields[name] = _period(initial.label, initial.help_text)
                self.fields[name].choices = BLANK + choices.periods
        if "partner_ids" in self.fields:
            self.fields["partner_ids"].choices = choices.partners
            if self.instance.pk:
                self.initial["partner_ids"] = [partner.pk for partner in self.instance.partners.all()]
        if "indicator" in self.fields:
            self.fields["indicator"].choices = BLANK + choices.indicators
            if self.instance.pk:
                self.initial["indicator"] = self.instance.indicator_id
        if "responsible" in self.fields:
            self.fields["responsible"].choices = BLANK + choices.partners
            if self.instance.pk:
                self.initial["responsible"] = self.instance.responsible_id

    def clean(self):
        cleaned = super().clean()
        if "start_period" in self.fields:
            problem = period_problem(cleaned.get("start_period"), cleaned.get("end_period"), last=self.choices.last)
            if problem:
                self.add_error(*problem)
        return cleaned


def _indicator(label):
    return forms.TypedChoiceField(
        label=label, coerce=int, help_text=_("Only the indicators of the project's specific objective are listed.")
    )


class WorkPackageForm(ChoicesMixin, VersionedForm):
    field_keys = {"objectives": "work_package.objectives"}
    field_order = ["title", "objectives", "responsible", "partner_ids", "start_period", "end_period"]
    # a partner by its id among the page's choices (no query per field); the service checks it is the project's
    responsible = forms.TypedChoiceField(label=_("Responsible partner"), coerce=int)
    partner_ids = forms.TypedMultipleChoiceField(
        label=_("Participating partners"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The partners who work in this work package besides the responsible one."),
    )

    class Meta:
        model = WorkPackage
        fields = ["title", "objectives", "start_period", "end_period"]
        widgets = {"objectives": forms.Textarea(attrs={"rows": 4})}


class ActivityForm(ChoicesMixin, forms.ModelForm):
    field_keys = {"description": "activity.description"}
    partner_ids = forms.TypedMultipleChoiceField(
        label=_("Partners involved"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Activity
        fields = ["title", "description", "start_period", "end_period"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class DeliverableForm(ChoicesMixin, forms.ModelForm):
    field_keys = {"description": "deliverable.description"}

    class Meta:
        model = Deliverable
        fields = ["title", "description", "period"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class OutputForm(ChoicesMixin, forms.ModelForm):
    field_keys = {"description": "output.description"}
    field_order = ["indicator", "title", "description", "target_value", "period"]
    indicator = _indicator(_("Output indicator"))

    class Meta:
        model = ProjectOutput
        fields = ["title", "description", "target_value", "period"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class ResultForm(ChoicesMixin, forms.ModelForm):
    field_keys = {"description": "result.description"}
    field_order = ["indicator", "description", "baseline", "target_value", "period"]
    indicator = _indicator(_("Result indicator"))

    class Meta:
        model = ProjectResult
        fields = ["description", "baseline", "target_value", "period"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class ChoicesFormSet(RowsFormSet):
    def __init__(self, *args, choices: WorkplanChoices, **kwargs):
        kwargs.setdefault("form_kwargs", {})["choices"] = choices
        super().__init__(*args, **kwargs)


def _rows(model, form):
    return forms.modelformset_factory(model, form=form, formset=ChoicesFormSet, extra=1, can_delete=True)


ActivityFormSet = _rows(Activity, ActivityForm)
DeliverableFormSet = _rows(Deliverable, DeliverableForm)
OutputFormSet = _rows(ProjectOutput, OutputForm)
ResultFormSet = _rows(ProjectResult, ResultForm)


class ResultsVersionForm(forms.Form):
    """The version of the results section the page was built from (SectionVersion "results")."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class WorkPackagePage:
    """The work package form with its activities (each with its deliverables) and its outputs."""

    def __init__(self, project, work_package, data=None):
        self.project = project
        self.work_package = work_package
        choices = WorkplanChoices.of(project)
        self.choices = choices
        self.form = WorkPackageForm(data, instance=work_package, project=project, choices=choices)
        saved = work_package.pk is not None
        activities = (
            work_package.activities.prefetch_related("deliverables", "partners") if saved else Activity.objects.none()
        )
        outputs = work_package.outputs.all() if saved else ProjectOutput.objects.none()
        kwargs = {"project": project, "choices": choices}
        self.activities = ActivityFormSet(data, prefix="activities", queryset=activities, **kwargs)
        for index, form in enumerate(self.activities.forms):
            deliverables = form.instance.deliverables.all() if form.instance.pk else Deliverable.objects.none()
            form.deliverables = DeliverableFormSet(
                data, prefix=f"activities-{index}-deliverables", queryset=deliverables, **kwargs
            )
        self.outputs = OutputFormSet(data, prefix="outputs", queryset=outputs, **kwargs)

    def formsets(self):
        return [self.activities, *(form.deliverables for form in self.activities.forms), self.outputs]

    def is_valid(self) -> bool:
        results = [self.form.is_valid(), *(formset.is_valid() for formset in self.formsets())]
        if not all(results):
            return False
        return self._activities_inside()

    def _activities_inside(self) -> bool:
        """Every kept activity lies within the work package's periods (said next to the activity's field)."""
        within = (self.form.cleaned_data["start_period"], self.form.cleaned_data["end_period"])
        fine = True
        for form in self.activities.forms:
            if self.activities._should_delete_form(form) or not (form.instance.pk or form.has_changed()):
                continue
            problem = period_problem(
                form.cleaned_data.get("start_period"),
                form.cleaned_data.get("end_period"),
                last=self.choices.last,
                within=within,
            )
            if problem:
                form.add_error(*problem)
                fine = False
        return fine

    def has_errors(self) -> bool:
        return bool(self.form.errors) or any(
            formset.total_error_count() for formset in self.formsets() if formset.is_bound
        )

    def activity_rows(self) -> list[dict]:
        rows = []
        for row, form in zip(self.activities.rows(), self._row_forms(self.activities), strict=True):
            row["partners"] = row.pop("partner_ids", [])
            row["deliverables"] = [] if row["delete"] else form.deliverables.rows()
            rows.append(row)
        return rows

    def output_rows(self) -> list[dict]:
        rows = self.outputs.rows()
        for row in rows:
            row["indicator_id"] = row.pop("indicator", None)
        return rows

    @staticmethod
    def _row_forms(formset):
        """The forms behind formset.rows(), in the same order."""
        kept = []
        for form in formset.forms:
            if not form.instance.pk and not form.has_changed():
                continue
            if formset.can_delete and formset._should_delete_form(form) and not form.instance.pk:
                continue
            kept.append(form)
        return kept
