import hashlib
import hmac
import html
import os
import re
import secrets
import time
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, Form, Header, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse
from starlette.middleware.sessions import SessionMiddleware

WARN_AFTER = int(os.environ.get('WARN_AFTER', 540))
EXPIRE_AFTER = int(os.environ.get('EXPIRE_AFTER', 600))
USER_SECRET = os.environ['USER_SECRET'].encode()
SCRIPTS = Path(os.environ['SESSION_SECURITY_JS']).parent
USERS = {'alice': 'alice', 'bob': 'bob'}  # test users: store password hashes in a real app
PING_PATH = '/session/ping'
NO_STORE = {'Cache-Control': 'no-store'}  # rule 8, and the back button after sign-out

app = FastAPI()


@app.middleware('http')
async def session_timeout(request: Request, call_next):
    """Rules 2, 5 and 6: every request but the ping is activity, and an idle session
    ends at its next request, the ping included (before the ping route merges idleFor)."""
    session = request.session
    if 'user' in session:
        now = time.time()
        if now - session['last'] >= EXPIRE_AFTER:
            session.clear()
        elif request.url.path != PING_PATH:
            session['last'] = now
    return await call_next(request)


# Added after the decorator above, so it wraps it: the middleware added last runs first,
# and request.session is loaded before session_timeout reads it. The session is a signed
# cookie whose Max-Age (and signature age) restart at every change, merges included: not
# the last activity, only an upper bound that must outlive it (max_age >= EXPIRE_AFTER).
# A fresh key per start ends every session with the server; use a stable one in production.
app.add_middleware(SessionMiddleware, secret_key=secrets.token_urlsafe(32), max_age=EXPIRE_AFTER, same_site='lax')


def opaque_user(request: Request) -> str:
    """Rule 9: stable per user, reveals nothing, cannot be made up for another account."""
    return hmac.new(USER_SECRET, request.session['user'].encode(), hashlib.sha256).hexdigest()


@app.get(PING_PATH)
def ping(
    request: Request,
    idle_for: Annotated[str, Query(alias='idleFor')] = '',
    x_requested_with: Annotated[str, Header()] = '',
):
    session = request.session
    if 'user' not in session:
        return JSONResponse({'status': 'logout'}, headers=NO_STORE)  # rule 1
    now = time.time()
    last = session['last']
    # Rules 3 and 4: only the element's fetch sends the header (it needs a CORS preflight),
    # and only ASCII digits, the whole string (int() alone takes ' 5', '1_0', '٥').
    if x_requested_with == 'XMLHttpRequest' and re.fullmatch(r'[0-9]{1,15}', idle_for):
        last = session['last'] = max(last, now - int(idle_for))
    return JSONResponse({
        'idleFor': int(now - last),
        'warnAfter': WARN_AFTER,
        'expireAfter': EXPIRE_AFTER,
        'user': opaque_user(request),
    }, headers=NO_STORE)


@app.get('/')
def home(request: Request):
    if 'user' not in request.session:
        return RedirectResponse('/login', 303)
    return HTMLResponse(f'''<!doctype html>
<title>Signed in</title>
<script type="module" src="/session-security.js"></script>
<p>Signed in as {html.escape(request.session['user'])}.</p>
<form method="post" action="/logout"><button>Sign out</button></form>
<session-security ping-url="{PING_PATH}" warn-after="{WARN_AFTER}" expire-after="{EXPIRE_AFTER}"
  user="{opaque_user(request)}" return-to-url="/login"></session-security>''', headers=NO_STORE)


@app.get('/login', response_class=HTMLResponse)
def login_form():
    return '''<!doctype html>
<title>Sign in</title>
<form method="post">
  <p><label>User name <input name="username" autocomplete="username"></label></p>
  <p><label>Password <input name="password" type="password" autocomplete="current-password"></label></p>
  <button>Sign in</button>
</form>'''


@app.post('/login')
def login(request: Request, username: Annotated[str, Form()], password: Annotated[str, Form()]):
    if username not in USERS or not hmac.compare_digest(USERS[username], password):
        return RedirectResponse('/login', 303)
    request.session.clear()
    request.session.update(user=username, last=time.time())
    return RedirectResponse('/', 303)


@app.post('/logout')
def logout(request: Request):
    request.session.clear()
    return RedirectResponse('/login', 303)


@app.get('/{name}.js')
def script(name: str):
    """session-security.js and the locale files beside it."""
    path = SCRIPTS / f'{name}.js'
    if not re.fullmatch(r'[\w-]+', name, re.ASCII) or not path.is_file():
        raise HTTPException(404)
    return FileResponse(path, media_type='text/javascript')
