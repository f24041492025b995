"""The programme's missing translations (issue 20): each text whose English has no text in a language the programme
declares. Any staff member of the programme may read it; another programme's is a 404 (programme_or_404)."""

from django.shortcuts import render

from programmes.content_report import missing_translations

from .common import programme_or_404, staff_context, staff_only


@staff_only
def missing_translations_view(request, slug: str):
    programme = programme_or_404(request, slug)
    (gaps,) = missing_translations([programme])
    context = {**staff_context(request, programme, "reports"), "gaps": gaps}
    return render(request, "projects/staff/translations.html", context)
