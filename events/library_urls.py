from django.urls import path

from . import library_views as views

app_name = "library"
urlpatterns = [
    path("", views.library_search, name="search"),
    path("topics/<slug:slug>/", views.library_topic, name="topic"),
    path("items/<int:pk>/", views.library_item, name="item"),
    path("items/<int:pk>/download/", views.library_download, name="download"),
]
