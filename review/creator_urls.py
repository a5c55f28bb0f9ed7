from django.urls import path

from . import creator_account_views, creator_review_views, creator_views, submission_views

app_name = "creators"
urlpatterns = [
    path("register/", creator_views.register, name="register"),
    path("verify/<str:token>/", creator_views.verify, name="verify"),
    path("login/", creator_views.login_view, name="login"),
    path("logout/", creator_views.logout_view, name="logout"),
    path("password/reset/", creator_account_views.password_reset, name="password_reset"),
    path(
        "password/reset/<uidb64>/<token>/",
        creator_account_views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("password/", creator_account_views.change_password, name="change_password"),
    path("profile/", creator_account_views.profile, name="profile"),
    path("profile/email/", creator_account_views.change_email, name="change_email"),
    path("profile/email/<str:token>/", creator_account_views.confirm_email, name="confirm_email"),
    path("works/", submission_views.my_works, name="my_works"),
    path("works/new/", submission_views.edit_work, name="new_work"),
    path("works/<int:pk>/edit/", submission_views.edit_work, name="edit_work"),
    path("works/<int:pk>/withdraw/", submission_views.withdraw, name="withdraw"),
    path("works/<int:pk>/review/", creator_review_views.work_review, name="work_review"),
    path("works/<int:pk>/request-edit/", creator_review_views.request_edit, name="request_edit"),
]
