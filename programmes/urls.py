from django.urls import path

from . import views

app_name = "programmes"
urlpatterns = [
    path("calls/", views.call_list, name="call_list"),
    path("calls/<int:pk>/", views.call_detail, name="call_detail"),
    path("calls/<int:pk>/documents/<int:document_pk>/", views.call_document, name="call_document"),
]
