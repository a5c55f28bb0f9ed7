"""What every hand-off from the admin checks (a live, public work; an editor who may edit it), and
the leaflet print, which records its hand-off before serving the PDF.

The WeChat export's views are in channels/wechat/views.py and use the same checks.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wagtail.models import Page

from articles.listings import public_works

from .models import Channel, Delivery

LEAFLET_SIZES = ("A4", "A5")


def published_work(page_id):
    """The live, public work with this id, read in its own language, or 404."""
    language = get_object_or_404(Page.objects.values_list("locale__language_code", flat=True), pk=page_id)
    with translation.override(language):
        works = public_works().select_related("cover_image")
        return get_object_or_404(works, pk=page_id)


def refusal(request, work):
    """A 403 page unless the user may edit the work (the same right as Wagtail's edit button)."""
    if work.permissions_for_user(request.user).can_edit():
        return None
    message = _("只有可以编辑这篇作品的编辑才能导出或打印它。")
    return TemplateResponse(
        request, "channels/admin/refused.html", {"work": work, "message": message}, status=403
    )


def hand_offs(work, channel):
    """The work's earlier hand-offs through `channel` (latest first, with `stale`) and how many are stale."""
    deliveries = (
        Delivery.objects.filter(page_id=work.pk, channel=channel)
        .with_staleness()
        .select_related("made_by", "page")
        .latest_first()
    )
    return list(deliveries[:10]), deliveries.filter(stale=True).count()


def _leaflet_pdf(work, size, url):
    try:
        from channels.leaflets import pdf
    except ImportError as missing:  # the leaflet module is optional at import time
        raise Http404(_("传单功能尚未安装。")) from missing
    return pdf.render(work, size=size, url=url)


@require_http_methods(["GET", "POST"])
def leaflet(request, page_id):
    """GET: the sizes to print; POST: the PDF of one, recorded in the delivery log."""
    work = published_work(page_id)
    if (refused := refusal(request, work)) is not None:
        return refused
    size = request.POST.get("size")
    if request.method == "POST" and size in LEAFLET_SIZES:
        with translation.override(work.locale.language_code):
            data = _leaflet_pdf(work, size, work.get_full_url(request))
        filename = f"leaflet-{work.pk}-r{work.live_revision_id}-{size}.pdf"
        Delivery.record(
            Channel.LEAFLET, work, recipient=size, made_by=request.user, file=filename, bytes=len(data)
        )
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response
    earlier, stale = hand_offs(work, Channel.LEAFLET)
    context = {"work": work, "sizes": LEAFLET_SIZES, "earlier": earlier, "stale_count": stale}
    if request.method == "POST":
        context["error"] = _("请选择 A4 或 A5。")
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "channels/admin/leaflet.html", context, status=status)
