from django.urls import path

from . import creator_views, submission_views

app_name = "creators"
urlpatterns = [
    path("register/", creator_views.register, name="register"),
    path("verify/<str:token>/", creator_views.verify, name="verify"),
    path("login/", creator_views.login_view, name="login"),
    path("logout/", creator_views.logout_view, name="logout"),
    path("works/", submission_views.my_works, name="my_works"),
    path("works/new/", submission_views.edit_work, name="new_work"),
    path("works/<int:pk>/edit/", submission_views.edit_work, name="edit_work"),
    path("works/<int:pk>/withdraw/", submission_views.withdraw, name="withdraw"),
]
