"""The creator portal's landing page: what the portal publishes, how 三审 works, what a creator
gets, and the way in (register or log in; for a logged-in creator, 我的作品 and 新投稿)."""

from django.conf import settings
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from articles.models import Audience, WorkForm
from creators.sizes import human_size


@require_safe
def home(request):
    user = request.user
    profile = getattr(user, "creator_profile", None) if user.is_authenticated else None
    context = {
        "is_creator": profile is not None and profile.is_verified,
        "work_forms": WorkForm.labels,
        "audiences": Audience.Code.labels,
        "limits": {
            "picture": human_size(settings.MEDIA_MAX_UPLOAD_BYTES),
            "video": human_size(settings.MEDIA_MAX_VIDEO_BYTES),
            "storage": human_size(settings.PORTAL_CREATOR_STORAGE_BYTES),
            "works_per_day": settings.PORTAL_CREATOR_WORKS_PER_DAY,
        },
    }
    return TemplateResponse(request, "creators/home.html", context)
