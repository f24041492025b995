"""The partner section's forms: the per-project data of the partner (PartnerForm, under the section's version lock)
and the organisation's permanent data (OrganisationDetailsForm, prefix "org"), saved together in one transaction.

NUTS 3 regions are offered, and accepted, only among the level-3 regions of the organisation's country."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from partnerships.models import Organisation, ProjectPartner
from partnerships.state_aid import QUESTIONS
from programmes.application_form import field_rule
from programmes.models import NutsRegion

from . import rules
from .forms import VersionedForm
from .services.partners import ORGANISATION_FIELDS, PARTNER_FIELDS

YES_NO = [(True, _("Yes")), (False, _("No"))]


def _check(problem: str | None):
    if problem:
        raise ValidationError(problem)


def nuts3_field(country, label) -> forms.ModelChoiceField:
    name = country.name if country is not None else ""
    return forms.ModelChoiceField(
        label=label,
        queryset=NutsRegion.objects.filter(level=3, country=country).order_by("code"),
        required=False,
        error_messages={"invalid_choice": _("Choose a NUTS 3 region of %(country)s.") % {"country": name}},
        help_text=_("A NUTS 3 region of %(country)s.") % {"country": name},
    )


class PartnerForm(VersionedForm):
    class Meta:
        model = ProjectPartner
        fields = PARTNER_FIELDS
        widgets = {
            "experience": forms.Textarea(attrs={"rows": 6}),
            "role_in_project": forms.Textarea(attrs={"rows": 6}),
            "vat_recovery": forms.RadioSelect,
            **{name: forms.RadioSelect(choices=YES_NO) for name in QUESTIONS},
        }
        help_texts = {"abbreviation": _("Up to 15 characters, unique in the project.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        partner = self.instance
        call = partner.project.call
        country = partner.organisation.country if partner.organisation_id else None
        self.fields["department_nuts"] = nuts3_field(country, _("Department NUTS 3 region"))
        self.fields["vat_recovery"].choices = [c for c in self.fields["vat_recovery"].choices if c[0]]
        for name in QUESTIONS:
            self.fields[name].widget.choices = YES_NO
        for name, key in (("experience", "partner.experience"), ("role_in_project", "partner.role_in_project")):
            limit = field_rule(call, key).limit
            if limit:
                self.fields[name].help_text = _("At most %(n)d characters.") % {"n": limit}
                self.fields[name].widget.attrs.update({"data-limit": limit, "aria-describedby": f"id_{name}_helptext"})

    def clean_abbreviation(self):
        partner = self.instance
        taken = set(partner.project.partners.exclude(pk=partner.pk).values_list("abbreviation", flat=True))
        _check(rules.abbreviation_problem(self.cleaned_data["abbreviation"], taken=taken))
        return self.cleaned_data["abbreviation"].strip()

    def _limited(self, name: str, key: str) -> str:
        value = self.cleaned_data.get(name) or ""
        limit = field_rule(self.instance.project.call, key).limit
        if limit and len(value) > limit:
            raise ValidationError(_("At most %(limit)d characters (it has %(n)d).") % {"limit": limit, "n": len(value)})
        return value

    def clean_experience(self):
        return self._limited("experience", "partner.experience")

    def clean_role_in_project(self):
        return self._limited("role_in_project", "partner.role_in_project")


class OrganisationDetailsForm(forms.ModelForm):
    """The organisation's permanent data, as its partner sections' holders edit them (its country stays)."""

    class Meta:
        model = Organisation
        fields = ORGANISATION_FIELDS
        labels = {"type": _("Partner type (Interreg target group)")}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "org")
        super().__init__(*args, **kwargs)
        self.fields["nuts_region"] = nuts3_field(self.instance.country, _("NUTS 3 region"))
        for name in ("legal_status", "type", "size"):
            self.fields[name].required = False  # saving a part is fine; the checklist asks for the rest
        self.fields["type"].required = True
