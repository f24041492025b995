from django.urls import path

from . import views_partials

app_name = "partnerships"
urlpatterns = [
    path("search/", views_partials.organisation_results, name="organisation_search"),
]
