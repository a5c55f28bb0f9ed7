"""Account e-mail sent by a background job (django-tasks): a request that may or may not concern
a registered account enqueues the same job either way, so neither its answer nor its time differs."""

from django_tasks import task

from django.conf import settings
from django.core.mail import send_mail


@task()
def deliver(subject, body, recipient):
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient], fail_silently=False)
