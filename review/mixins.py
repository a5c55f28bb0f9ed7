"""What makes a page type reviewed: it cannot be published except through 三审 (or a recorded import)."""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import PagePermissionTester


class ReviewedPagePermissionTester(PagePermissionTester):
    def can_publish(self):
        # Nobody publishes a reviewed page by hand, not even a superuser: the final stage does.
        return False


class ReviewedPageMixin(models.Model):
    """For page types that readers trust: science works and news."""

    # Filled by the review workflow when it publishes: who checked this revision, and when.
    review_credit = models.JSONField(_("审核署名"), default=dict, blank=True, editable=False)

    class Meta:
        abstract = True

    def publish(self, revision, *args, **kwargs):
        from review.models import ReviewClearance

        if not ReviewClearance.objects.filter(revision=revision).exists():
            raise PermissionDenied(_("这一版本尚未通过三审,不能发布。"))
        return super().publish(revision, *args, **kwargs)

    def permissions_for_user(self, user):
        return ReviewedPagePermissionTester(user, self)
