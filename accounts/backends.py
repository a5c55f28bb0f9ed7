"""The one authentication backend: Django's, behind axes' lockout check.

One backend, not axes' standalone one beside Django's: with two, every login() made without
authenticate() (a password-reset link's, a test's force_login) would have to name its backend.
"""

from axes.backends import AxesStandaloneBackend

from django.contrib.auth.backends import ModelBackend


class PortalAuthBackend(AxesStandaloneBackend, ModelBackend):
    """Refuses a locked-out sign-in before any password is checked (axes raises PermissionDenied,
    which django.contrib.auth.authenticate turns into a failed, logged sign-in).

    Every sign-in form passes its request; a call without one comes from code (a management
    command, a test's client.login), where no one is guessing and axes would only raise.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None:
            AxesStandaloneBackend.authenticate(self, request, username=username, password=password, **kwargs)
        return ModelBackend.authenticate(self, request, username=username, password=password, **kwargs)
