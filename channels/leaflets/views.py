"""GET /<language>/leaflets/<page id>/a4.pdf and a5.pdf: the printable leaflet of a published work.

The work is read through articles.listings.public_works() (live, public, in the reader's language);
anything else is a 404, and a work taken down by a retraction a 410, with no PDF made. A download is
not logged: a GET writes nothing (handing leaflets out is recorded from the admin).
"""

import hashlib
import json
from urllib.parse import quote

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from articles import listings
from review.models import CaseStatus, CorrectionCase

from . import pdf
from .fonts import FontMissing

# Short: a correction published on the work must reach the next printout soon.
MAX_AGE = 300
# Made PDFs are kept for a day under a key naming everything they show that can change, so a burst of
# downloads (a 科普大篷车 printing for a tour, or someone hammering the URL) renders each once.
KEEP = 60 * 60 * 24


@require_safe
def leaflet(request, page_id, size):
    size = size.upper()
    if size not in pdf.SIZES:
        raise Http404
    work = listings.public_works().filter(pk=page_id).select_related("cover_image").first()
    if work is None:
        if _retracted(page_id):
            return _unavailable(request, _("该作品已撤稿，不再提供传单。"), status=410)
        raise Http404
    url = request.build_absolute_uri(work.get_url(request))
    try:
        data = _leaflet(work, size, url)
    except FontMissing as missing:
        message = _(
            "服务器缺少传单所用的中文字体文件（%(path)s），请管理员检查 PORTAL_LEAFLET_FONT 设置。"
        ) % {"path": missing}
        return _unavailable(request, message, status=503)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = disposition(work, size)
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def _leaflet(work, size, url):
    """The PDF, made once per live revision, review credit (a follow-up review adds a name without a
    new revision), size and address."""
    # Whether the cover's rendition is made yet: a leaflet printed without it is not kept once it is.
    cover_made = pdf.cover_rendition(work, size) is not None
    facts = [work.pk, work.live_revision_id, work.review_credit, work.cover_image_id, cover_made, size, url]
    key = "leaflet:" + hashlib.sha256(json.dumps(facts, default=str, sort_keys=True).encode()).hexdigest()
    data = cache.get(key)
    if data is None:
        data = pdf.render(work, size=size, url=url)
        cache.set(key, data, KEEP)
    return data


def disposition(work, size):
    """inline, with an ASCII file name for old clients and the Chinese title in filename* (RFC 6266)."""
    stem = work.slug if work.slug.isascii() else f"work-{work.pk}"
    ascii_name = f"leaflet-{stem}-{size.lower()}.pdf"
    title = "".join(char for char in work.title if char not in '\\/:*?"<>|\r\n')[:80]
    utf8_name = quote(f"{title}-{size}.pdf", safe="")
    return f"inline; filename=\"{ascii_name}\"; filename*=UTF-8''{utf8_name}"


def _retracted(page_id):
    """Taken down by a retraction (and not live again): its page says so with a 410 too."""
    cases = CorrectionCase.objects.filter(page_id=page_id, status=CaseStatus.RETRACTED, page__live=False)
    return cases.exists()


def _unavailable(request, message, status):
    context = {"message": message}
    return TemplateResponse(request, "channels/leaflets/unavailable.html", context, status=status)
