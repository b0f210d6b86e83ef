"""Authentication backends."""

from axes.backends import AxesStandaloneBackend


class GuessingProtectionBackend(AxesStandaloneBackend):
    """django-axes' check (first in AUTHENTICATION_BACKENDS), for logins that come with a web
    request: the login page, the admin's and the API token endpoint all pass theirs. A check of
    credentials without a request (a script, Django's test client) is no guess over the
    network, so it is passed on to the next backend instead of raising an error."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
