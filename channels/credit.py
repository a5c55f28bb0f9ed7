"""What every channel says about a work's review and corrections, as plain text and as data.

The page shows the same through review/includes/credit.html; channels that are not HTML pages
(the API, PDFs, e-mail, the WeChat export) take it from here, so they all say it the same way.
"""

from django.utils.translation import gettext as _


def reviewers(credit):
    """The reviewers named in a work's review credit: [{name, title, affiliation}]."""
    if not credit or credit.get("kind") != "review":
        return []
    return [
        {key: reviewer.get(key, "") for key in ("name", "title", "affiliation")}
        for reviewer in credit.get("reviewers", [])
    ]


def credit_line(credit):
    """The credit as one line (科学性审核：甲（研究员，某大学）、乙 · 2026-05-01), the import note, or ""."""
    if not credit:
        return ""
    if credit.get("kind") == "import":
        return credit.get("note", "")
    if credit.get("kind") != "review":
        return ""
    names = []
    for reviewer in reviewers(credit):
        about = "，".join(part for part in (reviewer["title"], reviewer["affiliation"]) if part)
        names.append(f"{reviewer['name']}（{about}）" if about else reviewer["name"])
    line = _("科学性审核：%(names)s") % {"names": "、".join(names)}
    if credit.get("date"):
        line += f" · {credit['date']}"
    if credit.get("fast_track"):
        line = _("应急科普") + " · " + line
    return line


def correction_lines(corrections):
    """One line per correction notice: "更正（2026-05-01）：…"."""
    return [
        _("更正（%(date)s）：%(text)s") % {"date": correction.date, "text": correction.text}
        for correction in corrections
    ]
