from django.urls import path

from . import idea_views

app_name = "ideas"
urlpatterns = [
    path("", idea_views.idea_list, name="list"),
    path("new/", idea_views.idea_new, name="create"),
    path("mine/", idea_views.my_ideas, name="mine"),
    path("<int:pk>/", idea_views.idea_detail, name="detail"),
    path("<int:pk>/edit/", idea_views.idea_edit, name="edit"),
    path("<int:pk>/close/", idea_views.idea_close_view, name="close"),
    path("<int:pk>/interest/", idea_views.idea_interest, name="interest"),
]
