"""The staff side of a contracted project: its contract (data, managers, documents, bank details as the policy
allows), its reporting schedule, and who controls its partners. Staff of the programme who may not edit get a 403
with the reason; anyone else a 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from interact_portal.core.uploads import attachment
from partnerships.iban import masked_iban
from programmes.staff import StaffAction, staff_refusal

from ...contract_forms import ContractDocumentForm, ContractEditForm, ControllerAssignmentForm, DeadlineFormSet
from ...models import ControllerAssignment, ProjectContract
from ...permissions import require
from ...reporting_access import REPORTING_STATUSES, bank_details_visible_filter
from ...services.contracting import (
    ScheduleInvalid,
    ScheduleRow,
    contract_document_add,
    contract_document_delete,
    contract_refusal,
    contract_save,
    period_dates,
    reporting_schedule_create,
    schedule_save,
)
from ...services.controllers import controller_assign, controller_unassign, programme_controllers
from ..common import add_service_error, perform
from .common import application_or_404, programme_or_404, staff_context, staff_only


def _project(request, slug, pk):
    programme = programme_or_404(request, slug)
    project = application_or_404(request, programme, pk)
    return programme, project


def _partners_with_bank(request, project):
    """The project's partners, each with its bank account shown in full, masked, or absent (one query each)."""
    partners = list(project.partners.select_related("organisation", "bank_account").order_by("order", "pk"))
    visible = set(project.partners.filter(bank_details_visible_filter(request.user)).values_list("pk", flat=True))
    for partner in partners:
        account = getattr(partner, "bank_account", None)
        partner.bank = account
        partner.bank_visible = partner.pk in visible
        partner.bank_masked = masked_iban(account.iban) if account else ""
    return partners


def _contract_page(request, programme, project, form, document_form, status=200):
    context = {
        **staff_context(request, programme, "applications"),
        "project": project,
        "form": form,
        "document_form": document_form,
        "documents": project.contract_documents.select_related("uploaded_by"),
        "partners": _partners_with_bank(request, project),
        "deadlines": project.reporting_deadlines.all(),
    }
    return render(request, "projects/staff/contract_edit.html", context, status=status)


@staff_only
def contract_edit(request, slug: str, pk: int):
    programme, project = _project(request, slug, pk)
    require(contract_refusal(request.user, project))
    contract = ProjectContract.objects.filter(project=project).first()
    initial = ContractEditForm.initial_for(contract, project.manager_contacts.all())
    form = ContractEditForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contract_save(
                project=project,
                by=request.user,
                contract_date=data["contract_date"],
                website=data["website"],
                managers=form.managers(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Contract saved."))
            return redirect("staff:contract_edit", slug=programme.slug, pk=project.pk)
    return _contract_page(request, programme, project, form, ContractDocumentForm(), 400 if form.errors else 200)


@require_POST
@staff_only
def contract_document_upload(request, slug: str, pk: int):
    programme, project = _project(request, slug, pk)
    require(contract_refusal(request.user, project))
    form = ContractDocumentForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            contract_document_add(
                project=project, by=request.user, kind=data["kind"], title=data["title"], upload=data["file"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Document uploaded."))
            return redirect("staff:contract_edit", slug=programme.slug, pk=project.pk)
    contract = ProjectContract.objects.filter(project=project).first()
    edit_form = ContractEditForm(initial=ContractEditForm.initial_for(contract, project.manager_contacts.all()))
    return _contract_page(request, programme, project, edit_form, form, status=400)


@staff_only
def contract_document(request, slug: str, pk: int, document_pk: int):
    """A contract document, as an attachment, for the programme's staff who see the project."""
    _programme, project = _project(request, slug, pk)
    document = get_object_or_404(project.contract_documents.all(), pk=document_pk)
    return attachment(document.file, document.original_name)


@require_POST
@staff_only
def contract_document_remove(request, slug: str, pk: int, document_pk: int):
    programme, project = _project(request, slug, pk)
    document = get_object_or_404(project.contract_documents.all(), pk=document_pk)
    require(contract_refusal(request.user, project))
    perform(request, lambda: contract_document_delete(document=document, by=request.user), _("Document deleted."))
    return redirect("staff:contract_edit", slug=programme.slug, pk=project.pk)


def _schedule_rows(formset, deadlines) -> list[ScheduleRow]:
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        rows.append(
            ScheduleRow(
                deadline=deadlines.get(data.get("deadline")) or _Missing(data.get("deadline")),
                due_date=data.get("due_date"),
                kind=data.get("kind", ""),
                final=bool(data.get("final")),
                comment=data.get("comment", ""),
            )
        )
    return rows


class _Missing:
    """A row naming a deadline that is not this project's: the service refuses the whole schedule."""

    period = 0

    def __init__(self, pk):
        self.pk = pk


@staff_only
def schedule(request, slug: str, pk: int):
    """The reporting schedule: one row per deadline, saved all at once or not at all."""
    programme, project = _project(request, slug, pk)
    require(contract_refusal(request.user, project))
    deadlines = {deadline.pk: deadline for deadline in project.reporting_deadlines.all()}
    initial = [
        {"deadline": d.pk, "due_date": d.due_date, "kind": d.kind, "final": d.final, "comment": d.comment}
        for d in deadlines.values()
    ]
    if request.method == "POST" and "generate" in request.POST:  # a project contracted before schedules existed
        perform(
            request,
            lambda: reporting_schedule_create(project=project, by=request.user),
            _("Reporting schedule generated from the periods."),
        )
        return redirect("staff:schedule", slug=programme.slug, pk=project.pk)
    formset = DeadlineFormSet(request.POST if request.method == "POST" else None, initial=initial, prefix="deadline")
    if request.method == "POST" and formset.is_valid():
        forms_by_deadline = {form.cleaned_data.get("deadline"): form for form in formset.forms}
        try:
            schedule_save(project=project, by=request.user, rows=_schedule_rows(formset, deadlines))
        except ScheduleInvalid as problems:
            for deadline_pk, errors in problems.rows.items():
                for name, message in errors.items():
                    forms_by_deadline[deadline_pk].add_error(name, message)
            for message in problems.general:
                formset._non_form_errors.append(message)
        except ValidationError as error:
            formset._non_form_errors.extend(error.messages)
        else:
            messages.success(request, _("Reporting schedule saved."))
            return redirect("staff:schedule", slug=programme.slug, pk=project.pk)
    periods = period_dates(project)
    rows = [(form, deadlines.get(form.initial.get("deadline")), None) for form in formset.forms]
    rows = [(form, deadline, periods.get(deadline.period) if deadline else None) for form, deadline, _p in rows]
    failed = formset.is_bound and (formset.total_error_count() or formset.non_form_errors())
    context = {
        **staff_context(request, programme, "applications"),
        "project": project,
        "formset": formset,
        "rows": rows,
    }
    return render(request, "projects/staff/schedule.html", context, status=400 if failed else 200)


def _assignment_form(request, programme, project, data=None):
    return ControllerAssignmentForm(
        data,
        controllers=programme_controllers(programme),
        partners=project.partners.select_related("organisation").order_by("order", "pk"),
        countries=programme.countries.order_by("name"),
    )


@staff_only
def controllers(request, slug: str, pk: int):
    """Who controls this project's partners: their own assignments and their countries'; assign and remove."""
    programme, project = _project(request, slug, pk)
    require(staff_refusal(request.user, programme, StaffAction.ASSIGN_CONTROLLERS))
    if project.status not in REPORTING_STATUSES:
        require(_("The project is not contracted: its partners have no controller yet."))
    form = _assignment_form(request, programme, project, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            controller_assign(
                programme=programme,
                by=request.user,
                controller=data["controller"],
                partner=data["partner"],
                country=data["country"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Controller assigned."))
            return redirect("staff:controllers", slug=programme.slug, pk=project.pk)
    countries = project.partners.values("organisation__country")
    assignments = (
        ControllerAssignment.objects.filter(programme=programme)
        .filter(Q(partner__project=project) | Q(partner__isnull=True, country__in=countries))
        .select_related("controller", "partner__organisation", "country")
        .order_by("country__name", "partner__order", "controller__last_name", "pk")
    )
    context = {
        **staff_context(request, programme, "applications"),
        "project": project,
        "form": form,
        "assignments": assignments,
    }
    return render(request, "projects/staff/controllers.html", context, status=400 if form.errors else 200)


@require_POST
@staff_only
def controller_remove(request, slug: str, pk: int, assignment_pk: int):
    programme, project = _project(request, slug, pk)
    assignment = get_object_or_404(ControllerAssignment.objects.filter(programme=programme), pk=assignment_pk)
    require(staff_refusal(request.user, programme, StaffAction.ASSIGN_CONTROLLERS))
    perform(request, lambda: controller_unassign(assignment=assignment, by=request.user), _("Assignment removed."))
    return redirect("staff:controllers", slug=programme.slug, pk=project.pk)
