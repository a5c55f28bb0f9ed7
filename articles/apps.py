from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "科普作品与资讯"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from wagtail.models import Page, PageViewRestriction
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .listings import listings_changed

        # Anything that changes what a public listing holds moves its counts' generation on.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(listings_changed, dispatch_uid=f"listings_changed_{signal!r}")
        post_delete.connect(listings_changed, sender=Page, dispatch_uid="listings_changed_delete")
        for signal in (post_save, post_delete):
            signal.connect(
                listings_changed, sender=PageViewRestriction, dispatch_uid=f"listings_changed_vr_{signal!r}"
            )
