"""Signing in safely: throttling, two-factor sign-in for staff, equal answers for known and unknown accounts."""
