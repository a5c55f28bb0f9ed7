from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "站点与页面"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from wagtail.models import Page, PageViewRestriction
        from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

        from .names import use_chinese_name_order
        from .navigation import forget_menus

        use_chinese_name_order()

        for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
            signal.connect(forget_menus, dispatch_uid=f"forget_menus_{signal!r}")
        post_delete.connect(forget_menus, sender=Page, dispatch_uid="forget_menus_delete")
        # The menus leave out restricted sections: a restriction set or lifted changes them too.
        for signal in (post_save, post_delete):
            signal.connect(
                forget_menus, sender=PageViewRestriction, dispatch_uid=f"forget_menus_vr_{signal!r}"
            )
