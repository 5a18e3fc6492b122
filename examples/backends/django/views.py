import os
import re
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.utils.crypto import salted_hmac
from django.views.decorators.cache import never_cache

from middleware import LAST_ACTIVITY


def opaque_user(user):
    """Rule 9: stable per user, reveals nothing, cannot be made up for another account."""
    return salted_hmac('session-security-user', user.pk, secret=settings.USER_SECRET, algorithm='sha256').hexdigest()


@never_cache  # the back button after sign-out must not show it from the cache
@login_required
def home(request):
    return render(request, 'home.html', {
        'warn_after': settings.SESSION_WARN_AFTER,
        'expire_after': settings.SESSION_EXPIRE_AFTER,
        'opaque_user': opaque_user(request.user),
    })


@never_cache  # Cache-Control: no-store (rule 8)
def ping(request):
    # The middleware has already ended an expired session (rule 2).
    if not request.user.is_authenticated:
        return JsonResponse({'status': 'logout'})  # rule 1
    now = time.time()
    last = request.session[LAST_ACTIVITY]
    idle = request.GET.get('idleFor', '')
    # Rules 3 and 4: only the element's fetch sends the header (it needs a CORS preflight),
    # and only ASCII digits, the whole string (int() alone takes ' 5', '1_0', '٥').
    if request.headers.get('X-Requested-With') == 'XMLHttpRequest' and re.fullmatch(r'[0-9]{1,15}', idle):
        last = request.session[LAST_ACTIVITY] = max(last, now - int(idle))
    return JsonResponse({
        'idleFor': int(now - last),
        'warnAfter': settings.SESSION_WARN_AFTER,
        'expireAfter': settings.SESSION_EXPIRE_AFTER,
        'user': opaque_user(request.user),
        'csrfToken': get_token(request),
    })


def script(request, name):
    """session-security.js and the locale files beside it (the URL allows no '/' or '.')."""
    path = Path(os.environ['SESSION_SECURITY_JS']).with_name(f'{name}.js')
    try:
        return FileResponse(path.open('rb'), content_type='text/javascript')
    except FileNotFoundError:
        raise Http404
