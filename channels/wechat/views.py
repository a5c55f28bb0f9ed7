"""The admin's WeChat export of a published work: a phone-like preview of the package, and its
download, which the delivery log records.

Only a work that is live and public is exported (read through the public gate, like every
channel); only someone who may edit the work may export it (channels/admin_views.py).
"""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.http import require_GET, require_POST

from channels.admin_views import hand_offs, published_work, refusal
from channels.models import Channel, Delivery

from . import export


def _package(request, work):
    with translation.override(work.locale.language_code):
        return export.build(work, url=work.get_full_url(request))


@require_GET
def preview(request, page_id):
    work = published_work(page_id)
    if (refused := refusal(request, work)) is not None:
        return refused
    package = _package(request, work)
    earlier, stale = hand_offs(work, Channel.WECHAT)
    context = {
        "work": work,
        "meta": package.meta,
        "article": package.article_with_inline_pictures(),
        "cover": package.data_uri(export.COVER),
        "cover_square": package.data_uri(export.COVER_SQUARE),
        "files": [(name, len(data)) for name, data in package.files.items()],
        "title_shortened": package.meta["title"] != package.meta["full_title"],
        "digest_limit": export.DIGEST_MAX,
        "title_limit": export.TITLE_MAX,
        "earlier": earlier,
        "stale_count": stale,
    }
    return TemplateResponse(request, "channels/admin/wechat_export.html", context)


@require_POST
def download(request, page_id):
    work = published_work(page_id)
    if (refused := refusal(request, work)) is not None:
        return refused
    package = _package(request, work)
    data = package.zip()
    Delivery.record(
        Channel.WECHAT,
        work,
        recipient=package.filename,
        made_by=request.user,
        files=list(package.files),
        bytes=len(data),
        content_source_url=package.meta["content_source_url"],
    )
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{package.filename}"'
    return response
