from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_new, name="new"),
    path("<int:pk>/", views.report_row, name="row"),
    path("<int:pk>/download/", views.report_download, name="download"),
]
