"""The typography check of 初审 over one text (plain or the HTML of a rich-text field): what breaks
GB/T 15834-2011, where, and the replacement an editor may accept. It never changes anything itself.

Besides the ASCII marks, brackets and quotes of review/typography/marks.py it finds brackets whose
two halves differ in width, spaces between Chinese characters or beside full-width punctuation, an
ASCII "..." for the 省略号 and "--" for the 破折号. Numbers, times, URLs, e-mail addresses, HTML
tags, code and Latin-only text are left alone.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .marks import HAN_CHAR, LATIN, LOOK_THROUGH, NORMAL, classify, decisions, is_chinese

RULES = {
    ",": _("中文之间应使用全角逗号“，”"),
    ".": _("中文句末应使用全角句号“。”"),
    ":": _("中文中应使用全角冒号“：”"),
    ";": _("中文中应使用全角分号“；”"),
    "?": _("中文中应使用全角问号“？”"),
    "!": _("中文中应使用全角叹号“！”"),
    "(": _("中文中应使用全角括号“（）”"),
    '"': _("中文中应使用弯引号“”"),
    "mixed-bracket": _("一对括号应同为全角“（）”，不能一半全角一半半角"),
    "space-han": _("汉字之间不应有空格"),
    "space-punct": _("汉字与全角标点之间不应有空格"),
    "ellipsis": _("省略号应为居中的六个点“……”"),
    "dash": _("破折号应为两个字线“——”"),
}
KIND_OF_MARK = {
    ",": "comma",
    ".": "period",
    ":": "colon",
    ";": "semicolon",
    "?": "question",
    "!": "exclamation",
}
KIND_OF_MARK |= {"(": "bracket", ")": "bracket", '"': "quote"}


@dataclass(frozen=True)
class Finding:
    kind: str  # comma, period, colon, semicolon, question, exclamation, bracket, quote,
    # mixed-bracket, space, ellipsis, dash
    offset: int  # of the excerpt in the text checked
    excerpt: str  # the text as it is, text[offset:offset + len(excerpt)]
    replacement: str  # what the excerpt becomes when the editor accepts
    rule: str  # the rule, in Chinese

    @property
    def end(self):
        return self.offset + len(self.excerpt)

    def matches(self, text):
        return text[self.offset : self.end] == self.excerpt

    def applied_to(self, text):
        """`text` with this fix; ValueError when the excerpt is no longer where it was."""
        if not self.matches(text):
            raise ValueError("the excerpt no longer matches the text")
        return text[: self.offset] + self.replacement + text[self.end :]


def _from_group(text, group):
    """A Finding from one decision of marks.decisions (its changes on the original text)."""
    start = min(change.index for change in group)
    end = max(change.index for change in group) + 1
    new = {change.index: change.new for change in group}
    replacement = "".join(new.get(k, text[k]) for k in range(start, end))
    mark = next(change.old for change in group if change.new)
    kind = KIND_OF_MARK[mark]
    rule = RULES["(" if mark == ")" else mark]
    return Finding(kind, start, text[start:end], replacement, str(rule))


_SPACES = " \t\u00a0\u3000"


def _chinese_beside_space(char):
    return char not in _SPACES and is_chinese(char)


def _spaces(text, kinds, taken):
    """Runs of spaces with Chinese right before and right after (not through tags: a space between
    two paragraphs' tags is no space a reader sees)."""
    found = []
    for match in re.finditer(f"[{_SPACES}]+", text):
        start, end = match.span()
        if start == 0 or end == len(text) or any(k in taken for k in range(start, end)):
            continue
        if any(kinds[k] != NORMAL for k in range(start, end)):
            continue
        before, after = text[start - 1], text[end]
        if kinds[start - 1] != NORMAL or kinds[end] != NORMAL:
            continue
        if not (_chinese_beside_space(before) and _chinese_beside_space(after)):
            continue
        both_han = HAN_CHAR.match(before) and HAN_CHAR.match(after)
        rule = RULES["space-han" if both_han else "space-punct"]
        # Shown with its neighbours, so the editor sees which space goes.
        found.append(Finding("space", start - 1, text[start - 1 : end + 1], before + after, str(rule)))
    return found


def _neighbour(text, kinds, k, step):
    """The first character from k in direction `step` that is not a space or a tag ("" at the end,
    "a" for Latin spans such as URLs)."""
    while 0 <= k < len(text) and (kinds[k] == LOOK_THROUGH or text[k] in _SPACES):
        k += step
    if not 0 <= k < len(text):
        return ""
    return "a" if kinds[k] == LATIN else text[k]


# An ASCII ellipsis (three or six dots), a lone "…", or full stops used as one.
_ELLIPSIS = re.compile(r"(?<![.…。])(?:\.{3}|\.{6}|…|。{3}|。{6})(?![.…。])")
_DASH = re.compile(r"(?<!-)--(?!-)")


def _ellipses_and_dashes(text, kinds, taken):
    """ "..." and "--" with Chinese on one side (past spaces, which go with them: the full-width
    mark carries its own space)."""
    found = []
    for pattern, kind, replacement in ((_ELLIPSIS, "ellipsis", "……"), (_DASH, "dash", "——")):
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(kinds[k] != NORMAL or k in taken for k in range(start, end)):
                continue
            if kind == "dash" and any(
                0 <= k < len(text) and text[k].isascii() and text[k].isalnum() for k in (start - 1, end)
            ):
                continue  # a command-line option (--check), a code or a Latin word
            before = _neighbour(text, kinds, start - 1, -1)
            after = _neighbour(text, kinds, end, 1)
            if not (is_chinese(before) or is_chinese(after)):
                continue
            while (
                start > 0 and text[start - 1] in _SPACES and kinds[start - 1] == NORMAL and is_chinese(before)
            ):
                start -= 1
            while end < len(text) and text[end] in _SPACES and kinds[end] == NORMAL and is_chinese(after):
                end += 1
            found.append(Finding(kind, start, text[start:end], replacement, str(RULES[kind])))
    return found


def _mixed_brackets(text, kinds, taken):
    """（…) and (…）: a pair whose halves differ in width; the ASCII half becomes full-width."""
    found, stack = [], []
    for k, char in enumerate(text):
        if kinds[k] != NORMAL:
            continue
        if char in "(（":
            stack.append(k)
        elif char in ")）" and stack:
            opening = stack.pop()
            if (text[opening] == "(") == (char == ")"):
                continue  # both ASCII (marks.py decides) or both full-width
            if opening in taken or k in taken:
                continue
            excerpt = text[opening : k + 1]
            replacement = "（" + excerpt[1:-1] + "）"
            found.append(Finding("mixed-bracket", opening, excerpt, replacement, str(RULES["mixed-bracket"])))
        elif char == "\n":
            stack = []
    return found


def check(text):
    """[Finding] for `text`, in text order. Each finding can be accepted on its own."""
    if not text:
        return []
    _new, groups = decisions(text)
    findings = [_from_group(text, group) for group in groups]
    taken = {change.index for group in groups for change in group}
    kinds = classify(text)
    findings += _mixed_brackets(text, kinds, taken)
    findings += _ellipses_and_dashes(text, kinds, taken)
    taken |= {k for finding in findings for k in range(finding.offset, finding.end)}
    findings += _spaces(text, kinds, taken)
    return sorted(findings, key=lambda finding: (finding.offset, finding.end))


def apply_all(text, *, rounds=10):
    """`text` with every finding accepted. Findings may overlap (a pair of brackets around a comma),
    so the ones that do not are applied together, from the end, and the text is checked again."""
    for _round in range(rounds):
        findings = check(text)
        if not findings:
            return text
        chosen, last_start = [], len(text) + 1
        for finding in sorted(findings, key=lambda f: f.offset, reverse=True):
            if finding.end <= last_start:
                chosen.append(finding)
                last_start = finding.offset
        for finding in chosen:  # from the end: earlier offsets stay valid
            text = finding.applied_to(text)
    return text
