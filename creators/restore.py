"""A work form posted after the creator's session had expired: its fields are kept server-side under
a signed token carried through the login page, and given back, once, when the creator returns."""

from django.core import signing
from django.http import QueryDict

from creators import throttle
from creators.models import InterruptedSubmission
from creators.models.pending import KEEP_FOR

SALT = "review.interrupted-submission"
PARAMETER = "restore"
# Anyone can post to an expired form: keep a bounded number of forms per address, of bounded size.
KEPT_PER_ADDRESS = 20
MAX_CHARACTERS = 300_000


def keep(request):
    """Keep the POSTed fields (new files cannot be kept: nobody is logged in to own them).
    Returns the token, or None when nothing was kept."""
    address = throttle.client_address(request)
    if throttle.too_many("interrupted-form", address, KEPT_PER_ADDRESS):
        return None
    fields = {name: values for name, values in request.POST.lists() if name != "csrfmiddlewaretoken"}
    if not fields or sum(len(value) for values in fields.values() for value in values) > MAX_CHARACTERS:
        return None
    throttle.record_failure("interrupted-form", address)  # counts forms kept, not failures
    kept = InterruptedSubmission.objects.create(
        path=request.path[:200], fields=fields, had_new_files=bool(request.FILES)
    )
    return signing.dumps(str(kept.pk), salt=SALT)


def take(request, token):
    """The fields kept under `token` for this very form, as POST-like data, and whether new files
    were lost; None once used, expired, forged or meant for another form."""
    try:
        pk = signing.loads(token, salt=SALT, max_age=KEEP_FOR)
    except signing.BadSignature:
        return None
    kept = InterruptedSubmission.objects.filter(pk=pk, path=request.path).first()
    if kept is None:
        return None
    kept.delete()
    data = QueryDict(mutable=True)
    for name, values in kept.fields.items():
        if isinstance(values, list):
            data.setlist(name, [str(value) for value in values])
    return data, kept.had_new_files
