from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .models import Notification
from .services import notifications_mark_read


@login_required
def notification_list(request):
    notifications = Notification.objects.for_user(request.user).select_related("actor", "recipient")
    page = Paginator(notifications, 25).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@require_POST
@login_required
def notification_mark_read(request):
    ids = request.POST.getlist("id")
    valid = [int(value) for value in ids if value.isdigit()]
    notifications_mark_read(user=request.user, ids=valid if ids else None)
    return redirect("notifications:list")
