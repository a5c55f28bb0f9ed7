"""outreach.records' admin URLs, classified for review/tests/test_admin_paths.py."""

NOT_PAGE_CONTENT = {
    "records_admin": (
        "contribution records: figures read from the data, certificates (rows and PDFs) issued and "
        "revoked, consents to show them; no page is written"
    ),
}
