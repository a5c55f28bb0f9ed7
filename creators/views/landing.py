"""The creator portal's landing page: what the portal publishes, how 三审 works, how to take part."""

from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe


@require_safe
def home(request):
    user = request.user
    profile = getattr(user, "creator_profile", None) if user.is_authenticated else None
    return TemplateResponse(
        request,
        "creators/home.html",
        {"is_creator": profile is not None and profile.is_verified},
    )
