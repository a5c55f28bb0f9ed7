"""Events (科普活动): pages reviewed by 三审 like works, the sign-ups readers make without an account,
and the report editors file after an event (statistics, not page content)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from pages.blocks import BasicBodyBlock
from pages.indexing import indexed
from pages.models import BasePage
from pages.reviewed import ReviewedPageMixin, ReviewedSectionMixin


class EventFormat(models.TextChoices):
    OFFLINE = "offline", _("线下")
    ONLINE = "online", _("线上")
    HYBRID = "hybrid", _("线上线下")


class EventIndexPage(ReviewedSectionMixin, BasePage):
    """科普活动: the list and month calendar of the events under it."""

    intro = models.TextField(_("导语"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("科普活动栏目")

    def get_context(self, request, *args, **kwargs):
        from . import listing

        context = super().get_context(request, *args, **kwargs)
        context.update(listing.index_context(request, self))
        return context


class EventPage(ReviewedPageMixin, BasePage):
    """One event (活动): when, where, for whom; published only by 三审."""

    summary = models.TextField(_("摘要"), max_length=300, help_text=_("一两句话说明活动内容,最多 300 字。"))
    campaign = models.ForeignKey(
        "articles.Campaign",
        verbose_name=_("品牌活动"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    start = models.DateTimeField(_("开始时间"))
    end = models.DateTimeField(_("结束时间"), help_text=_("可跨多天；不得早于开始时间。"))
    format = models.CharField(
        _("形式"), max_length=10, choices=EventFormat.choices, default=EventFormat.OFFLINE
    )
    venue = models.ForeignKey(
        "venues.VenuePage",
        verbose_name=_("科普阵地"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("在本站科普阵地举办时选择；也可只填地址。"),
    )
    address = models.CharField(
        _("地址"), max_length=255, blank=True, help_text=_("不在科普阵地举办时填写详细地址。")
    )
    online_url = models.URLField(_("线上参与链接"), blank=True)
    regions = ParentalManyToManyField(
        "articles.Region", verbose_name=_("地区"), blank=True, help_text=_("活动所在的盟市或旗县区。")
    )
    audiences = ParentalManyToManyField("articles.Audience", verbose_name=_("重点人群"), blank=True)
    disciplines = ParentalManyToManyField("articles.Discipline", verbose_name=_("学科"), blank=True)
    organizer = models.CharField(_("主办单位"), max_length=200)
    capacity = models.PositiveIntegerField(
        _("名额"), default=0, help_text=_("0 表示无需报名；报满后可进入候补名单。")
    )
    cover_image = models.ForeignKey(
        "media.PortalImage",
        verbose_name=_("封面图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = StreamField(BasicBodyBlock(), verbose_name=_("活动介绍"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("campaign"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("时间")),
        MultiFieldPanel(
            [FieldPanel("format"), FieldPanel("venue"), FieldPanel("address"), FieldPanel("online_url")],
            heading=_("地点"),
        ),
        FieldPanel("organizer"),
        FieldPanel("capacity"),
        FieldPanel("cover_image"),
        FieldPanel("description"),
        InlinePanel("gallery_images", label=_("活动图片")),
        MultiFieldPanel(
            [
                FieldPanel("regions"),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("disciplines", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("分类"),
        ),
    ]
    search_fields = indexed(
        [
            *BasePage.search_fields,
            index.SearchField("summary"),
            index.SearchField("organizer"),
            index.FilterField("start"),
        ]
    )

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("科普活动")
        verbose_name_plural = _("科普活动")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("结束时间不能早于开始时间。")})
        if self.format != EventFormat.OFFLINE and not self.online_url:
            raise ValidationError({"online_url": _("线上或线上线下活动请填写参与链接。")})

    @property
    def takes_signups(self):
        return self.capacity > 0

    @property
    def has_ended(self):
        return self.end <= timezone.now()

    @property
    def place(self):
        """Where the event is, as one line (the venue's name and the address, or 线上)."""
        venue = self.venue
        parts = [venue.title if venue else "", self.address]
        text = " ".join(part for part in parts if part)
        if self.format == EventFormat.ONLINE:
            return text or str(_("线上"))
        return text

    def get_context(self, request, *args, **kwargs):
        from . import listing

        context = super().get_context(request, *args, **kwargs)
        context.update(listing.detail_context(self))
        return context


class EventGalleryImage(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "media.PortalImage", verbose_name=_("图片"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("图片说明"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("活动图片")
        verbose_name_plural = _("活动图片")


class SignUp(models.Model):
    """A reader's place at an event (or on its waiting list), made without an account."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("已报名")
        WAITING = "waiting", _("候补")
        CANCELLED = "cancelled", _("已取消")

    event = models.ForeignKey(
        EventPage, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="signups"
    )
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("手机号"), max_length=20, blank=True, help_text=_("只保留数字。"))
    email = models.EmailField(_("电子邮箱"), blank=True, help_text=_("已转为小写。"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    created_at = models.DateTimeField(_("报名时间"), default=timezone.now)
    promoted_at = models.DateTimeField(_("候补转正时间"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("活动报名")
        verbose_name_plural = _("活动报名")
        constraints = [
            # One active sign-up per phone and per e-mail at an event (stored normalised).
            models.UniqueConstraint(
                fields=["event", "phone"],
                condition=~Q(phone="") & ~Q(status="cancelled"),
                name="events_signup_unique_phone",
            ),
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(email="") & ~Q(status="cancelled"),
                name="events_signup_unique_email",
            ),
            models.CheckConstraint(condition=~Q(phone="", email=""), name="events_signup_has_contact"),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self):
        return f"{self.name}({self.get_status_display()})"


class EventReport(ClusterableModel):
    """What happened at an event, filed by editors afterwards: it feeds the statistics (督查) and is
    not shown on the event's page, so it needs no review."""

    event = models.OneToOneField(
        EventPage, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="report"
    )
    participants = models.PositiveIntegerField(_("参加人数"))
    summary = models.TextField(_("活动总结"))
    created_at = models.DateTimeField(_("填报时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    panels = [
        FieldPanel("event"),
        FieldPanel("participants"),
        FieldPanel("summary"),
        InlinePanel("photos", label=_("活动照片")),
    ]

    class Meta:
        ordering = ["-event__start"]
        verbose_name = _("活动总结")
        verbose_name_plural = _("活动总结")

    def __str__(self):
        return str(self.event)


class EventReportPhoto(Orderable):
    report = ParentalKey(EventReport, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "media.PortalImage", verbose_name=_("照片"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("照片说明"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("活动照片")
        verbose_name_plural = _("活动照片")
