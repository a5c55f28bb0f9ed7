"""dispatch's admin URLs, classified for review/tests/test_admin_paths.py."""

NOT_PAGE_CONTENT = {
    "dispatch_admin": "点单/派单 service requests: their own table (ServiceRequest, RequestEvent); no page, "
    "revision or clearance is read or written",
}
