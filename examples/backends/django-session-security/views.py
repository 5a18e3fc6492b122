import os
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache


@never_cache  # the back button after sign-out must not show it from the cache
@login_required
def home(request):
    return render(request, 'home.html', {
        'warn_after': settings.SESSION_SECURITY_WARN_AFTER,
        'expire_after': settings.SESSION_SECURITY_EXPIRE_AFTER,
    })


def script(request, name):
    """session-security.js and the locale files beside it (the URL allows no '/' or '.')."""
    path = Path(os.environ['SESSION_SECURITY_JS']).with_name(f'{name}.js')
    try:
        return FileResponse(path.open('rb'), content_type='text/javascript')
    except FileNotFoundError:
        raise Http404
