import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.urls import reverse

LAST_ACTIVITY = 'last_activity'


@receiver(user_logged_in)
def start_activity(request, **kwargs):
    # The clock starts at sign-in, not at the next request (which may be a ping).
    request.session[LAST_ACTIVITY] = time.time()


def session_timeout(get_response):
    """Rules 2, 5 and 6: every request but the ping is activity, and an idle session
    ends at its next request, the ping included (before the ping view merges idleFor)."""
    def middleware(request):
        if request.user.is_authenticated:
            now = time.time()
            # No value (signed in before this middleware existed): treated as expired.
            if now - request.session.get(LAST_ACTIVITY, 0) >= settings.SESSION_EXPIRE_AFTER:
                logout(request)  # flushes the session: a copied cookie is dead too
            elif request.path != reverse('session_ping'):
                request.session[LAST_ACTIVITY] = now
        return get_response(request)
    return middleware
