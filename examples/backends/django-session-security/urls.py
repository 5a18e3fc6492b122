from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.decorators.cache import never_cache
from session_security.views import PingView

import views

urlpatterns = [
    path('', views.home, name='home'),
    path('login', auth_views.LoginView.as_view(template_name='login.html'), name='login'),
    path('logout', auth_views.LogoutView.as_view(), name='logout'),
    # Its own urls.py has 'ping/': mapped here without the slash, which the element's
    # ping-url names (a slash redirect would read as "signed out"). never_cache adds
    # Cache-Control: no-store (rule 8), which PingView leaves out.
    path('session/ping', never_cache(PingView.as_view()), name='session_security_ping'),
    path('<slug:name>.js', views.script),
]
