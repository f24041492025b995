"""`{% page_errors as form_problems %}` in base.html: the error summary's items and the title's "Error:" prefix."""

from django import template

from ..error_summary import page_error_items

register = template.Library()


@register.simple_tag(takes_context=True)
def page_errors(context):
    return page_error_items(context)
