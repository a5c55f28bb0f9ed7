"""科普阵地: the venue directory (one index under the home page) and its venues — type, place,
hours, booking, accessibility, what is open to the public, photos.

Venues are ordinary pages (not 三审): publishing follows the site's page workflow.

Hook ``venue_page_context``: apps above this one (events adds a venue's coming events) register
``@hooks.register("venue_page_context")`` with a function ``fn(page, request, context)`` that adds
to the venue page's template context in place; VenuePage.get_context calls each one, in the order
Wagtail returns them. To show something, a function appends a rendered fragment (a safe string,
e.g. ``render_to_string("events/includes/venue_events.html", …)``) to ``context["venue_sections"]``
(a list, there from the start); the venue page prints them in order after its own sections. A
function must read what it adds in a bounded number of queries.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from pages.indexing import indexed
from pages.models import BasePage

from .geo import LATITUDE_RANGE, LONGITUDE_RANGE

VENUE_PAGE_CONTEXT_HOOK = "venue_page_context"


class VenueType(models.TextChoices):
    """The plan's kinds of 科普阵地 (内科政字〔2024〕39号), in its order."""

    SCIENCE_MUSEUM = "science-museum", _("科技馆")
    MOBILE_MUSEUM = "mobile-museum", _("流动科技馆")
    CARAVAN = "caravan", _("科普大篷车")
    EDUCATION_BASE = "education-base", _("科普教育基地")
    OPEN_LAB = "open-lab", _("开放实验室")
    RURAL_SCHOOL_MUSEUM = "rural-school-museum", _("农村中学科技馆")
    YOUTH_STUDIO = "youth-studio", _("青少年科学工作室")
    ACADEMICIAN_STATION = "academician-station", _("院士工作站")
    SCIENCE_BACKYARD = "science-backyard", _("科技小院")


class OfferingKind(models.TextChoices):
    EXHIBIT = "exhibit", _("展品")
    LABORATORY = "laboratory", _("实验室")
    EQUIPMENT = "equipment", _("设备")


class VenueIndexPage(BasePage):
    """科普阵地: the directory of venues, filterable, with a map or a schematic of the leagues."""

    intro = models.TextField(_("导语"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["venues.VenuePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("科普阵地栏目")

    def get_context(self, request, *args, **kwargs):
        from . import directory

        context = super().get_context(request, *args, **kwargs)
        context.update(directory.directory_context(self, request))
        return context


class VenuePage(BasePage):
    """One 科普阵地: a museum, a base, a laboratory, a caravan …"""

    venue_type = models.CharField(_("阵地类型"), max_length=32, choices=VenueType.choices)
    summary = models.TextField(_("简介"), help_text=_("两三句话：这是什么地方，公众能在这里做什么。"))
    address = models.CharField(_("地址"), max_length=255)
    region = models.ForeignKey(
        "articles.Region",
        verbose_name=_("所在地区"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level__in": ["league", "county"]},
        help_text=_("所在的旗县区，或只知道盟市时选盟市。"),
    )
    latitude = models.DecimalField(
        _("纬度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(LATITUDE_RANGE[0]), MaxValueValidator(LATITUDE_RANGE[1])],
        help_text=_("十进制度数，如 40.842；须在内蒙古范围内（北纬 37.4°～53.4°）。"),
    )
    longitude = models.DecimalField(
        _("经度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(LONGITUDE_RANGE[0]), MaxValueValidator(LONGITUDE_RANGE[1])],
        help_text=_("十进制度数，如 111.749；须在内蒙古范围内（东经 97.2°～126.1°）。"),
    )
    opening_hours = models.TextField(_("开放时间"), blank=True)
    booking = models.TextField(
        _("预约方式"), blank=True, help_text=_("是否需要预约，怎样预约，团体参观怎样联系。")
    )
    accessibility = models.TextField(
        _("无障碍信息"), blank=True, help_text=_("轮椅通道、无障碍卫生间、电梯、导盲、手语讲解等。")
    )
    phone = models.CharField(_("咨询电话"), max_length=40, blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("venue_type"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("region"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("位置"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("opening_hours"),
                FieldPanel("booking"),
                FieldPanel("phone"),
                FieldPanel("accessibility"),
            ],
            heading=_("参观须知"),
        ),
        InlinePanel("offerings", label=_("对公众开放的内容")),
        InlinePanel("photos", label=_("照片")),
    ]
    search_fields = indexed(
        [
            *BasePage.search_fields,
            index.SearchField("summary"),
            index.SearchField("address"),
            index.FilterField("venue_type"),
        ]
    )

    parent_page_types = ["venues.VenueIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("科普阵地")

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            raise ValidationError({missing: _("经度和纬度要么都填，要么都不填。")})

    @property
    def point(self):
        """(latitude, longitude) as floats, or None when the venue has no coordinates."""
        if self.latitude is None or self.longitude is None:
            return None
        return float(self.latitude), float(self.longitude)

    @property
    def card_summary(self):
        return self.listing_summary or self.summary or self.search_description

    @property
    def card_image(self):
        if self.listing_image_id:
            return self.listing_image
        photos = list(self.photos.all())  # prefetched in listings
        return photos[0].image if photos else None

    def get_context(self, request, *args, **kwargs):
        from . import directory

        context = super().get_context(request, *args, **kwargs)
        context.update(directory.venue_context(self, request))
        context["venue_sections"] = []
        for fn in hooks.get_hooks(VENUE_PAGE_CONTEXT_HOOK):
            fn(self, request, context)
        return context


class VenueOffering(Orderable):
    """One thing open to the public: an exhibit, a laboratory, a piece of equipment, with a line."""

    page = ParentalKey(VenuePage, on_delete=models.CASCADE, related_name="offerings")
    kind = models.CharField(_("类别"), max_length=16, choices=OfferingKind.choices)
    name = models.CharField(_("名称"), max_length=100)
    description = models.CharField(_("说明"), max_length=255, blank=True)

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("name")]), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("开放内容")
        verbose_name_plural = _("开放内容")

    def __str__(self):
        return self.name


class VenuePhoto(Orderable):
    """A photo of the venue; its alt text is the picture's own description (media.PortalImage)."""

    page = ParentalKey(VenuePage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "media.PortalImage", verbose_name=_("图片"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("图注"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("照片")
        verbose_name_plural = _("照片")
