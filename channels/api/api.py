"""The public read-only JSON API (issue 12), mounted at /api/v1/.

Why our own API rather than Wagtail's: Wagtail 8's API v3 is built on django-ninja, but its pages
router mixes reads with write operations (create, publish, delete with bearer tokens) and
`version=draft` reads — doors around the review that we would have to close one by one. So it is not
mounted anywhere. This is our own NinjaAPI, with GET operations only and explicit pydantic schemas
(schemas.py), so the field whitelist holds by construction; it reads works and news only through
articles.listings' public gate. It keeps v3's conventions where they cost nothing: limit/offset
pagination with a maximum, /openapi.json, a docs page that a setting turns off, problem+json errors.
"""

from ninja import NinjaAPI, Swagger

from django.conf import settings
from django.utils.module_loading import import_string

from . import errors
from .throttling import ReaderRateThrottle
from .views import router

DESCRIPTION = (
    "内蒙古科普门户的公开只读接口：本站发布的科普作品与科普资讯（本站实行三审制），"
    "含审核署名和更正说明。只接受 GET 请求；每页最多 50 条；按来访地址限制请求频率（超出时返回 429 和 Retry-After）。"
    "科普活动（科技活动周、全国科普日等）同样经三审发布。"
)

# Apps above channels add read-only routers of their own (outreach's events) through a setting naming
# callables: settings.PORTAL_API_ROUTERS = ["app.module.fn"], fn() -> (prefix, ninja Router, index
# name). Their operations must be GET only and read through their own public gate; every URL still
# passes readonly.read_only (methods, caching, CORS).

api = NinjaAPI(
    title="内蒙古科普 公开接口",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="channels_api",
    openapi_url="/openapi.json",
    # Swagger UI from ninja's own static files (ninja is an installed app): no CDN, and no badge
    # fetched from swagger.io's validator.
    docs=Swagger(settings={"validatorUrl": None}),
    docs_url="/docs/",
    renderer=errors.ChineseJSONRenderer(),
    throttle=[ReaderRateThrottle()],
)
errors.register(api)
api.add_router("", router)
# The listing each added router names (its URL name, and its key in /api/v1/'s index).
EXTRA_LISTINGS = []
for _name in getattr(settings, "PORTAL_API_ROUTERS", ()):
    _prefix, _router, _listing = import_string(_name)()
    api.add_router(_prefix, _router)
    EXTRA_LISTINGS.append(_listing)
