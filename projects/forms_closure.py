"""The closure section's form: the texts, the picture and one input per indicator of the version in force, each
with its target beside it. The service (projects/services/closure.py) decides; the form only shapes the input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .closure import IndicatorRow


class ClosureForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    main_achievements = forms.CharField(
        label=_("Main achievements"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the project achieved, in plain words. Published once the project is closed."),
        required=False,
        max_length=5000,
    )
    durable_outputs = forms.CharField(
        label=_("Durable outputs and their use after the project"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Who uses what the project produced, and how, now that it has ended. Seen by the programme."),
        required=False,
        max_length=5000,
    )
    public_summary = forms.CharField(
        label=_("Summary for the public"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A short summary of the results for the project database. No email addresses."),
        required=False,
        max_length=2000,
    )
    picture = forms.FileField(
        label=_("Picture"),
        required=False,
        help_text=_("A JPEG, PNG or WebP picture of the project's results, shown with the public summary."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_picture = forms.BooleanField(label=_("Remove the current picture"), required=False)
    picture_alt = forms.CharField(
        label=_("Picture description (alternative text)"),
        help_text=_("Required with a picture: what it shows, for people who cannot see it."),
        required=False,
        max_length=250,
    )

    def __init__(self, *args, indicators: list[IndicatorRow], has_picture: bool, editable: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        if not has_picture:
            del self.fields["remove_picture"]
        for row in indicators:
            self.fields[row.field] = forms.CharField(
                label=f"{row.code} · {row.name} ({row.unit})",
                help_text=_("Target: %(target)s %(unit)s") % {"target": row.target_text, "unit": row.unit},
                required=False,
                max_length=20,
                initial=row.achieved,
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )
        if not editable:
            for field in self.fields.values():
                field.disabled = True

    def indicator_values(self) -> dict[str, str]:
        return {row.code: self.cleaned_data.get(row.field, "") for row in self.indicators}
