"""Forms of the application workspace. Each field rule comes from projects.rules, so the checklist agrees."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from partnerships.choices import PartnerRole
from programmes.models import SpecificObjective

from . import rules
from .form_rules import FieldRulesMixin
from .forms_languages import InputLanguagesMixin
from .models import Annex, CollaboratorLevel, Project
from .services.applications import IDENTIFICATION_FIELDS

INVITABLE_ROLES = [
    (PartnerRole.PARTNER, PartnerRole.PARTNER.label),
    (PartnerRole.ASSOCIATED, PartnerRole.ASSOCIATED.label),
]


def _check(problem: str | None):
    if problem:
        raise ValidationError(problem)


class StartApplicationForm(forms.Form):
    acronym = forms.CharField(
        label=_("Project acronym"),
        max_length=rules.ACRONYM_MAX,
        help_text=_("Up to 25 characters; you can change it later."),
    )

    def clean_language(self):
        return self.cleaned_data.get("language") or self.instance.language

    def clean_acronym(self):
        _check(rules.acronym_problem(self.cleaned_data["acronym"]))
        return self.cleaned_data["acronym"].strip()


class VersionedForm(forms.ModelForm):
    """A section form that remembers the version it was built from, for the optimistic lock."""

    version_field = "version"  # the model's version column
    changed_by_field = "changed_by"  # who saved it last
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("version", getattr(self.instance, self.version_field))


class IdentificationForm(InputLanguagesMixin, FieldRulesMixin, VersionedForm):
    version_field = "identification_version"
    changed_by_field = "identification_changed_by"
    field_keys = {"title": "project.title", "summary": "project.summary"}
    translated_fields = field_keys

    class Meta:
        model = Project
        fields = IDENTIFICATION_FIELDS
        widgets = {"summary": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "acronym": _("Up to 25 characters."),
            "specific_objective": _("Only the objectives this call funds are listed."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        call = self.instance.call
        ids = rules.allowed_objective_ids(call) if call else set()
        self.fields["specific_objective"].queryset = SpecificObjective.objects.filter(pk__in=ids).order_by("code")
        self.fields["acronym"].max_length = None  # the rule below gives the clearer message
        self.fields["acronym"].widget.attrs.pop("maxlength", None)
        self.add_language_fields()
        self.fields["language"].required = False  # a form sent without it keeps the language the project has
        if call is not None and len(call.input_languages or []) > 1:  # one of the languages the call accepts
            accepted = {*call.input_languages, self.instance.language}
            self.fields["language"].choices = [c for c in self.fields["language"].choices if c[0] in accepted]
        self.apply_field_rules()
        self.settle_language_rules()

    def rules_call(self):
        return self.instance.call

    def clean(self):
        cleaned = super().clean()
        cleaned["text_translations"] = self.text_translations()
        return cleaned

    def clean_language(self):
        return self.cleaned_data.get("language") or self.instance.language

    def clean_acronym(self):
        _check(rules.acronym_problem(self.cleaned_data["acronym"]))
        return self.cleaned_data["acronym"].strip()


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Partner's email"))
    role = forms.ChoiceField(label=_("Role"), choices=INVITABLE_ROLES, initial=PartnerRole.PARTNER)


class InvitationResendForm(forms.Form):
    """A pending invitation sent to another address (one per invitation on the partnership page: own ids)."""

    email = forms.EmailField(label=_("Send it to another address"))

    def __init__(self, *args, invitation_pk: int, **kwargs):
        kwargs.setdefault("auto_id", f"id_resend_{invitation_pk}_%s")
        super().__init__(*args, **kwargs)


class AddPartnerForm(forms.Form):
    """Shown on the partnership page beside the invitation form, whose role field has the same name: own ids."""

    role = forms.ChoiceField(label=_("Role"), choices=INVITABLE_ROLES, initial=PartnerRole.PARTNER)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_add_%s")
        super().__init__(*args, **kwargs)


class AnnexForm(forms.ModelForm):
    class Meta:
        model = Annex
        fields = ["title", "file"]
        help_texts = {"file": _("PDF, DOCX or XLSX.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["file"].widget.attrs["accept"] = ".pdf,.docx,.xlsx"


class CollaboratorLevelForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=CollaboratorLevel.choices)


class CollaboratorInvitationForm(forms.Form):
    """A colleague invited by email at a level, without a partner section (own ids beside the level selects)."""

    email = forms.EmailField(label=_("Colleague's email"))
    level = forms.ChoiceField(label=_("Level"), choices=CollaboratorLevel.choices, initial=CollaboratorLevel.VIEW)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_invite_%s")
        super().__init__(*args, **kwargs)


class CollaboratorInvitationResendForm(forms.Form):
    """A pending collaborator invitation sent to another address (one per invitation: own ids)."""

    email = forms.EmailField(label=_("Send it to another address"))

    def __init__(self, *args, invitation_pk: int, **kwargs):
        kwargs.setdefault("auto_id", f"id_collaborator_resend_{invitation_pk}_%s")
        super().__init__(*args, **kwargs)


class SubmitConfirmForm(forms.Form):
    """The explicit confirmation the "check your answers" page asks for before an application is submitted."""

    confirm = forms.BooleanField(
        label=_("I confirm the information is correct and complete, and that I may submit it for every partner."),
        error_messages={"required": _("Tick the box to confirm the information is correct and complete.")},
    )
