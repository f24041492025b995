"""The GOV.UK error-summary pattern, once for every page: the errors of every bound form in a template's context,
each linked to its field, for the box at the top of the main content and the "Error:" prefix of the page title.

Forms are found in the context itself (a form, a formset, a list of them, or a form held by an object of a list,
e.g. `invitation.resend_form`), so no view or template has to register them. Querysets are never iterated."""

from dataclasses import dataclass

from django.forms import BaseForm, BaseFormSet
from django.forms.forms import NON_FIELD_ERRORS
from django.utils.functional import LazyObject


@dataclass(frozen=True)
class ErrorItem:
    message: str
    href: str = ""  # "#<id of the field's first input>", or "" when there is nothing to focus


def _field_href(bound_field) -> str:
    if bound_field.is_hidden:
        return ""
    target = bound_field.id_for_label
    if not target and bound_field.auto_id:  # radio buttons and checkbox lists: their first input
        target = f"{bound_field.auto_id}_0"
    return f"#{target}" if target else ""


def form_error_items(form) -> list[ErrorItem]:
    """One form's errors in the order of its fields; non-field errors first, without a link."""
    if not form.is_bound or not form.errors:
        return []
    errors = form.errors
    items = [ErrorItem(str(message)) for message in errors.get(NON_FIELD_ERRORS, [])]
    for name in form.fields:
        if name not in errors:
            continue
        bound_field = form[name]
        href = _field_href(bound_field)
        for message in errors[name]:
            if href and bound_field.label:
                items.append(ErrorItem(f"{bound_field.label}: {message}", href))
            else:
                items.append(ErrorItem(str(message), href))
    return items


def _error_items(value) -> list[ErrorItem]:
    if issubclass(type(value), BaseForm):
        return form_error_items(value)
    if issubclass(type(value), BaseFormSet):
        if not value.is_bound:
            return []
        items = [ErrorItem(str(message)) for message in value.non_form_errors()]
        for form in value.forms:
            items += form_error_items(form)
        return items
    return []


def _is_form(value) -> bool:
    # type(), not isinstance(): isinstance would evaluate lazy objects (the CSRF token would set its cookie)
    return issubclass(type(value), BaseForm | BaseFormSet)


def _candidates(value):
    """The value, and when it is a list, tuple or dict: its members and the forms its members hold."""
    yield value
    kind = type(value)
    members = value.values() if kind is dict else value if kind in (list, tuple) else ()
    for member in members:
        yield member
        if not _is_form(member) and not issubclass(type(member), LazyObject) and hasattr(type(member), "__dict__"):
            yield from (v for v in getattr(member, "__dict__", {}).values() if _is_form(v))


def page_error_items(context) -> list[ErrorItem]:
    """Every error of every bound form the page shows, each form once, in the order the context lists them.

    Forms bound to the query string (the filters of a list) are left out: they ignore unknown values by design,
    and a bookmarked link with an old filter is not a problem the person made."""
    request = context.get("request")
    query = getattr(request, "GET", None)
    seen: set[int] = set()
    items: list[ErrorItem] = []
    for value in context.flatten().values():
        for candidate in _candidates(value):
            if _is_form(candidate) and id(candidate) not in seen:
                seen.add(id(candidate))
                if query is None or getattr(candidate, "data", None) is not query:
                    items += _error_items(candidate)
    return items
