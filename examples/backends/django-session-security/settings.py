import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
# A fresh key per start: sessions end with the server. Use a stable secret in production.
SECRET_KEY = secrets.token_urlsafe(50)
DEBUG = False
ALLOWED_HOSTS = ['127.0.0.1', 'localhost']
ROOT_URLCONF = 'urls'

INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'session_security',
]
MIDDLEWARE = [
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
    'middleware.ping_guard',  # before SessionSecurityMiddleware: it sees the ping first
    'session_security.middleware.SessionSecurityMiddleware',  # after authentication, as its docs say
]
TEMPLATES = [{
    'BACKEND': 'django.template.backends.django.DjangoTemplates',
    'DIRS': [BASE_DIR / 'templates'],
    'OPTIONS': {'context_processors': ['django.contrib.auth.context_processors.auth']},
}]
DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': os.environ['DB_PATH']}}
DEFAULT_AUTO_FIELD = 'django.db.models.AutoField'

LOGIN_URL = 'login'
LOGIN_REDIRECT_URL = 'home'
LOGOUT_REDIRECT_URL = 'login'

SESSION_SECURITY_WARN_AFTER = int(os.environ.get('WARN_AFTER', 540))
SESSION_SECURITY_EXPIRE_AFTER = int(os.environ.get('EXPIRE_AFTER', 600))
# Without it a ping that carries no idleFor counts as activity (rule 5).
SESSION_SECURITY_PASSIVE_URL_NAMES = ['session_security_ping']
# django-session-security refuses to start without it.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
