"""The creator portal's rate limits, counted in the database (accounts.throttle) so that every app
server counts the same requests. Sign-in failures are counted by axes (accounts/lockout.py)."""

from accounts.throttle import client_address, limited_and_counted, record, reset, too_many

__all__ = ["client_address", "limited_and_counted", "record", "record_failure", "reset", "too_many"]


def record_failure(scope, value):
    record(scope, value)
