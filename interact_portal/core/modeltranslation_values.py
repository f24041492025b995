"""One correction to django-modeltranslation's querysets (issue 20).

`values(name=expression)` with no field names: Django selects the expressions only; modeltranslation's values()
selects every field of the model besides (it reads "no field names" as "all fields", to add their fallbacks), so
such a queryset in a subquery returns many columns ("subquery must return only one column": the work plan's JSON
arrays, projects.rules_workplan). There, nothing is translated to fall back to: the queryset is left to Django.
"""

from modeltranslation.manager import MultilingualQuerySet

_values = MultilingualQuerySet.values


def _values_of_expressions_only(self, *fields, **expressions):
    if not fields and expressions:
        return _values(self.rewrite(False), **expressions)
    return _values(self, *fields, **expressions)


def patch() -> None:
    if MultilingualQuerySet.values is not _values_of_expressions_only:
        MultilingualQuerySet.values = _values_of_expressions_only
