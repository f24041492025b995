"""The API's query parameters, read strictly: a value a filter refuses is a 400 with the reason, a parameter no
filter knows is ignored.

Projects take the public search's own form and state (projects/filters.py ProjectSearchForm, SearchState) so that
the API answers exactly what /projects/ answers for the same filters; the other lists reuse their pages' filter
forms where there is one (calls, programmes, events) and a small form of their own otherwise.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ValidationError

from events.choices import LIBRARY_LANGUAGES, LibraryKind
from partnerships.choices import OrganisationType, PartnerRole, Sector
from projects.filters import COUNTRY, FACETS, ProjectSearchForm, SearchState

# sort → keyset (the search's date and budget orders; relevance ranks every match, which a keyset cannot page)
PROJECT_SORTS = {"date": ("-sort_date", "-id"), "budget": ("-total_budget", "-id")}
PROJECT_PARAMETERS = ("q", *FACETS)


def strict(form: forms.Form, names) -> dict:
    """The form's non-empty cleaned values of `names`; any error among them is a 400 with the form's messages."""
    form.is_valid()
    errors = {name: [str(m) for m in messages] for name, messages in form.errors.items() if name in names}
    if errors:
        raise ValidationError(errors)
    return {name: value for name, value in form.cleaned_data.items() if name in names and value not in (None, "")}


def project_search_state(params) -> SearchState:
    """The public search's state for these parameters (q and every facet), ordered by `sort` (date or budget)."""
    form = ProjectSearchForm(params)
    strict(form, PROJECT_PARAMETERS)
    sort = params.get("sort", "") or "date"
    if sort not in PROJECT_SORTS:
        raise ValidationError({"sort": [_("One of: %(sorts)s.") % {"sorts": ", ".join(PROJECT_SORTS)}]})
    state = form.state()
    return SearchState(q=state.q, sort=sort, facets=state.facets)


class PartnerFilterForm(forms.Form):
    project = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    organisation = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    country = forms.CharField(required=False, validators=[COUNTRY])
    role = forms.ChoiceField(required=False, choices=PartnerRole.choices)

    help_texts = {
        "project": gettext_lazy("Partners of this project (its id)."),
        "organisation": gettext_lazy("Partnerships of this organisation (its id)."),
        "country": gettext_lazy("ISO 3166 code of the organisation's country, e.g. AT."),
        "role": gettext_lazy("lead, partner or associated."),
    }


class OrganisationFilterForm(forms.Form):
    country = forms.CharField(required=False, validators=[COUNTRY])
    type = forms.ChoiceField(required=False, choices=OrganisationType.choices)
    sector = forms.ChoiceField(required=False, choices=Sector.choices)

    help_texts = {
        "country": gettext_lazy("ISO 3166 code of the organisation's country, e.g. AT."),
        "type": gettext_lazy("Type of organisation."),
        "sector": gettext_lazy("public or private."),
    }


class LibraryFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=200)
    topic = forms.SlugField(required=False, max_length=100)
    kind = forms.ChoiceField(required=False, choices=LibraryKind.choices)
    language = forms.ChoiceField(required=False, choices=LIBRARY_LANGUAGES)

    help_texts = {
        "q": gettext_lazy("Words in the title, the description or the text of the item's PDF."),
        "topic": gettext_lazy("The topic's slug, e.g. partnership-principle."),
        "kind": gettext_lazy("report, guidance, template, presentation, recording or link."),
        "language": gettext_lazy("Two-letter language code, e.g. en."),
    }
