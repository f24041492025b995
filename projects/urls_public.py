from django.urls import path

from .views import operations, organisations, programmes, public, statistics

app_name = "database"
urlpatterns = [
    path("projects/", public.project_search, name="search"),
    path("projects/export.csv", public.export_csv, name="export_csv"),
    path("projects/export.json", public.export_json, name="export_json"),
    path("projects/<int:pk>/", public.project_detail, name="detail"),
    path("projects/<int:pk>/picture/", public.results_picture, name="results_picture"),  # issue 19, item 8
    path("programmes/", programmes.programme_list, name="programme_list"),
    path("programmes/<slug:slug>/", programmes.programme_detail, name="programme"),
    # the statistics of all programmes and of one (issue 21, item 2)
    path("statistics/", statistics.statistics_all, name="statistics"),
    path("programmes/<slug:slug>/statistics/", statistics.programme_statistics, name="programme_statistics"),
    # organisation pages and the contact relay (issue 21, item 3)
    path("organisations/<int:pk>/", organisations.organisation_detail, name="organisation"),
    path("organisations/<int:pk>/contact/", organisations.organisation_contact, name="organisation_contact"),
    path("organisations/contact/abuse/<str:token>/", organisations.contact_abuse, name="contact_abuse"),
    # the list of operations (issue 18, item 9)
    path("operations/", operations.operation_list, name="operations"),
    path("operations/export.csv", operations.operation_csv, name="operations_csv"),
    path("operations/<slug:slug>/", operations.operation_list, name="operations_programme"),
    path("operations/<slug:slug>/export.csv", operations.operation_csv, name="operations_programme_csv"),
]
