"""Turning a project idea into an application (issue 21): the idea's owner only; others meet a 404."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.idea_models import ProjectIdea
from partnerships.idea_policy import edit_refusal
from programmes.models import Call

from ..forms import StartApplicationForm
from ..services.idea_conversion import conversion_organisations, idea_convert
from .common import add_service_error


class CallChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.reference} · {obj.title}"


class IdeaConversionForm(StartApplicationForm):
    call = CallChoice(label=gettext_lazy("Open call"), queryset=Call.objects.none())
    organisation = forms.ModelChoiceField(label=gettext_lazy("Your organisation (the lead partner)"), queryset=None)
    field_order = ["call", "organisation", "acronym"]

    def __init__(self, *args, idea: ProjectIdea, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = Call.objects.open_now().filter(programme=idea.programme).order_by("closes_at")
        self.fields["organisation"].queryset = conversion_organisations(user, idea)
        self.initial.setdefault("organisation", idea.organisation_id)
        self.initial.setdefault("call", idea.call_id)


@login_required
def idea_convert_view(request, idea_pk: int):
    idea = get_object_or_404(
        ProjectIdea.objects.filter(owner=request.user).select_related("programme", "organisation"), pk=idea_pk
    )
    if refusal := edit_refusal(request.user, idea):
        return render(request, "partnerships/ideas/refused.html", {"idea": idea, "reason": refusal}, status=403)
    form = IdeaConversionForm(request.POST if request.method == "POST" else None, idea=idea, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            project = idea_convert(
                idea=idea,
                call=form.cleaned_data["call"],
                organisation=form.cleaned_data["organisation"],
                acronym=form.cleaned_data["acronym"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("Your application is started and the people interested in your idea are invited.")
            )
            return redirect("projects:detail", pk=project.pk)
    context = {
        "idea": idea,
        "form": form,
        "interests": idea.interests.select_related("person", "organisation"),
        "no_call": not form.fields["call"].queryset.exists(),
        "no_organisation": not form.fields["organisation"].queryset.exists(),
    }
    return render(request, "projects/idea_convert.html", context, status=400 if form.is_bound else 200)
