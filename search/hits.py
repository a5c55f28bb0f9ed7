"""What every engine does the same way with what it found: marking the words in a hit, and
merging dictionary terms into title completions."""

from . import analysis
from .service import Hit

SNIPPET_LENGTH = 120
SNIPPET_SOURCE = 4000  # characters of the body a snippet is taken from


def make_hit(page_id, score, groups, *, title, summary, body, partial=False):
    """A hit with the query's words marked in its title and in a snippet — from the body's prose
    (search.reading, never a picture's caption or a block's label) where it names them, else from
    the summary, which says what the work is about."""
    text = body[:SNIPPET_SOURCE]
    if groups and not analysis.mentions(text, groups):
        text = summary
    return Hit(
        page_id=page_id,
        score=score,
        title_html=analysis.highlight(title, groups),
        snippet_html=analysis.highlight(text or summary, groups, length=SNIPPET_LENGTH),
        partial=partial,
    )


def suggestion_prefix(prefix):
    return analysis.normalize(prefix).strip()[:50]


def merge_suggestions(text, titles, limit):
    """Completions for `text`: the shortest dictionary terms starting with it, then titles."""
    terms = sorted(
        (term for term in analysis.dictionary_terms() if term.startswith(text) and term != text), key=len
    )
    return list(dict.fromkeys([*terms[: max(2, limit - len(titles))], *titles]))[:limit]
