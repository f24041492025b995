"""Forms of the project description section: the description, its project specific objectives and target groups
(formsets saved with it by services.description.description_update)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .form_rules import FieldRulesMixin
from .forms import VersionedForm
from .models import ProjectDescription, ProjectObjective, TargetGroup
from .services.description import DESCRIPTION_FIELDS, OBJECTIVE_FIELDS, TARGET_GROUP_FIELDS

HORIZONTAL = [
    ("sustainable_development", _("Sustainable development")),
    ("equal_opportunities", _("Equal opportunities and non-discrimination")),
    ("gender_equality", _("Equality between women and men")),
]
TEXTAREA = forms.Textarea(attrs={"rows": 6})


class ProjectRulesMixin(FieldRulesMixin):
    """Field rules of the call of the project the form's row belongs to (`project` passed in, or the instance's)."""

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project if project is not None else self.instance.project
        self.apply_field_rules()

    def rules_call(self):
        return self.project.call


class DescriptionForm(ProjectRulesMixin, VersionedForm):
    field_keys = {
        "context": "description.context",
        "overall_objective": "description.overall_objective",
        "durability": "description.durability",
        "transferability": "description.transferability",
        "communication": "description.communication",
        **{f"{key}_justification": "description.horizontal_justification" for key, _label in HORIZONTAL},
    }

    class Meta:
        model = ProjectDescription
        fields = DESCRIPTION_FIELDS
        widgets = {
            **{name: TEXTAREA for name in DESCRIPTION_FIELDS if name not in dict(HORIZONTAL)},
            **{key: forms.RadioSelect for key, _label in HORIZONTAL},
            "overall_objective": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "context": _("The common territorial challenge and why it needs cooperation across borders."),
            "overall_objective": _("One sentence: what the project as a whole sets out to change."),
            "durability": _("How the outputs and results will last after the project ends."),
            "transferability": _("How others can take up and use what the project produces."),
            "communication": _("Whom you will tell about the project, how, and when."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in HORIZONTAL:
            field = self.fields[key]
            field.choices = [choice for choice in field.choices if choice[0]]  # no "---------" radio
            field.label = label
            self.fields[f"{key}_justification"].label = _("Justification: %(principle)s") % {"principle": label}
            self.fields[f"{key}_justification"].widget = forms.Textarea(
                attrs={**self.fields[f"{key}_justification"].widget.attrs, "rows": 3}
            )
        # the description is saved as a draft: what is still missing is the checklist's to say
        for field in self.fields.values():
            field.required = False
        self.fields["version"].required = True


class ObjectiveForm(ProjectRulesMixin, forms.ModelForm):
    field_keys = {"description": "objective.description"}

    class Meta:
        model = ProjectObjective
        fields = OBJECTIVE_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class TargetGroupForm(ProjectRulesMixin, forms.ModelForm):
    field_keys = {"description": "target_group.description"}

    class Meta:
        model = TargetGroup
        fields = TARGET_GROUP_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"target_value": _("How many of them the project will reach.")}


class RowsFormSet(forms.BaseModelFormSet):
    """A formset of a project's rows; `rows()` gives the service what the form holds, in order."""

    def __init__(self, *args, project, **kwargs):
        self.project = project
        kwargs.setdefault("form_kwargs", {})["project"] = project
        super().__init__(*args, **kwargs)

    def validate_unique(self):
        """Uniqueness per project is the service's and the forms' own business (numbers are given on saving)."""

    def rows(self) -> list[dict]:
        rows = []
        for form in self.forms:
            if not form.instance.pk and not form.has_changed():
                continue  # an empty new row
            deleted = self.can_delete and self._should_delete_form(form)
            if deleted and not form.instance.pk:
                continue
            rows.append({"pk": form.instance.pk, "delete": deleted, **form.cleaned_data})
        return rows


class TargetGroupFormSet(RowsFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            group = form.cleaned_data.get("group")
            if group and group in seen:
                form.add_error("group", _("This target group is listed already: give it once, with its total."))
            seen.add(group)


ObjectiveFormSet = forms.modelformset_factory(
    ProjectObjective, form=ObjectiveForm, formset=RowsFormSet, extra=1, can_delete=True
)
TargetGroupsFormSet = forms.modelformset_factory(
    TargetGroup, form=TargetGroupForm, formset=TargetGroupFormSet, extra=1, can_delete=True
)


def description_formsets(project, data=None, objectives=None, groups=None):
    """The objectives and target groups formsets of the description page."""
    objectives = ObjectiveFormSet(
        data,
        project=project,
        prefix="objectives",
        queryset=objectives if objectives is not None else project.objectives.all(),
    )
    groups = TargetGroupsFormSet(
        data,
        project=project,
        prefix="groups",
        queryset=groups if groups is not None else project.target_groups.all(),
    )
    return objectives, groups


def formsets_valid(*formsets) -> bool:
    results = [formset.is_valid() for formset in formsets]  # every formset validated: each shows its errors
    return all(results)
