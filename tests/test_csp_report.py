"""The CSP violation-report endpoint (portal/csp.py): browsers POST reports, each logged as a warning;
bounded in size and in rate (per address and in total), and never an error for bad input."""

import json
import logging

import pytest

from django.test import override_settings

import portal.csp

URL = "/csp-report/"
REPORT = {
    "csp-report": {
        "document-uri": "https://kepu.example.cn/zh-hans/works/",
        "referrer": "",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "default-src 'self'; script-src 'self'",
        "disposition": "enforce",
        "blocked-uri": "https://cdn.example.com/x.js",
        "line-number": 12,
        "source-file": "https://kepu.example.cn/zh-hans/works/",
        "status-code": 200,
        "script-sample": "",
    }
}
REPORTING_API = [
    {
        "type": "csp-violation",
        "age": 10,
        "url": "https://kepu.example.cn/admin/",
        "body": {
            "documentURL": "https://kepu.example.cn/admin/",
            "effectiveDirective": "style-src-elem",
            "blockedURL": "inline",
            "disposition": "report",
            "sourceFile": "https://kepu.example.cn/admin/",
            "lineNumber": 3,
            "sample": "",
        },
    }
]


def post(client, body, content_type="application/csp-report", **extra):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return client.post(URL, data=data, content_type=content_type, **extra)


@pytest.fixture
def frozen_minute(monkeypatch):
    """One rate window for the whole test, whatever the clock does meanwhile."""
    monkeypatch.setattr(portal.csp.time, "time", lambda: 1_800_000_000.0)


def warnings_of(caplog):
    return [r for r in caplog.records if r.name == "portal.csp" and r.levelno == logging.WARNING]


def test_a_report_is_logged_as_a_warning(client, caplog, frozen_minute):
    with caplog.at_level(logging.WARNING, logger="portal.csp"):
        response = post(client, REPORT)
    assert response.status_code == 204
    assert "no-store" in response["Cache-Control"]
    [record] = warnings_of(caplog)
    message = record.getMessage()
    assert "script-src-elem" in message and "https://cdn.example.com/x.js" in message
    assert "/zh-hans/works/" in message and "enforce" in message


def test_a_reporting_api_report_is_logged_too(client, caplog, frozen_minute):
    with caplog.at_level(logging.WARNING, logger="portal.csp"):
        response = post(client, REPORTING_API, content_type="application/reports+json")
    assert response.status_code == 204
    [record] = warnings_of(caplog)
    assert "style-src-elem" in record.getMessage() and "report" in record.getMessage()


@pytest.mark.parametrize(
    "body",
    [b"not json", b"{}", b"[1, 2]", json.dumps({"csp-report": "x"}).encode(), b"\xff\xfe"],
    ids=["not json", "empty object", "list of numbers", "report not an object", "not utf-8"],
)
def test_bad_reports_are_a_400_in_chinese_and_not_logged(client, caplog, body):
    with caplog.at_level(logging.WARNING, logger="portal.csp"):
        response = post(client, body)
    assert response.status_code == 400
    assert response.content.decode() == "报告格式不正确。"
    assert warnings_of(caplog) == []


def test_an_oversized_report_is_refused_unread(client, caplog, settings):
    big = {
        "csp-report": {**REPORT["csp-report"], "script-sample": "x" * settings.PORTAL_CSP_REPORT_MAX_BYTES}
    }
    with caplog.at_level(logging.WARNING, logger="portal.csp"):
        response = post(client, big)
    assert response.status_code == 413
    assert response.content.decode() == "报告过大。"
    assert warnings_of(caplog) == []


def test_a_body_is_read_no_further_than_its_content_length(rf, settings):
    """A client that understates Content-Length gets no more than that read: here a cut report."""
    body = json.dumps(REPORT).encode() + b" " * (settings.PORTAL_CSP_REPORT_MAX_BYTES + 100)
    request = rf.post(URL, data=body, content_type="application/csp-report", CONTENT_LENGTH="10")
    response = portal.csp.report(request)
    assert response.status_code == 400


def test_only_post(client):
    assert client.get(URL).status_code == 405


@override_settings(PORTAL_CSP_REPORTS_PER_MINUTE=3, PORTAL_CSP_REPORTS_PER_MINUTE_TOTAL=5)
def test_reports_are_rate_limited_per_address_and_in_total(client, caplog, frozen_minute):
    with caplog.at_level(logging.WARNING, logger="portal.csp"):
        answers = [post(client, REPORT, REMOTE_ADDR="203.0.113.7").status_code for _ in range(6)]
        assert len(warnings_of(caplog)) == 3  # one address: 3 a minute
        answers += [post(client, REPORT, REMOTE_ADDR="203.0.113.8").status_code for _ in range(6)]
    assert set(answers) == {204}  # dropped reports are accepted too: a browser does not retry
    # The second address had its own 3, less what the total of 5 had left: 2.
    assert len(warnings_of(caplog)) == 5


def test_a_cache_outage_drops_reports_instead_of_failing(client, caplog, frozen_minute, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(portal.csp.cache, "add", down)
    with caplog.at_level(logging.WARNING, logger="portal.csp"):
        response = post(client, REPORT)
    assert response.status_code == 204
    assert warnings_of(caplog) == []
