"""The creator portal's URLs, under /<language>/creators/."""

from django.urls import path

from .views import accounts, landing, profile, review, works

app_name = "creators"
urlpatterns = [
    path("", landing.home, name="home"),
    path("register/", accounts.register, name="register"),
    path("verify/<str:token>/", accounts.verify, name="verify"),
    path("login/", accounts.login_view, name="login"),
    path("logout/", accounts.logout_view, name="logout"),
    path("password/reset/", profile.password_reset, name="password_reset"),
    path(
        "password/reset/<uidb64>/<token>/",
        profile.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("password/", profile.change_password, name="change_password"),
    path("profile/", profile.profile, name="profile"),
    path("profile/email/", profile.change_email, name="change_email"),
    path("profile/email/<str:token>/", profile.confirm_email, name="confirm_email"),
    path("works/", works.my_works, name="my_works"),
    path("works/new/", works.edit_work, name="new_work"),
    path("works/<int:pk>/edit/", works.edit_work, name="edit_work"),
    path("works/<int:pk>/withdraw/", works.withdraw, name="withdraw"),
    path("works/<int:pk>/review/", review.work_review, name="work_review"),
    path("works/<int:pk>/request-edit/", review.request_edit, name="request_edit"),
]
