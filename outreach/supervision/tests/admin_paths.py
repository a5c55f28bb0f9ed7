"""Supervision's admin URLs, classified for review/tests/test_admin_paths.py."""

NOT_PAGE_CONTENT = {
    "supervision_admin": "督查 dashboard, its CSV and the records behind each figure: read only (GET), no page changes",
}
