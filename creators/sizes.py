"""File sizes in the creator's words: "12.5 MB", "200 MB", never "200.0 MB" or "0 字节"."""

from django.utils.translation import gettext as _

UNITS = ("KB", "MB", "GB")


def human_size(size):
    """Bytes as a short figure: whole bytes below 1 KB, then KB, MB or GB with at most one decimal
    (binary units, as the storage limit is set in them), a trailing ".0" dropped."""
    if size < 1024:
        return _("%(n)s 字节") % {"n": size}
    value = float(size)
    for unit in UNITS:
        value /= 1024
        if value < 1024 or unit == UNITS[-1]:
            break
    figure = f"{value:.1f}".removesuffix(".0")
    return f"{figure} {unit}"


def storage_summary(used, limit):
    """The line on 我的作品 about the pictures and video kept for the creator."""
    if not used:
        return _("图片和视频的存储空间尚未使用，上限 %(limit)s。") % {"limit": human_size(limit)}
    return _("图片和视频已用 %(used)s，上限 %(limit)s。") % {
        "used": human_size(used),
        "limit": human_size(limit),
    }
