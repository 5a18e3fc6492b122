import re

from django.http import HttpResponseBadRequest
from django.urls import reverse


def ping_guard(get_response):
    """The two ping rules that SessionSecurityMiddleware leaves out (PROTOCOL.md, Pitfalls)."""
    def middleware(request):
        if request.path == reverse('session_security_ping'):
            # Rule 4: only a same-origin fetch can send this header (it needs a CORS
            # preflight), so a link from another site cannot report activity.
            if request.headers.get('X-Requested-With') != 'XMLHttpRequest':
                return HttpResponseBadRequest()  # the element reads 400 as a failed ping
            # Rule 3: it parses idleFor with int() (' 5', '1_0', Unicode digits) and takes
            # '-5' as 0. Drop anything but ASCII digits: the ping is then answered unmerged.
            if not re.fullmatch(r'[0-9]{1,15}', request.GET.get('idleFor', '')):
                request.GET = request.GET.copy()
                request.GET.pop('idleFor', None)
        return get_response(request)
    return middleware
