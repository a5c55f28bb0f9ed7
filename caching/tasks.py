"""The purge job (django-tasks): the database backend runs it in the task worker in production, the
immediate backend at once in development and tests. Failures are kept for the retry (caching.purging)."""

from django_tasks import task


@task()
def purge_pending():
    from . import purging

    return purging.run()
