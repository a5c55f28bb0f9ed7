"""What a backup holds, counted: the figures a manifest records and a restore must find again.

Counted with plain SQL on each model's table, so the same function counts the database in use, a
restored database under another alias, and (for SQLite) a copied file before anything reads it.
"""

from django.contrib.auth import get_user_model

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision

from review.models import ReviewAction, ReviewOpinion

# name in the manifest → model; the order is the order reports list them in.
COUNTED = {
    "pages": lambda: Page,
    "revisions": lambda: Revision,
    "review_opinions": lambda: ReviewOpinion,
    "audit_entries": lambda: ReviewAction,
    "page_log_entries": lambda: PageLogEntry,
    "images": get_image_model,
    "documents": get_document_model,
    "users": get_user_model,
}

LABELS = {
    "pages": "页面 pages",
    "revisions": "版本 revisions",
    "review_opinions": "审核意见 review opinions",
    "audit_entries": "审核记录 audit entries",
    "page_log_entries": "页面日志 page log entries",
    "images": "图片 images",
    "documents": "文档 documents",
    "users": "用户 users",
}


def tables():
    return {name: model()._meta.db_table for name, model in COUNTED.items()}


def count_with(cursor, quote):
    """The counts through a DB-API cursor; `quote` quotes a table name for that database."""
    counts = {}
    for name, table in tables().items():
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - table names are the models' own
        counts[name] = cursor.fetchone()[0]
    return counts


def count(connection):
    """The counts of a Django database connection (connections[alias])."""
    with connection.cursor() as cursor:
        return count_with(cursor, connection.ops.quote_name)


def holds_content(connection):
    """Whether a database already holds a portal's content: any user, revision, image or document.
    A database without the portal's tables, or a freshly migrated one, holds none."""
    existing = set(connection.introspection.table_names())
    wanted = {
        name: table
        for name, table in tables().items()
        if name in {"users", "revisions", "images", "documents"}
    }
    if not set(wanted.values()) <= existing:
        return {}
    with connection.cursor() as cursor:
        found = {}
        for name, table in wanted.items():
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            if number := cursor.fetchone()[0]:
                found[name] = number
        return found
