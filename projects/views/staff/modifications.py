"""Modifications for programme staff (issue 19): the programme's modifications awaiting the programme, and each
modification's page with the step its status allows — open or decline a request, send back, approve or reject a
submitted draft. Every staff member who sees the project reads them; only the roles with StaffAction.MODIFY act
(others: 403 with the reason); controllers and other programmes' staff get a 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from programmes.staff import StaffAction, staff_refusal

from ...forms_modifications import (
    ModificationApproveForm,
    ModificationDeclineForm,
    ModificationOpenForm,
    ModificationRejectForm,
    ModificationReturnForm,
)
from ...models import Modification
from ...modification_workflow import ModificationStatus
from ...permissions import require, staff_visible
from ...services.modifications import (
    modification_approve,
    modification_decline,
    modification_open,
    modification_reject,
    modification_return,
)
from ..common import add_service_error
from .common import application_or_404, programme_or_404, staff_context, staff_only

# the programme's turn: a request to open or decline, a submitted draft to decide on
AWAITING = (ModificationStatus.REQUESTED, ModificationStatus.SUBMITTED)
DECIDED_SHOWN = 50

# each step staff may take: its form, the service, and the message once done (the form's prefix is the key)
STEPS = {
    "open": (
        ModificationOpenForm,
        lambda m, by, data: modification_open(modification=m, by=by, **data),
        gettext_lazy("Modification opened: the applicants can change the application."),
    ),
    "decline": (
        ModificationDeclineForm,
        lambda m, by, data: modification_decline(modification=m, by=by, **data),
        gettext_lazy("Modification declined; the applicants were told why."),
    ),
    "return": (
        ModificationReturnForm,
        lambda m, by, data: modification_return(modification=m, by=by, **data),
        gettext_lazy("Modification sent back to the applicants for changes."),
    ),
    "approve": (
        ModificationApproveForm,
        lambda m, by, data: modification_approve(modification=m, by=by, **data),
        gettext_lazy("Modification approved: the changed application is the new version in force."),
    ),
    "reject": (
        ModificationRejectForm,
        lambda m, by, data: modification_reject(modification=m, by=by, **data),
        gettext_lazy("Modification rejected: the version in force stays, and the application is back to it."),
    ),
}
# which steps each status offers (each a step of projects.modification_workflow's table: tested)
OFFERED = {
    ModificationStatus.REQUESTED: ("open", "decline"),
    ModificationStatus.SUBMITTED: ("approve", "reject", "return"),
}


@staff_only
def modification_list(request, slug: str):
    """The programme's modifications: those awaiting the programme, those open with the applicants, and the
    latest decided (three queries, whatever the number of projects)."""
    programme = programme_or_404(request, slug)
    mine = Modification.objects.filter(project__in=staff_visible(request.user, programme=programme).values("pk"))
    mine = mine.select_related("project", "requested_by").order_by("requested_at", "pk")
    context = {
        **staff_context(request, programme, "modifications"),
        "awaiting": mine.filter(status__in=AWAITING),
        "open": mine.filter(status=ModificationStatus.OPEN),
        "decided": mine.exclude(status__in=[*AWAITING, ModificationStatus.OPEN]).order_by("-requested_at", "-pk")[
            :DECIDED_SHOWN
        ],
    }
    return render(request, "projects/staff/modifications.html", context)


def _objects(request, slug: str, pk: int, modification_pk: int):
    programme = programme_or_404(request, slug)
    project = application_or_404(request, programme, pk)
    modification = get_object_or_404(
        project.modifications.select_related("base_version", "new_version", "requested_by", "decided_by"),
        pk=modification_pk,
    )
    return programme, project, modification


def _page(request, programme, project, modification, *, bound=None, status: int = 200):
    offered = OFFERED.get(modification.status, ())
    forms = {key: STEPS[key][0](prefix=key) for key in offered}
    if bound is not None:
        forms[bound[0]] = bound[1]
    context = {
        **staff_context(request, programme, "modifications"),
        "project": project,
        "modification": modification,
        "steps": modification.steps.select_related("by"),
        "forms": forms,
        "act_refusal": staff_refusal(request.user, programme, StaffAction.MODIFY),
    }
    return render(request, "projects/staff/modification.html", context, status=status)


@staff_only
def modification_detail(request, slug: str, pk: int, modification_pk: int):
    return _page(request, *_objects(request, slug, pk, modification_pk))


def _act(request, slug: str, pk: int, modification_pk: int, key: str):
    """One step: staff without the right get a 403 with the reason; the form's or the service's refusal comes back
    next to its field (400); done, back to the modification with a message."""
    programme, project, modification = _objects(request, slug, pk, modification_pk)
    require(staff_refusal(request.user, programme, StaffAction.MODIFY))
    form_class, act, done = STEPS[key]
    form = form_class(request.POST, prefix=key)
    if form.is_valid():
        try:
            act(modification, request.user, form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, str(done))
            return redirect("staff:modification", slug=programme.slug, pk=project.pk, modification_pk=modification.pk)
    modification.refresh_from_db()
    return _page(request, programme, project, modification, bound=(key, form), status=400)


@require_POST
@staff_only
def modification_open_view(request, slug: str, pk: int, modification_pk: int):
    return _act(request, slug, pk, modification_pk, "open")


@require_POST
@staff_only
def modification_decline_view(request, slug: str, pk: int, modification_pk: int):
    return _act(request, slug, pk, modification_pk, "decline")


@require_POST
@staff_only
def modification_return_view(request, slug: str, pk: int, modification_pk: int):
    return _act(request, slug, pk, modification_pk, "return")


@require_POST
@staff_only
def modification_approve_view(request, slug: str, pk: int, modification_pk: int):
    return _act(request, slug, pk, modification_pk, "approve")


@require_POST
@staff_only
def modification_reject_view(request, slug: str, pk: int, modification_pk: int):
    return _act(request, slug, pk, modification_pk, "reject")
