"""How people's names read everywhere (admin, review pages, e-mails): a Chinese name is family name
then given name with no space (李编辑); a Latin-script name keeps Django's "first last"."""

import re

from django.contrib.auth import get_user_model

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def full_name(user):
    given, family = (user.first_name or "").strip(), (user.last_name or "").strip()
    if HAN.search(given + family):
        return f"{family}{given}"
    return f"{given} {family}".strip()


def use_chinese_name_order():
    """Replace User.get_full_name, which Wagtail (get_user_display_name), review's templates and
    Django itself all ask, so one place decides how a name reads."""
    get_user_model().add_to_class("get_full_name", full_name)
