"""Dates for Mongolian readers in the traditional script, as Inner Mongolia writes them:
2026 ᠣᠨ ᠤ 5 ᠰᠠᠷ᠎ᠠ ᠶᠢᠨ 12 ("year's 5, month's 12"), numbers in digits. Django's own "mn" formats are
Khalkha's (Cyrillic month names), which a reader of the traditional script would not expect.

A case suffix is joined to its word by a narrow no-break space (NNBSP, U+202F), and the final a of
sar-a follows a Mongolian vowel separator (MVS, U+180E), as the Unicode Mongolian encoding asks;
written as escapes here so that they can be seen.
"""

YEAR = "ᠣᠨ\u202fᠤ"  # on-u: of the year
MONTH = "ᠰᠠᠷ\u180eᠠ"  # sar-a: month
OF_MONTH = "ᠰᠠᠷ\u180eᠠ\u202fᠶᠢᠨ"  # sar-a-yin: of the month

DATE_FORMAT = f"Y {YEAR} n {OF_MONTH} j"
DATETIME_FORMAT = f"Y {YEAR} n {OF_MONTH} j H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = f"Y {YEAR} n {MONTH}"
MONTH_DAY_FORMAT = f"n {OF_MONTH} j"
SHORT_DATE_FORMAT = "Y.n.j"
SHORT_DATETIME_FORMAT = "Y.n.j H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y.%m.%d", "%Y/%m/%d"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
