from django.urls import path

from . import creator_views

app_name = "creators"
urlpatterns = [
    path("register/", creator_views.register, name="register"),
    path("verify/<str:token>/", creator_views.verify, name="verify"),
    path("login/", creator_views.login_view, name="login"),
    path("logout/", creator_views.logout_view, name="logout"),
]
