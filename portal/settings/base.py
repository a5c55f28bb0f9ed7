"""Settings shared by every environment: secure by default, configured from the environment."""

import os
from pathlib import Path

import dj_database_url

from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Secure by default: nothing here runs in production without explicit configuration.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The portal's apps by layer, lowest first (docs/architecture.md); review sits after wagtail.admin.
    "accounts",
    "media",
    "pages",
    "articles",
    "creators",
    "search",
    "channels",
    "channels.digest",
    # outreach (outreach/__init__.py): one app per concern, lowest first
    "outreach.venues",
    "outreach.events",
    "outreach.people",
    "outreach.dispatch",
    "outreach.records",
    "outreach.supervision",
    "home",
    "caching",
    "backups",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    # After wagtail.admin: review replaces Wagtail's workflow e-mails with its own (see review/apps.py).
    "review",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Explains refusals of unreviewed content, which Wagtail's admin reports as "no permission".
    "review.middleware.ExplainRefusalsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_frame",
                "home.reader_modes.reader_mode_context",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# DATABASE_URL selects the database; the default is a SQLite file under var/ (made if missing,
# as a fresh clone has none).
if not os.environ.get("DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'portal.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue for the lock at BEGIN instead of failing when two requests write at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Local memory by default; with REDIS_URL, Redis shared by every app server (settings/caching.py: a
# backend that serves pages uncached while Redis is down).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Readers choose Simplified Chinese (the default) or Mongolian in the traditional script, each under
# its own URL prefix (/zh-hans/…, /mn/…); every name in its own script (docs/languages.md). Content is
# translated page by page in the same two locales (wagtail.contrib.simple_translation), and a
# translation passes 三审 like any work. The admin stays Chinese: mn is not an admin language.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("mn", "ᠮᠣᠩᠭᠣᠯ")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# A Mongolian reader's dates: the project's own format module (Django's "mn" formats are Khalkha's).
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# The project's catalogs (locale/ at the top of the tree) win over every app's: zh_Hans completes and
# corrects Wagtail's Chinese; mn is the public interface in the traditional script, and replaces the
# Cyrillic (Khalkha) of Django's own mn catalog wherever a reader meets it. The .mo files are
# committed, so no gettext tools are needed to run the site.
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/uploads/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "uploads"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads on local disk (MEDIA_ROOT, the default) or in an S3-compatible bucket (MEDIA_STORAGE=s3:
# Aliyun OSS, Tencent COS, MinIO, AWS …) through django-storages; docs/deploy.md lists the variables.
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "local")
if MEDIA_STORAGE == "s3":
    if not os.environ.get("S3_BUCKET"):
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs S3_BUCKET (and usually S3_ENDPOINT_URL).")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("S3_BUCKET", ""),
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": os.environ.get("S3_CUSTOM_DOMAIN") or None,
            # Uploads are public once published, and never overwritten in place.
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
elif MEDIA_STORAGE != "local":
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'local' or 's3', not {MEDIA_STORAGE!r}.")

# Uploads: limits enforced by media.validation as well as here.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_PERMISSIONS = 0o644
MEDIA_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MEDIA_MAX_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_MODEL = "media.PortalImage"
WAGTAILDOCS_DOCUMENT_MODEL = "media.PortalDocument"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = MEDIA_MAX_UPLOAD_BYTES
WAGTAILIMAGES_MAX_IMAGE_PIXELS = MEDIA_MAX_PIXELS
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
# Videos are documents too (the body's video block plays them): checked by structure (media/forms.py).
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "txt", "csv", "mp4", "webm"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = MEDIA_MAX_UPLOAD_BYTES
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Creator portal uploads (creators/uploads.py; videos are checked by media.validation).
MEDIA_MAX_VIDEO_BYTES = 100 * 1024 * 1024
# Video links creators may give: these hosts only, over https.
PORTAL_VIDEO_HOSTS = ["www.bilibili.com", "m.bilibili.com", "v.qq.com", "m.v.qq.com", "www.ixigua.com"]
PORTAL_CREATOR_STORAGE_BYTES = 200 * 1024 * 1024  # all of one creator's images and videos
PORTAL_CREATOR_WORKS_PER_DAY = 5  # new works per creator in any 24 hours
PORTAL_CREATOR_IMAGES_PER_WORK = 20

WAGTAIL_SITE_NAME = "内蒙古科普"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# "simple": no English stemming, the same words in every vector (title, body, autocomplete) —
# Chinese is segmented by search/analysis.py before it gets here.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
}

# Public search (search/service.py): "database" (Wagtail's backend with Chinese segmentation, no
# extra server) or "elasticsearch" (needs ELASTICSEARCH_URL).
PORTAL_SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "database")
PORTAL_SEARCH_ENGINES = {
    "database": "search.engines.database.DatabaseEngine",
    "elasticsearch": "search.engines.elasticsearch.ElasticsearchEngine",
}
# Off only to measure Wagtail's search without segmentation (search/tests/relevance.py).
PORTAL_SEARCH_SEGMENTATION = True
# Page types declare plain search fields (pages/indexing.py); this makes them index segmented words.
PORTAL_SEARCH_FIELDS = "search.index.segmented"
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# The alias readers' queries go to; each rebuild creates "<alias>-<timestamp>" and swaps the alias.
ELASTICSEARCH_INDEX = os.environ.get("ELASTICSEARCH_INDEX", "kepu-works")
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The admin in Chinese: its sign-in form labels every field; no banner pointing to Wagtail's
# English-only "what's new" guide.
WAGTAILADMIN_USER_LOGIN_FORM = "home.admin_login.ChineseLoginForm"
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]

# Background jobs: run at once unless a deployment chooses the database backend.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    }
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "内蒙古科普 <noreply@example.org>")
# Told (besides the superusers) when the daily live-content audit finds a problem: "a@x.org,b@y.org".
ADMINS = [(address, address) for address in env_list("ADMINS")]

# Security headers that hold everywhere; production adds HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail's preview views override this to SAMEORIGIN themselves; nothing else is framed.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}


def require_env(*names):
    """Fail at start-up, in plain words, when a deployment forgot a variable."""
    missing = [name for name in names if not os.environ.get(name)]
    if missing:
        raise ImproperlyConfigured(
            "Missing required environment variable(s): "
            + ", ".join(missing)
            + ". Set them before starting the portal with production settings (see docs/deploy.md)."
        )


WAGTAILIMAGES_IMAGE_FORM_BASE = "media.forms.PortalImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "media.forms.PortalDocumentForm"
# Pictures and files shown by reviewed live content change only through review: the media forms
# ask this function (media sits below review in the layers, so it is named, not imported).
PORTAL_MEDIA_CHANGE_GUARD = "review.guards.change_refusal"
# Reviewed page types (pages/reviewed.py) ask this object whether content may be live: the same
# one-way arrangement. Without it no reviewed page can be saved.
PORTAL_REVIEW_GATE = "review.gate.GATE"
# No avatars from an outside service (gravatar): nothing the admin loads leaves this server.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Only the final stage of 三审 publishes, through this function (see review/decisions.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "review.finish.publish_after_review"
# An approval counts for the revision it approved: an edit after it sends the work back through the
# stages from the first one that has not approved the new revision (review/models/tasks.py).
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# Creators see experts as 专家一, 专家二 … while their work is in review; names once it is published.
PORTAL_REVIEW_BLIND = env_bool("PORTAL_REVIEW_BLIND", True)

# Public API (channels/api) -------------------------------------------------------------------------
# Requests per minute (or /s, /hour, /day) from one address; empty: no limit. Over it: 429 + Retry-After.
PORTAL_API_RATE = os.environ.get("PORTAL_API_RATE", "120/min")
# Web origins allowed to read the API from a browser ("https://a.example.cn,https://b.example.cn", or
# "*"); empty: no CORS headers. Only GET is ever allowed.
PORTAL_API_CORS_ORIGINS = env_list("PORTAL_API_CORS_ORIGINS")
# How long browsers and proxies may keep an answer (seconds): a retraction reaches every reader this
# much later at most. Nothing is cached on the server.
PORTAL_API_MAX_AGE = int(os.environ.get("PORTAL_API_MAX_AGE", "60"))
# The interactive docs page /api/v1/docs/ (Swagger UI, served from ninja's own static files, hence
# "ninja" among the apps); /api/v1/openapi.json is always there.
PORTAL_API_DOCS = env_bool("PORTAL_API_DOCS", True)
INSTALLED_APPS += ["ninja"]
# End of the public API block -----------------------------------------------------------------------

# Concerns with settings of their own, each in its module (they add middleware and apps in place).
from . import accounts, caching, headers, outreach  # noqa: E402

for _concern in (caching, accounts, outreach, headers):  # headers last: it reads the others
    _concern.configure(globals())
