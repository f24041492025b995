"""/api/ and /api/v1/: mounted by interact_portal/urls.py. Every name is in tests/access/test_url_matrix.py CASES."""

from django.urls import include, path, re_path

from . import pages, views
from .schema import SchemaView

app_name = "api"
v1 = [
    path("", views.ApiRoot.as_view(), name="root"),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", pages.api_docs, name="docs"),
    path("projects/", views.ProjectList.as_view(), name="projects"),
    path("projects/<int:pk>/", views.ProjectDetail.as_view(), name="project"),
    path("partners/", views.PartnerList.as_view(), name="partners"),
    path("partners/<int:pk>/", views.PartnerDetail.as_view(), name="partner"),
    path("organisations/", views.OrganisationList.as_view(), name="organisations"),
    path("organisations/<int:pk>/", views.OrganisationDetail.as_view(), name="organisation"),
    path("programmes/", views.ProgrammeList.as_view(), name="programmes"),
    path("programmes/<slug:slug>/", views.ProgrammeDetail.as_view(), name="programme"),
    path("calls/", views.CallList.as_view(), name="calls"),
    path("calls/<int:pk>/", views.CallDetail.as_view(), name="call"),
    path("events/", views.EventList.as_view(), name="events"),
    path("events/<slug:slug>/", views.EventDetail.as_view(), name="event"),
    path("library/", views.LibraryList.as_view(), name="library"),
    path("library/<int:pk>/", views.LibraryDetail.as_view(), name="library_item"),
    re_path(r"^(?P<rest>.+)$", views.NotFoundView.as_view(), name="not_found"),  # last: a JSON 404
]
urlpatterns = [
    path("", pages.api_index, name="index"),
    path("v1/", include(v1)),
]
