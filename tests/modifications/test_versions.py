"""Versions are immutable (service and database) and a restore puts the live tables back exactly."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from partnerships.models import PartnerBudgetLine
from projects.answers import application_answers
from projects.models import Activity, ApplicationVersion, WorkPackage
from projects.versions import live_rows, version_in_force, version_restore


def test_the_database_refuses_to_change_a_version(in_force):
    with pytest.raises(IntegrityError, match="immutable"), transaction.atomic():
        ApplicationVersion.objects.filter(pk=in_force.v1.pk).update(answers={})
    with pytest.raises(IntegrityError, match="immutable"), transaction.atomic():
        ApplicationVersion.objects.filter(pk=in_force.v1.pk).delete()
    assert ApplicationVersion.objects.get(pk=in_force.v1.pk).answers == in_force.v1.answers


def test_restore_undoes_edits_additions_and_deletions_and_swapped_numbers(in_force):
    project = in_force.project
    before_rows, before_answers = live_rows(project), in_force.v1.answers
    packages = list(WorkPackage.objects.filter(project=project).order_by("number"))
    assert len(packages) >= 1
    # edits of every kind: a field, a budget cell, a row added, a row removed, unique numbers swapped, lead swapped
    project.title = "Changed in the draft"
    project.save(update_fields=["title"])
    line = PartnerBudgetLine.objects.filter(partner=in_force.lead).first()
    PartnerBudgetLine.objects.filter(pk=line.pk).update(amount=line.amount + Decimal("123.45"))
    PartnerBudgetLine.objects.create(partner=in_force.partner, category="external", period=5, amount=Decimal("99"))
    first = packages[0]
    Activity.objects.filter(work_package=first).first().delete()
    extra = WorkPackage.objects.create(project=project, number=99, title="New", start_period=1, end_period=2)
    if len(packages) > 1:
        a, b = packages[0], packages[1]
        WorkPackage.objects.filter(pk=a.pk).update(number=98)
        WorkPackage.objects.filter(pk=b.pk).update(number=a.number)
        WorkPackage.objects.filter(pk=a.pk).update(number=b.number)
    type(in_force.lead).objects.filter(pk=in_force.lead.pk).update(role="partner")
    type(in_force.lead).objects.filter(pk=in_force.partner.pk).update(role="lead")
    assert application_answers(project) != before_answers

    version_restore(project=project, version=in_force.v1)

    project.refresh_from_db()
    assert not WorkPackage.objects.filter(pk=extra.pk).exists()
    assert live_rows(project) == before_rows
    from projects.snapshot import _jsonable
    from projects.versions import _json

    assert _json(_jsonable(application_answers(project))) == before_answers
    assert ApplicationVersion.objects.get(pk=in_force.v1.pk).answers == before_answers


def test_the_version_in_force_follows_dates(in_force):
    assert version_in_force(in_force.project) == in_force.v1
    assert version_in_force(in_force.project, on=in_force.project.start_date) == in_force.v1
