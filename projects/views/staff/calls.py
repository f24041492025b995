"""Staff create, edit and publish their programme's calls."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programmes.forms import CallForm
from programmes.models import Call
from programmes.services import call_publish, call_save, rules_locked
from programmes.staff import StaffAction, staff_require

from ..common import add_service_error, perform
from .common import programme_or_404, staff_context, staff_only


@staff_only
def call_list(request, slug: str):
    programme = programme_or_404(request, slug)
    calls = programme.calls.annotate(
        applications=Count("projects"), submitted=Count("projects", filter=Q(projects__submitted_at__isnull=False))
    ).order_by("-opens_at")
    return render(request, "projects/staff/calls.html", {**staff_context(request, programme, "calls"), "calls": calls})


@staff_only
def call_edit(request, slug: str, pk: int | None = None):
    programme = programme_or_404(request, slug)
    staff_require(request.user, programme, StaffAction.EDIT_CALLS)
    call = get_object_or_404(Call, programme=programme, pk=pk) if pk else Call(programme=programme)
    locked = bool(pk) and rules_locked(call)
    form = CallForm(request.POST or None, instance=call, programme=programme, locked=locked)
    if request.method == "POST" and form.is_valid():
        try:
            call = call_save(form=form, by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Call %(reference)s saved.") % {"reference": call.reference})
            if not pk:  # a new call goes on to its setup (it starts from the default template)
                return redirect("staff:call_setup", slug=programme.slug, pk=call.pk)
            return redirect("staff:calls", slug=programme.slug)
    context = {**staff_context(request, programme, "calls"), "form": form, "call": call, "locked": locked}
    return render(request, "projects/staff/call_form.html", context, status=400 if form.errors else 200)


@require_POST
@staff_only
def call_publish_view(request, slug: str, pk: int):
    programme = programme_or_404(request, slug)
    call = get_object_or_404(Call, programme=programme, pk=pk)
    publish = request.POST.get("publish") != "0"
    done = _("Call published.") if publish else _("Call withdrawn from publication.")
    perform(request, lambda: call_publish(call=call, by=request.user, publish=publish), done)
    return redirect("staff:calls", slug=programme.slug)
