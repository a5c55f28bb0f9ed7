"""Keeping the search index in step with what readers may see, as background jobs."""

from django_tasks import task

from .service import get_engine


@task()
def reindex_work(page_id):
    from articles.models import ArticlePage

    page = ArticlePage.objects.filter(pk=page_id).first()
    if page is None:
        get_engine().remove_work(page_id)
    else:
        get_engine().index_work(page)


@task()
def reindex_subtree(path):
    """A view restriction or a move changed who may see the works under `path`."""
    from articles.models import ArticlePage

    for page_id in ArticlePage.objects.filter(path__startswith=path).values_list("pk", flat=True):
        reindex_work.call(page_id)


@task()
def remove_work(page_id):
    get_engine().remove_work(page_id)
