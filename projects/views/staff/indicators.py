"""Programme indicators (code, name, unit, output or result): reference data staff keep for their programme."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from programmes.call_setup_services import indicator_save
from programmes.forms import IndicatorForm
from programmes.models import Indicator
from programmes.staff import StaffAction, staff_require

from ..common import add_service_error
from .common import programme_or_404, staff_context, staff_only


@staff_only
def indicator_list(request, slug: str):
    programme = programme_or_404(request, slug)
    indicators = programme.indicators.prefetch_related("objectives").order_by("kind", "code")
    context = {**staff_context(request, programme, "indicators"), "indicators": indicators}
    return render(request, "projects/staff/indicators.html", context)


@staff_only
def indicator_edit(request, slug: str, pk: int | None = None):
    programme = programme_or_404(request, slug)
    staff_require(request.user, programme, StaffAction.EDIT_CALLS)
    indicator = get_object_or_404(Indicator, programme=programme, pk=pk) if pk else Indicator(programme=programme)
    form = IndicatorForm(request.POST or None, instance=indicator, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = indicator_save(form=form, by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Indicator %(code)s saved.") % {"code": indicator.code})
            return redirect("staff:indicators", slug=programme.slug)
    context = {**staff_context(request, programme, "indicators"), "form": form, "indicator": indicator}
    return render(request, "projects/staff/indicator_form.html", context, status=400 if form.errors else 200)
