"""Password reset mail sent by a background job (django-tasks).

The request only enqueues: finding the account and sending happen in the job, so a reset request
for a registered address answers exactly like one for an unknown address, in the same time.
"""

from django_tasks import task

from django.contrib.auth.forms import PasswordResetForm
from django.utils.module_loading import import_string

from . import throttle


class QueuedPasswordResetMixin:
    """Put before a PasswordResetForm. `save()` enqueues `send_password_reset`, which calls the
    form's own save (its get_users, its templates) in the job.

    `limits`: (scope, limit per e-mail, limit per address); over either the request is answered the
    same and no mail goes out. Every request counts, known address or not.
    """

    limits = None

    def save(
        self,
        domain_override=None,
        subject_template_name="registration/password_reset_subject.txt",
        email_template_name="registration/password_reset_email.html",
        use_https=False,
        token_generator=None,
        from_email=None,
        request=None,
        html_email_template_name=None,
        extra_email_context=None,
    ):
        email = self.cleaned_data["email"]
        if self.limits and request is not None:
            scope, per_email, per_address = self.limits
            checks = [(f"{scope}-email", email, per_email)]
            checks.append((f"{scope}-address", throttle.client_address(request), per_address))
            if throttle.limited_and_counted(checks):
                return
        send_password_reset.enqueue(
            form=f"{type(self).__module__}.{type(self).__qualname__}",
            email=email,
            domain=domain_override or (request.get_host() if request is not None else ""),
            use_https=use_https,
            from_email=from_email,
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            html_email_template_name=html_email_template_name,
            extra_email_context=extra_email_context,
        )


@task()
def send_password_reset(form, email, domain, **options):
    instance = import_string(form)(data={"email": email})
    if instance.is_valid():
        PasswordResetForm.save(instance, domain_override=domain, **options)
