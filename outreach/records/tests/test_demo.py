"""The demo loader: consents from demo.toml, one certificate that verifies, twice the same."""

import io
import re

import pytest

from outreach.demo import DemoContext
from outreach.records import certificates, demo
from outreach.records.models import Certificate, RecordConsent

pytestmark = pytest.mark.django_db


def test_demo_load_is_idempotent_and_prints_the_verify_path(scenario):
    out = io.StringIO()
    users = {"creator": scenario.creator, "expert": scenario.expert, "chief": scenario.editor}
    context = DemoContext(
        home=scenario.home,
        users=users,
        groups={},
        disciplines={},
        audiences={},
        regions={},
        campaigns={},
        stdout=out,
    )
    demo.load(context)
    demo.load(context)
    certificate = Certificate.objects.get()
    assert certificate.user == scenario.creator and certificate.issued_by == scenario.editor
    printed = re.findall(r"verify at (/\S+/outreach/verify/(\S+)/)", out.getvalue())
    assert len(printed) == 2
    for _path, token in printed:
        result = certificates.verify(token)
        assert result.valid and result.certificate == certificate
    assert RecordConsent.objects.get(user=scenario.creator).show_affiliation
    assert RecordConsent.objects.count() == 2  # expert2 and expert3 are not in this context
