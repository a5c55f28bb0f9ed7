from django.urls import path

from . import views
from .corrections import views as correction_views

app_name = "review"
urlpatterns = [
    path("mine/", views.my_reviews, name="my_reviews"),
    path("report/", views.report, name="report"),
    path("corrections/", correction_views.cases, name="cases"),
    path("corrections/<int:case_id>/", correction_views.case, name="case"),
    path("task/<int:task_state_id>/assign/", views.assign, name="assign"),
    path("task/<int:task_state_id>/opinion/", views.opinion, name="opinion"),
    path("task/<int:task_state_id>/override/", views.emergency_override, name="override"),
    path("task/<int:task_state_id>/conflict/", views.declare_conflict, name="declare_conflict"),
    path("task/<int:task_state_id>/typography/", views.typography_fix, name="typography_fix"),
    path("work/<int:page_id>/trail/", views.timeline, name="timeline"),
    path("work/<int:page_id>/trail.csv", views.timeline_csv, name="timeline_csv"),
    # Last: its <action> would also match the fixed words above.
    path("task/<int:task_state_id>/<slug:action>/", views.decide, name="decide"),
]
