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
]
MIDDLEWARE = [
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
    'middleware.session_timeout',  # after AuthenticationMiddleware: it needs request.user
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

SESSION_WARN_AFTER = int(os.environ.get('WARN_AFTER', 540))
SESSION_EXPIRE_AFTER = int(os.environ.get('EXPIRE_AFTER', 600))
# Django's own lifetime slides with every save of the session, pings that merge included,
# so it cannot be the last activity (middleware.py keeps that). It only has to outlive it.
SESSION_COOKIE_AGE = SESSION_EXPIRE_AFTER
SESSION_SAVE_EVERY_REQUEST = False  # the default: a ping that merges nothing saves nothing
USER_SECRET = os.environ['USER_SECRET']
