"""The credit and correction lines every non-HTML channel prints."""

import datetime
from types import SimpleNamespace

from channels import credit

REVIEW = {
    "kind": "review",
    "date": "2026-05-01",
    "reviewers": [
        {"name": "乌云", "title": "研究员", "affiliation": "示例草原研究所", "follow_up": True},
        {"name": "巴特尔", "title": "", "affiliation": ""},
    ],
}


def test_a_review_credit_names_each_reviewer_with_title_and_affiliation():
    assert credit.credit_line(REVIEW) == "科学性审核：乌云（研究员，示例草原研究所）、巴特尔 · 2026-05-01"


def test_reviewers_keep_only_public_fields():
    assert credit.reviewers(REVIEW) == [
        {"name": "乌云", "title": "研究员", "affiliation": "示例草原研究所"},
        {"name": "巴特尔", "title": "", "affiliation": ""},
    ]


def test_fast_track_and_import_credits():
    assert credit.credit_line({**REVIEW, "fast_track": True}).startswith("应急科普 · 科学性审核：")
    note = "本文经示例合作机构审核后转载"
    assert credit.credit_line({"kind": "import", "note": note}) == note
    assert credit.reviewers({"kind": "import", "note": note}) == []


def test_no_credit_says_nothing():
    assert credit.credit_line(None) == ""
    assert credit.credit_line({}) == ""
    assert credit.reviewers(None) == []


def test_correction_lines_are_dated():
    notice = SimpleNamespace(date=datetime.date(2026, 6, 2), text="第二段的风速单位应为米每秒。")
    assert credit.correction_lines([notice]) == ["更正（2026-06-02）：第二段的风速单位应为米每秒。"]
