"""Signed links for people without an account: cancel a sign-up, follow a service request, verify a
certificate. One salt per purpose, so a token made for one job is refused by every other."""

from django.core import signing

SALT_PREFIX = "outreach"


def make_token(purpose, value):
    """A URL-safe token carrying `value` (anything JSON can hold) for `purpose`."""
    return signing.dumps(value, salt=f"{SALT_PREFIX}.{purpose}", compress=True)


def read_token(purpose, token, max_age=None):
    """The value a token made by make_token(purpose, …) carries, or None when the token was altered,
    made for another purpose, or is older than `max_age` seconds."""
    try:
        return signing.loads(token, salt=f"{SALT_PREFIX}.{purpose}", max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is a BadSignature
        return None
