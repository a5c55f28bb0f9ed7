"""Says why the model layer refused, where Wagtail's admin would not: it answers any PermissionDenied
with a generic "no permission" on its dashboard (review/clearance.py), and a deletion that the
review records protect with a server error."""

from django.contrib import messages
from django.db.models import ProtectedError
from django.http import HttpResponseRedirect, JsonResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from wagtail.actions.copy_for_translation import ParentNotTranslatedError

from .clearance import refusals


class ExplainRefusalsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = refusals.set([])
        try:
            response = self.get_response(request)
            if response.status_code in (301, 302, 303) and hasattr(request, "_messages"):
                for reason in dict.fromkeys(refusals.get()):
                    messages.error(request, reason)
            return response
        finally:
            refusals.reset(token)

    def process_exception(self, request, exception):
        if not request.path.startswith("/admin/"):
            return None
        if isinstance(exception, ProtectedError):
            # Works that went through review keep their records (opinions, the audit trail).
            kinds = sorted({str(obj._meta.verbose_name) for obj in exception.protected_objects})
            reason = _(
                "不能删除：仍有%(kinds)s引用它。已经审核过的作品请撤稿或取消发布，审核记录会一直保留。"
            ) % {"kinds": "、".join(kinds)}
        elif isinstance(exception, ParentNotTranslatedError):
            # Wagtail's translation form greys the language out but does not refuse a crafted POST.
            reason = _("不能翻译：上级页面还没有这种语言的版本，请先翻译上级页面。")
        else:
            return None
        if request.path.startswith("/admin/api/"):
            return JsonResponse({"message": reason}, status=409)
        messages.error(request, reason)
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = "/admin/"
        return HttpResponseRedirect(back)
