from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from . import views
from .accounts.language import language_choose
from .accounts.profile import profile
from .accounts.views import my_data
from .core import metrics

admin.site.site_header = "Interact Portal administration"
# The admin signs in through the portal's login (rate limits, second factor), never through a form of its own.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_title = "Interact Portal"

# Outside the language prefix: machines' addresses and the switcher's form.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("healthz/live", views.healthz_live, name="healthz_live"),
    path("metrics", metrics.metrics, name="metrics"),  # Prometheus; token or superuser, else 404 (core/metrics.py)
    path("api/", include("interact_portal.api.urls")),  # the open-data API (issue 21): an outer layer like this file
    path("language/", language_choose, name="language_choose"),
]
# Pages: English without a prefix, /de/, /fr/, /es/, /pl/ for the other languages (issue 20).
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("account/data/", my_data, name="my_data"),
    path("account/profile/", profile, name="profile"),
    path("accounts/", include("interact_portal.accounts.urls")),  # set-up pages that keep `next`, before allauth's
    path("accounts/", include("allauth.urls")),
    path("notifications/", include("interact_portal.notifications.urls")),
    path("events/", include("events.urls")),
    path("library/", include("events.library_urls")),
    path("reports/", include("interact_portal.reports.urls")),
    path("staff/control/", include("projects.urls_control")),  # before staff/<slug>/: first-level control
    path("staff/", include("projects.urls_staff")),
    path("", include("programmes.urls")),
    path("", include("projects.urls_public")),
    path("applications/", include("projects.urls")),
    path("organisations/", include("partnerships.urls")),
    path("ideas/", include("partnerships.idea_urls")),  # the partner search (issue 21)
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

handler403 = "interact_portal.views.error_403"
handler404 = "interact_portal.views.error_404"
handler500 = "interact_portal.views.error_500"
# Uploaded files are never served from MEDIA_URL, not even in development: each leaves through a view that
# checks who is asking (core.uploads.attachment).
