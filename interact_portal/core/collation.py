"""Names in the order of the reader's language: Ł after L in Polish, Ä with A in German, Ñ after N in Spanish.

``collated(queryset, "name")`` orders by the collation ``portal_<language>`` (the active language by default), made
by migration core 0001: PostgreSQL's ICU collation of the language where the server has ICU. A server built
without ICU (the embedded pgserver) has ``portal_<language>`` as "C" and ``portal_sort_key`` spells each name so that
"C" puts it where the language does: diacritics folded, the letters of their own (Polish ą ć ę ł ń ó ś ź ż,
Spanish ñ) after their base letter. Where ICU is there, ``portal_sort_key`` is the name itself, inlined away.
The same SQL on both servers, no query added: the ordering is part of the list's own query.
"""

from django.db.models import F, Func, OrderBy, QuerySet, TextField, Value
from django.db.models.functions import Collate
from django.utils import translation

LANGUAGES = ("en", "de", "fr", "es", "pl")  # settings.LANGUAGES: each has a collation portal_<code>


def collation_language(language: str | None = None) -> str:
    code = (language or translation.get_language() or "en").partition("-")[0]
    return code if code in LANGUAGES else "en"


def by_name(field: str, language: str | None = None, *, descending: bool = False) -> OrderBy:
    """An ordering by the text ``field`` in the collation of ``language`` (the active language by default)."""
    code = collation_language(language)
    key = Func(F(field), Value(code), function="portal_sort_key", output_field=TextField())
    collated_key = Collate(key, f"portal_{code}")
    return collated_key.desc() if descending else collated_key.asc()


def collated(queryset: QuerySet, *fields: str, language: str | None = None) -> QuerySet:
    """The queryset ordered by each field in the language's collation ("-name" descending), ties by the id."""
    order = [by_name(f.removeprefix("-"), language, descending=f.startswith("-")) for f in fields]
    return queryset.order_by(*order, "pk")
