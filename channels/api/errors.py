"""Errors as JSON problem documents (RFC 9457, as Wagtail's API v3 answers them) with a Chinese title
and explanation, and the JSON renderer that writes Chinese as itself rather than as \\u escapes."""

import json

from ninja.errors import HttpError, Throttled, ValidationError
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

PROBLEM_JSON = "application/problem+json"


def dumps(data):
    # Chinese as UTF-8 is a third shorter than \uXXXX escapes: readers are often on slow networks.
    return json.dumps(data, cls=NinjaJSONEncoder, ensure_ascii=False)


class ChineseJSONRenderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}


def problem(status, title, detail, **extra):
    body = {"status": status, "title": title, "detail": detail, **extra}
    return HttpResponse(dumps(body), status=status, content_type=PROBLEM_JSON)


def not_found(detail=None):
    return problem(404, _("未找到"), detail or _("没有这个地址，或者内容尚未发布。"))


def method_not_allowed():
    response = problem(405, _("不支持的请求方法"), _("本接口只读，只接受 GET 请求。"))
    response["Allow"] = "GET, HEAD, OPTIONS"
    return response


def bad_request(detail, params=()):
    return problem(400, _("请求有误"), detail, params=list(params))


def _parameter(error):
    # ninja reports ("query", "limit"): the source of the value, then its name.
    loc = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
    return loc[0] if loc else ""


def register(api):
    """Every error the API's operations raise, answered in Chinese."""

    @api.exception_handler(ValidationError)
    def invalid_parameters(request, exc):
        names = sorted({name for name in map(_parameter, exc.errors) if name})
        detail = _(
            "参数不正确：%(names)s。每页条数 limit 为 1～50，offset 不小于 0，since 为 ISO 8601 时间。"
        ) % {"names": "、".join(names) or "?"}
        return bad_request(detail, names)

    @api.exception_handler(Http404)
    def missing(request, exc):
        return not_found()

    @api.exception_handler(Throttled)
    def throttled(request, exc):
        return problem(429, _("请求过于频繁"), _("请求过于频繁，请稍后再试。"))

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        if exc.status_code == 400:
            return bad_request(str(exc))
        return problem(exc.status_code, _("请求有误"), str(exc))
