"""{% page_extensions page %} (pages/templatetags/page_extensions.py): every public_page_extensions
hook's HTML on the work page, a plain string escaped."""

import pytest

from wagtail import hooks

from tests import factories

pytestmark = pytest.mark.django_db


def test_every_hook_is_drawn_and_plain_strings_are_escaped(client, site_tree):
    work = factories.make_work(site_tree["works"])

    def shout(page, request):
        return f"<b>《{page.title}》</b>"

    with hooks.register_temporarily("public_page_extensions", shout):
        page = client.get(work.url).content.decode()
    assert f"&lt;b&gt;《{work.title}》&lt;/b&gt;" in page
    assert 'id="helpful"' in page  # supervision's own hook, rendered from a template (safe)
