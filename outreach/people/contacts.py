"""Contacts in one form, so that the same phone or e-mail written two ways is one volunteer."""

import re


def normalise_phone(value):
    """Digits only, without China's country code: '+86 139-0471-0000' and '13904710000' are one."""
    digits = re.sub(r"\D", "", value or "")
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    return digits


def normalise_email(value):
    return (value or "").strip().lower()
