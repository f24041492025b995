from django.urls import path

from .views import programmes, public

app_name = "database"
urlpatterns = [
    path("projects/", public.project_search, name="search"),
    path("projects/export.csv", public.export_csv, name="export_csv"),
    path("projects/export.json", public.export_json, name="export_json"),
    path("projects/<int:pk>/", public.project_detail, name="detail"),
    path("programmes/", programmes.programme_list, name="programme_list"),
    path("programmes/<slug:slug>/", programmes.programme_detail, name="programme"),
    path("organisations/<int:pk>/", public.organisation_detail, name="organisation"),
]
