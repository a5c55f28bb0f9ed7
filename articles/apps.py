from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "科普作品与资讯"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from wagtail.models import PageViewRestriction
        from wagtail.signals import post_page_move

        from .listings import forget_private_paths

        post_save.connect(
            forget_private_paths, sender=PageViewRestriction, dispatch_uid="forget_private_paths_save"
        )
        post_delete.connect(
            forget_private_paths, sender=PageViewRestriction, dispatch_uid="forget_private_paths_delete"
        )
        # Moving a restricted page changes the path its restriction covers.
        post_page_move.connect(forget_private_paths, dispatch_uid="forget_private_paths_move")
