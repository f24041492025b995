"""Every model registered in the admin: its changelist, add page and a change page answer 200 for a superuser."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _admin_pages(model, model_admin, request):
    opts = model._meta
    name = f"admin:{opts.app_label}_{opts.model_name}"
    yield reverse(f"{name}_changelist")
    if model_admin.has_add_permission(request):
        yield reverse(f"{name}_add")
    obj = model_admin.get_queryset(request).first()  # drafts are their applicants' even here
    if obj is not None:
        yield reverse(f"{name}_change", args=[obj.pk])


@pytest.mark.usefixtures("templates_rendered_plainly")
def test_every_admin_changelist_add_and_change_page_answers(client, superuser, demo):
    client.force_login(superuser)
    request = client.get("/admin/").wsgi_request
    statuses = {}
    for model, model_admin in admin.site._registry.items():
        for url in _admin_pages(model, model_admin, request):
            statuses[url] = client.get(url).status_code
    assert len(statuses) > 60  # changelist + add + change for ~25 models
    assert {url: code for url, code in statuses.items() if code != 200} == {}


def test_every_domain_model_is_in_the_admin():
    registered = set(admin.site._registry)
    domain = {
        m
        for label in ("programmes", "partnerships", "projects", "events", "reports")
        for m in apps.get_app_config(label).get_models()
    }
    assert domain - registered == set()


def test_admin_requires_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
