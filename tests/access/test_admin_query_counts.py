"""No admin page's query count grows with the number of rows it does not list (issue 16, #5), for every admin.

Data-driven over `admin.site._registry`, in the permission matrix's world (one real object of every model), so a new
admin or a new relation is measured without anyone writing a test for it:
- every changelist, at its world's rows and at 23 more rows of its model;
- every change page and delete-confirmation page, for each relation pointing at the model (a foreign key, the
  rows of a many-to-many), with 2 and with 25 rows of that relation.
Rows are copies of the world's row of each model, made unique where the model demands it (a suffix on a text
field, a fresh copy of a related object). The page must cost the same number of queries either way.

Also: select widgets never list a big table (people, applications, organisations, events); a delete that a deeper
PROTECT refuses is a message in the admin, never a 500.
"""

import itertools
import re
from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple, ForeignKeyRawIdWidget
from django.db import connection, models
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import Event, Registration
from interact_portal.accounts.models import User
from partnerships.models import Organisation, ProjectPartner
from projects.models import Project

pytestmark = pytest.mark.django_db

FEW, MANY = 2, 25
BIG_TABLES = {User, Project, Organisation, ProjectPartner, Event, Registration}
_tokens = itertools.count(1)


@pytest.fixture(autouse=True)
def _templates_rendered_plainly(templates_rendered_plainly):
    """Nothing here reads `response.context`: on an admin page of 25 inline rows, recording every widget's template
    and context costs about a tenth of the time (tests/conftest.py)."""


# -- copies of a world's row -----------------------------------------------------------------------------------


def _token() -> str:
    """Capital letters only (codes are checked as such), at least three."""
    n, letters = next(_tokens) + 26 * 26, ""
    while n:
        n, digit = divmod(n, 26)
        letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[digit] + letters
    return letters


def _unique_text(model, field, value) -> str:
    """A value no row of the model has in this field, as close to `value` as the field's length allows."""
    while True:
        token = _token()
        room = (field.max_length or 255) - len(token) - 1
        candidate = f"{(value or '')[: max(room, 0)]}-{token}" if room > 0 else token[-field.max_length :]
        if not model._default_manager.filter(**{field.attname: candidate}).exists():
            return candidate


def _vary(obj, field, fixed: set) -> bool:
    """Make obj's value of field differ from every other row's; False if this field cannot be varied."""
    if field.name in fixed:
        return False
    if field.is_relation:
        setattr(obj, field.name, copy_of(getattr(obj, field.name)))
        return True
    if isinstance(field, models.CharField | models.TextField):
        setattr(obj, field.attname, _unique_text(type(obj), field, getattr(obj, field.attname)))
        return True
    if isinstance(field, models.DateField | models.DateTimeField):
        setattr(obj, field.attname, getattr(obj, field.attname) - timedelta(days=next(_tokens)))
        return True
    if isinstance(field, models.IntegerField | models.DecimalField):
        setattr(obj, field.attname, 1000 + next(_tokens))
        return True
    return False


def _escape(obj, condition: Q) -> None:
    """Leave the rows a conditional unique constraint covers (one lead partner, one primary address…)."""
    for child in condition.children:
        if isinstance(child, Q):
            _escape(obj, child)
            continue
        name, value = child
        field = obj._meta.get_field(name.split("__")[0])
        if isinstance(field, models.BooleanField):
            setattr(obj, field.attname, not value)
        elif field.choices:
            setattr(obj, field.attname, next(c for c, _ in field.flatchoices if c != value))
        else:
            setattr(obj, field.attname, None if field.null else _unique_text(type(obj), field, ""))


def copy_of(original, **fixed):
    """A saved copy of `original` with `fixed` values, unique wherever its model requires."""
    if original is None:
        return None
    model = type(original)
    obj = model._default_manager.get(pk=original.pk)
    for name, value in fixed.items():
        setattr(obj, name, value)
    obj.pk = None
    obj._state.adding = True
    opts = obj._meta
    if not isinstance(opts.pk, models.AutoField):
        setattr(obj, opts.pk.attname, _unique_text(model, opts.pk, getattr(obj, opts.pk.attname)))
    for field in opts.fields:
        if field.unique and not field.primary_key:
            _vary(obj, field, set(fixed))
    sets = [(list(together), None) for together in opts.unique_together]
    sets += [
        (list(constraint.fields), constraint.condition)
        for constraint in opts.constraints
        if isinstance(constraint, models.UniqueConstraint)
        and constraint.fields
        # a conditional one only if the original's row falls under it
        and (
            constraint.condition is None or model._default_manager.filter(constraint.condition, pk=original.pk).exists()
        )
    ]
    for names, condition in sets:
        fields = sorted((opts.get_field(n) for n in names), key=lambda f: f.is_relation)  # text first
        if not any(_vary(obj, f, set(fixed)) for f in fields):
            assert condition is not None, f"cannot copy {model._meta.label}: {names}"
            _escape(obj, condition)
    model._default_manager.bulk_create([obj])
    return obj


def a_row_of(model):
    """A row of the model: the world's first, or a new one when the world has none (an email confirmation, an admin
    log entry, the rows of a many-to-many), its references pointing at the first row of each related model."""
    if (row := model._default_manager.order_by("pk").first()) is not None:
        return row
    obj = model()
    for field in model._meta.concrete_fields:
        if field.primary_key and field.auto_created or field.has_default() or field.null:
            continue
        if field.is_relation:
            setattr(obj, field.name, a_row_of(field.related_model))
        elif field.choices:  # a known value: choice fields are checked by constraints
            setattr(obj, field.attname, field.flatchoices[0][0])
        elif isinstance(field, models.CharField | models.TextField):
            setattr(obj, field.attname, _unique_text(model, field, ""))
        elif isinstance(field, models.DateTimeField):  # in the future: "expires after it was created" holds
            setattr(obj, field.attname, timezone.now() + timedelta(days=1))
        elif isinstance(field, models.IntegerField | models.DecimalField):
            setattr(obj, field.attname, 1)
    obj.save()
    return obj


# -- what to measure -------------------------------------------------------------------------------------------


def relations(model):
    """The relations pointing at the model (hidden ones and many-to-many rows too): the rows a page may grow with."""
    return [
        relation
        for relation in model._meta.get_fields(include_hidden=True)
        if relation.auto_created and not relation.concrete and (relation.one_to_many or relation.one_to_one)
    ]


def _admin_request(client):
    return client.get("/admin/").wsgi_request


def _queries(client, url: str, *, fewest_of: int = 1) -> tuple[int, int]:
    """The page's status and its queries (the fewest of `fewest_of` requests)."""
    counts = []
    for _ in range(fewest_of):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        counts.append(len(captured))
    return response.status_code, min(counts)


def _steady(client, url: str, few: tuple[int, int], many: tuple[int, int]) -> tuple:
    """Counts that differ are measured again: a once-a-minute write of the session (the staff session's activity
    stamp) is not growth; growth with rows shows in every measure."""
    if many[1] <= few[1]:
        return few, many
    return few, _queries(client, url, fewest_of=2)


def _visible(model, request):
    return admin.site._registry[model].get_queryset(request).order_by("pk").first()


def _url(model, page: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


@pytest.fixture
def superuser_client(client, world):
    client.force_login(world.people["superuser"])
    return client


def test_no_changelist_grows_with_its_rows(superuser_client):
    request = _admin_request(superuser_client)
    grew = {}
    for model in admin.site._registry:
        sample = _visible(model, request)
        assert sample is not None, f"the world needs an object of {model._meta.label}"
        for _ in range(FEW):
            copy_of(sample)
        url = _url(model, "changelist")
        superuser_client.get(url)  # warm the per-process caches
        few = _queries(superuser_client, url)
        for _ in range(MANY - FEW):
            copy_of(sample)
        few, many = _steady(superuser_client, url, few, _queries(superuser_client, url))
        assert few[0] == many[0] == 200, (url, few, many)
        if many[1] > few[1]:
            grew[url] = f"{few[1]} → {many[1]} queries"
    assert not grew, "changelists that grow with their rows:\n" + "\n".join(f"{u}: {g}" for u, g in grew.items())


def _children(parent, relation, n: int) -> None:
    """n rows pointing at parent, copied from a row that uses this relation (a row with exactly one of several
    references — a reporting step of a payment, a controller of a country — keeps to its own kind)."""
    using = relation.related_model._default_manager.filter(**{f"{relation.field.name}__isnull": False})
    sample = using.order_by("pk").first() or a_row_of(relation.related_model)
    for _ in range(n):
        copy_of(sample, **{relation.field.name: parent})


@pytest.mark.parametrize("page", ["change", "delete"])
def test_no_change_or_delete_page_grows_with_related_rows(superuser_client, world, page):
    request = _admin_request(superuser_client)
    grew, measured = {}, 0
    for model in admin.site._registry:
        parent = _visible(model, request)
        url = _url(model, page, parent.pk)
        for relation in relations(model):
            if relation.one_to_one:
                continue  # at most one row: nothing to grow with
            label = f"{model._meta.label}.{relation.get_accessor_name() or relation.related_model._meta.label}"
            _children(parent, relation, FEW)
            superuser_client.get(url)
            few = _queries(superuser_client, url)
            if few[0] == 403:
                break  # the page refuses this person whatever the rows: nothing to grow
            _children(parent, relation, MANY - FEW)
            many = _queries(superuser_client, url)
            few, many = _steady(superuser_client, url, few, many)
            measured += 1
            assert few[0] == many[0] == 200, (url, label, few, many)
            if many[1] > few[1]:
                grew[f"{url} ({label})"] = f"{few[1]} → {many[1]} queries"
    assert measured > 40
    assert not grew, f"{page} pages that grow with related rows:\n" + "\n".join(f"{u}: {g}" for u, g in grew.items())


def test_no_select_widget_lists_a_big_table(superuser_client, world):
    """A foreign key or many-to-many to people, applications, organisations or events is a raw id or an
    autocomplete field in every admin form and inline: a select would render every row of the table."""
    request = _admin_request(superuser_client)
    selects = []
    for model, model_admin in admin.site._registry.items():
        obj = _visible(model, request)
        forms = [(model_admin, model_admin.get_form(request, obj, change=True), None)]
        if model_admin.has_add_permission(request):
            forms.append((model_admin, model_admin.get_form(request, None, change=False), None))
        for inline in model_admin.get_inline_instances(request, obj):
            formset = inline.get_formset(request, obj)
            forms.append((inline, formset.form, formset.fk.name))
        for owner, form, parent in forms:
            for name, field in form.base_fields.items():
                if name == parent:
                    continue  # an inline's key to the object of the page: a hidden value, not a select
                queryset = getattr(field, "queryset", None)
                if queryset is None or queryset.model not in BIG_TABLES:
                    continue
                widget = getattr(field.widget, "widget", field.widget)  # unwrap RelatedFieldWidgetWrapper
                if not isinstance(widget, ForeignKeyRawIdWidget | AutocompleteSelect | AutocompleteSelectMultiple):
                    selects.append(f"{type(owner).__name__}.{name}")
    assert not selects, f"select widgets over big tables: {selects}"


# -- a delete refused deeper down is a message, not a 500 -------------------------------------------------------


@pytest.fixture
def blind_delete_page(monkeypatch):
    """The confirmation page lists nothing: as if a protected row appeared after it was shown, or lay deeper than
    it looks. The delete itself must still refuse with a reason."""
    programme_admin = admin.site._registry[Project._meta.get_field("programme").related_model]
    monkeypatch.setattr(programme_admin, "get_deleted_objects", lambda objs, request: ([], {}, set(), []))
    return programme_admin


def test_a_protected_delete_is_an_admin_message_not_a_500(superuser_client, world, blind_delete_page):
    programme = world.programme
    url = _url(type(programme), "delete", programme.pk)
    response = superuser_client.post(url, {"post": "yes"}, follow=True)
    assert response.status_code == 200
    assert "could not be deleted" in response.content.decode()
    assert type(programme).objects.filter(pk=programme.pk).exists()


def test_a_protected_delete_by_the_action_is_an_admin_message_not_a_500(superuser_client, world, blind_delete_page):
    programme = world.programme
    data = {"action": "delete_selected", "_selected_action": [programme.pk], "post": "yes"}
    response = superuser_client.post(_url(type(programme), "changelist"), data, follow=True)
    assert response.status_code == 200
    assert "could not be deleted" in response.content.decode()
    assert type(programme).objects.filter(pk=programme.pk).exists()


def test_counted_relations_link_to_their_lists_filtered_to_the_object(superuser_client, world):
    """Related rows shown as counts (`counted_relations`) link to lists that accept the filter and list the rows."""
    request = _admin_request(superuser_client)
    links = 0
    for model, model_admin in admin.site._registry.items():
        if not getattr(model_admin, "counted_relations", None):
            continue
        obj = _visible(model, request)
        html = superuser_client.get(_url(model, "change", obj.pk)).content.decode()
        assert "-TOTAL_FORMS" not in html or model_admin.inlines, "counted relations are not inlines"
        for name in model_admin.counted_relations:
            relation = next(r for r in model._meta.related_objects if r.get_accessor_name() == name)
            url = f"{_url(relation.related_model, 'changelist')}?{relation.field.name}__exact={obj.pk}"
            assert f'href="{url}"' in html, (model._meta.label, name)
            response = superuser_client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            links += 1
    assert links >= 10
    project_page = superuser_client.get(_url(Project, "change", world.project.pk)).content.decode()
    assert "partners-TOTAL_FORMS" not in project_page and "collaborators-TOTAL_FORMS" not in project_page


# -- what the counted confirmation pages say, and do --------------------------------------------------------------


def test_an_organisation_held_by_partnerships_is_refused_with_their_count(superuser_client, world):
    organisation = world.lead.organisation
    partnerships = ProjectPartner.objects.filter(organisation=organisation).count()
    url = _url(Organisation, "delete", organisation.pk)
    html = superuser_client.get(url).content.decode()
    assert "protected related objects" in html
    listed = f'href="/admin/partnerships/projectpartner/?organisation__exact={organisation.pk}">{partnerships}</a>'
    assert listed in html
    assert superuser_client.post(url, {"post": "yes"}).status_code == 200  # the same refusal, nothing deleted
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_a_call_and_its_documents_are_deleted_from_the_counted_page(superuser_client, world):
    call = world.draft_call
    for n in range(3):
        call.documents.create(title=f"Annex {n}", file=f"calls/annex-{n}.pdf")
    url = _url(type(call), "delete", call.pk)
    html = superuser_client.get(url).content.decode()
    listed = f'Call documents: <a href="/admin/programmes/calldocument/?call__exact={call.pk}">3</a>'
    assert listed in html and not re.search(r"/admin/programmes/calldocument/\d+/", html)  # no row of its own
    assert superuser_client.post(url, {"post": "yes"}).status_code == 302
    assert not type(call).objects.filter(pk=call.pk).exists()
    assert not type(call).documents.field.model.objects.filter(call_id=call.pk).exists()


def test_the_delete_action_counts_over_the_selected_objects(superuser_client, world):
    calls = [copy_of(world.draft_call) for _ in range(2)]
    for call in calls:
        for n in range(2):
            call.documents.create(title=f"Annex {n}", file=f"calls/annex-{n}.pdf")
    data = {"action": "delete_selected", "_selected_action": [c.pk for c in calls]}
    html = superuser_client.post(_url(type(calls[0]), "changelist"), data).content.decode()
    assert "Call documents: 4" in html  # the summary, over both calls
    superuser_client.post(_url(type(calls[0]), "changelist"), data | {"post": "yes"})
    assert not type(calls[0]).objects.filter(pk__in=[c.pk for c in calls]).exists()


@pytest.mark.parametrize(
    ("page", "most"),
    [
        ("admin:projects_project_change", 16),  # session, person, project, its choices, a count per relation
        ("admin:projects_project_delete", 80),  # … a count per relation the delete reaches (reports, payments…)
        ("admin:programmes_programme_change", 14),
        ("admin:programmes_programme_delete", 36),  # + indicators, objectives, calls' setup, controllers, allocations
        ("admin:accounts_user_delete", 34),  # + issue 21: ideas, their interests and countries, relayed messages
    ],
)
def test_the_counted_pages_cost_few_queries(superuser_client, world, django_assert_max_num_queries, page, most):
    obj = {"projects": world.project, "programmes": world.programme, "accounts": world.manager}[page[6:].split("_")[0]]
    url = reverse(page, args=[obj.pk])
    superuser_client.get(url)
    with django_assert_max_num_queries(most):
        assert superuser_client.get(url).status_code == 200


def test_a_count_is_of_the_rows_its_list_shows(superuser_client, world):
    """The programme's projects are counted as the projects list shows them: drafts belong to their applicants and
    are in neither (a count of 5 opening a list of 4 was the finding)."""
    programme = world.project.programme
    html = superuser_client.get(_url(type(programme), "change", programme.pk)).content.decode()
    listed = Project.objects.filter(programme=programme).exclude(status="draft").count()
    assert Project.objects.filter(programme=programme, status="draft").exists()
    url = f"{_url(Project, 'changelist')}?programme__exact={programme.pk}"
    assert f'<a href="{url}">{listed}</a>' in html
