import hashlib
import hmac
import os
import re
import secrets
import time
from pathlib import Path

from flask import Flask, redirect, render_template, request, send_from_directory, session, url_for
from werkzeug.security import check_password_hash, generate_password_hash

WARN_AFTER = int(os.environ.get('WARN_AFTER', 540))
EXPIRE_AFTER = int(os.environ.get('EXPIRE_AFTER', 600))
USER_SECRET = os.environ['USER_SECRET'].encode()
SCRIPTS = Path(os.environ['SESSION_SECURITY_JS']).parent
USERS = {name: generate_password_hash(name) for name in ('alice', 'bob')}
NO_STORE = {'Cache-Control': 'no-store'}  # rule 8, and the back button after sign-out

app = Flask(__name__)
# Flask's session is a signed cookie. A fresh key per start ends every session with the
# server; use a stable secret in production (and a server-side session, see README.md).
app.secret_key = secrets.token_bytes(32)
# Not permanent (the default): a browser-session cookie with no Max-Age to slide. The
# deadline is session['last'], which the signature keeps the browser from moving.
app.config['SESSION_COOKIE_SAMESITE'] = 'Lax'


def opaque_user():
    """Rule 9: stable per user, reveals nothing, cannot be made up for another account."""
    return hmac.new(USER_SECRET, session['user'].encode(), hashlib.sha256).hexdigest()


@app.before_request
def session_timeout():
    """Rules 2, 5 and 6: every request but the ping is activity, and an idle session
    ends at its next request, the ping included (before the ping route merges idleFor)."""
    if 'user' in session:
        now = time.time()
        if now - session['last'] >= EXPIRE_AFTER:
            session.clear()
        elif request.endpoint != 'ping':
            session['last'] = now


@app.get('/session/ping')
def ping():
    if 'user' not in session:
        return {'status': 'logout'}, NO_STORE  # rule 1
    now = time.time()
    last = session['last']
    idle = request.args.get('idleFor', '')
    # Rules 3 and 4: only the element's fetch sends the header (it needs a CORS preflight),
    # and only ASCII digits, the whole string (int() alone takes ' 5', '1_0', '٥').
    if request.headers.get('X-Requested-With') == 'XMLHttpRequest' and re.fullmatch(r'[0-9]{1,15}', idle):
        last = session['last'] = max(last, now - int(idle))
    return {
        'idleFor': int(now - last),
        'warnAfter': WARN_AFTER,
        'expireAfter': EXPIRE_AFTER,
        'user': opaque_user(),
    }, NO_STORE


@app.get('/')
def home():
    if 'user' not in session:
        return redirect(url_for('login'))
    page = render_template('home.html', user=opaque_user(), warn_after=WARN_AFTER, expire_after=EXPIRE_AFTER)
    return page, NO_STORE


@app.route('/login', methods=['GET', 'POST'])
def login():
    if request.method == 'POST':
        name = request.form.get('username', '')
        if name in USERS and check_password_hash(USERS[name], request.form.get('password', '')):
            session.clear()
            session['user'] = name
            session['last'] = time.time()
            return redirect(url_for('home'), 303)
    return render_template('login.html')


@app.post('/logout')
def logout():
    session.clear()
    return redirect(url_for('login'), 303)


@app.get('/<name>.js')
def script(name):
    """session-security.js and the locale files beside it (send_from_directory stays inside)."""
    return send_from_directory(SCRIPTS, f'{name}.js', mimetype='text/javascript')
