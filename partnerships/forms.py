"""The organisation picker: search existing organisations first, register a new one only when it is missing."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from programmes.models import NutsRegion

from .models import Organisation
from .services import organisation_create

NEW = "new"


class OrganisationSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find your organisation"),
        required=False,
        max_length=100,
        help_text=_("Name, VAT number or 9-digit PIC."),
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "autocomplete": "off",
                "data-hx-get": reverse_lazy("partnerships:organisation_search"),
                "data-hx-trigger": "input changed delay:300ms, search",
                "data-hx-target": "#org-results",
                "data-hx-swap": "outerHTML",
            }
        ),
    )


class OrganisationPickForm(forms.Form):
    organisation = forms.CharField(
        label=_("Organisation"),
        # rendered as radio buttons by organisation_choice.html; the error summary links to its stable one
        widget=forms.TextInput(attrs={"id": "org-new"}),
        error_messages={"required": _("Choose your organisation from the search results, or register a new one.")},
    )

    def clean_organisation(self):
        value = self.cleaned_data["organisation"]
        if value == NEW:
            return NEW
        try:
            return Organisation.objects.select_related("country").get(pk=int(value))
        except (ValueError, Organisation.DoesNotExist) as error:
            raise ValidationError(_("Choose an organisation from the search results.")) from error


class OrganisationForm(forms.ModelForm):
    nuts_region = forms.ModelChoiceField(
        label=_("NUTS region"),
        queryset=NutsRegion.objects.filter(level__gte=2).order_by("code"),
        required=False,
        help_text=_("The NUTS 2 or 3 region where the organisation is located."),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "name_en",
            "legal_status",
            "type",
            "sector",
            "country",
            "nuts_region",
            "address",
            "postcode",
            "city",
            "vat",
            "pic",
            "website",
        ]

    def clean(self):
        data = super().clean()
        region, country = data.get("nuts_region"), data.get("country")
        if region and country and region.country_id != country.pk:
            self.add_error("nuts_region", _("This region is not in %(country)s.") % {"country": country.name})
        return data


def organisation_from_post(data) -> tuple[Organisation | None, OrganisationPickForm, OrganisationForm]:
    """The organisation chosen or registered in a picker; None with the forms' errors when the input is wrong."""
    pick = OrganisationPickForm(data)
    new = OrganisationForm(data, prefix="org")
    if not pick.is_valid():
        return None, pick, OrganisationForm(prefix="org")
    if pick.cleaned_data["organisation"] != NEW:
        return pick.cleaned_data["organisation"], pick, OrganisationForm(prefix="org")
    if not new.is_valid():
        return None, pick, new
    try:
        return organisation_create(**new.cleaned_data), pick, new
    except ValidationError as error:
        new.add_error(None, error)
        return None, pick, new


def picker_context(request, pick=None, new=None) -> dict:
    """Context of the picker template: the search box, its results, the choice and the new-organisation form."""
    search = OrganisationSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    return {
        "search_form": search,
        "results": Organisation.objects.search(query)[:20] if query else [],
        "searched": bool(query),
        "pick_form": pick or OrganisationPickForm(),
        "org_form": new or OrganisationForm(prefix="org"),
    }
