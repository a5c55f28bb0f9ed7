from django.apps import AppConfig


class CreatorsConfig(AppConfig):
    name = "creators"
    verbose_name = "创作者投稿"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from creators.signed_in import remember_creator

        user_logged_in.connect(remember_creator, dispatch_uid="creators.remember_creator")
