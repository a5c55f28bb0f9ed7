"""The digest's period: an ISO week, Monday 00:00 to the next Monday 00:00 in the site's time zone."""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

WEEK_LABEL = re.compile(r"^(\d{4})-W(\d{1,2})$")


@dataclass(frozen=True)
class Week:
    monday: datetime.date

    def __post_init__(self):
        if self.monday.weekday() != 0:
            raise ValueError(f"{self.monday} is not a Monday")

    @classmethod
    def parse(cls, label):
        """'2026-W10' → that ISO week; ValueError for anything else."""
        match = WEEK_LABEL.match(label.strip())
        if not match:
            raise ValueError(f"not an ISO week (YYYY-Www): {label!r}")
        return cls(datetime.date.fromisocalendar(int(match[1]), int(match[2]), 1))

    @classmethod
    def containing(cls, day):
        return cls(day - datetime.timedelta(days=day.weekday()))

    @classmethod
    def last_complete(cls, now=None):
        """The week before the current one: what a Monday-morning run sends."""
        today = timezone.localdate(now)
        return cls.containing(today - datetime.timedelta(days=7))

    @property
    def label(self):
        year, week, _day = self.monday.isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def end_date(self):
        """The Monday after: the first day not in the week."""
        return self.monday + datetime.timedelta(days=7)

    @property
    def starts_at(self):
        return _midnight(self.monday)

    @property
    def ends_at(self):
        return _midnight(self.end_date)

    @property
    def dates(self):
        """2026年3月2日—3月8日 (the last day shown is the Sunday)."""
        sunday = self.end_date - datetime.timedelta(days=1)
        first = _("%(year)s年%(month)s月%(day)s日") % {
            "year": self.monday.year,
            "month": self.monday.month,
            "day": self.monday.day,
        }
        if sunday.year != self.monday.year:
            last = _("%(year)s年%(month)s月%(day)s日") % {
                "year": sunday.year,
                "month": sunday.month,
                "day": sunday.day,
            }
        else:
            last = _("%(month)s月%(day)s日") % {"month": sunday.month, "day": sunday.day}
        return f"{first}—{last}"


def _midnight(day):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_default_timezone())
