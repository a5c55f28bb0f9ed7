"""What one week's digest holds: the works first published in the week and the works corrected in it.

They are read once per run, through the public gate (articles.listings.public_works(): live, public,
in the site's language — nothing unreviewed, nothing retracted), and then chosen per subscriber by
audience and discipline without another query.
"""

from dataclasses import dataclass

from django.db.models import Q

from articles import listings
from articles.models import Discipline
from channels import credit

NEW = "new"
CORRECTED = "corrected"


@dataclass(frozen=True)
class Entry:
    page: object
    section: str
    title: str
    url: str
    summary: str
    credit: str
    corrections: tuple
    audience_ids: frozenset
    discipline_ids: frozenset

    @property
    def record(self):
        """How a delivery row remembers the entry: the page and the exact revision that went out."""
        return {"page": self.page.pk, "revision": self.page.live_revision_id, "section": self.section}


@dataclass(frozen=True)
class Selection:
    new: list
    corrected: list

    def __bool__(self):
        return bool(self.new or self.corrected)

    @property
    def entries(self):
        return [*self.new, *self.corrected]


class IssueContent:
    """A week's entries, and the choice of them for one subscriber's preferences."""

    def __init__(self, week):
        self.week = week
        in_week = Q(first_published_at__gte=week.starts_at, first_published_at__lt=week.ends_at)
        corrected_in_week = Q(corrections__date__gte=week.monday, corrections__date__lt=week.end_date)
        works = (
            listings.public_works()
            .filter(in_week | corrected_in_week)
            .distinct()
            .order_by("first_published_at", "pk")
            .prefetch_related("audiences", "disciplines", "corrections")
        )
        self.new, self.corrected = [], []
        for work in works:
            if week.starts_at <= work.first_published_at < week.ends_at:
                self.new.append(self._entry(work, NEW, list(work.corrections.all())))
            else:
                notices = [c for c in work.corrections.all() if week.monday <= c.date < week.end_date]
                self.corrected.append(self._entry(work, CORRECTED, notices))
        self._children = {}
        for pk, parent_id in Discipline.objects.values_list("pk", "parent_id"):
            self._children.setdefault(parent_id, set()).add(pk)

    @staticmethod
    def _entry(work, section, notices):
        return Entry(
            page=work,
            section=section,
            title=work.title,
            url=work.get_full_url() or "",
            summary=work.summary,
            credit=credit.credit_line(work.review_credit),
            corrections=tuple(credit.correction_lines(notices)),
            audience_ids=frozenset(a.pk for a in work.audiences.all()),
            discipline_ids=frozenset(d.pk for d in work.disciplines.all()),
        )

    @property
    def entries(self):
        return [*self.new, *self.corrected]

    def with_subfields(self, discipline_ids):
        """The chosen disciplines and every discipline below them."""
        found, frontier = set(discipline_ids), set(discipline_ids)
        while frontier:
            frontier = set().union(*(self._children.get(pk, ()) for pk in frontier)) - found
            found |= frontier
        return found

    def select(self, audience_ids, discipline_ids):
        """The entries for one subscriber. Nothing chosen in a taxonomy means all of it; otherwise a
        work must share a chosen audience and (when disciplines are chosen) a chosen discipline."""
        audiences = set(audience_ids)
        disciplines = self.with_subfields(discipline_ids)

        def wanted(entry):
            if audiences and not audiences & entry.audience_ids:
                return False
            return not (disciplines and not disciplines & entry.discipline_ids)

        return Selection(
            new=[e for e in self.new if wanted(e)], corrected=[e for e in self.corrected if wanted(e)]
        )
