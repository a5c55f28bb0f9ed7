"""政策法规: the laws, plans and policy documents the portal carries, each with its file data
(文号, 发文机关, dates), and the section that lists them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from articles import listings
from pages.blocks import BasicBodyBlock
from pages.models import BasePage

POLICIES_PER_PAGE = 20


class PolicyLevel(models.TextChoices):
    # The region's own documents come first: the portal implements them.
    REGION = "region", _("自治区政策文件")
    NATIONAL = "national", _("国家法律法规和政策")


class PolicyIndexPage(BasePage):
    """The 政策法规 section: its documents, the region's first, each level newest first."""

    intro = models.TextField(_("导语"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.PolicyDocumentPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("政策法规栏目")

    def documents(self):
        # Same order as PolicyLevel: the region's documents, then the nation's.
        level_order = models.Case(
            *(models.When(level=value, then=i) for i, value in enumerate(PolicyLevel.values)),
            default=len(PolicyLevel.values),
        )
        return (
            PolicyDocumentPage.objects.child_of(self).live().public().order_by(level_order, "-issued", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_obj"] = listings.paginate(request, self.documents(), per_page=POLICIES_PER_PAGE)
        return context


class PolicyDocumentPage(BasePage):
    """One law, plan or policy document, with the data printed on its face."""

    level = models.CharField(_("层级"), max_length=16, choices=PolicyLevel.choices)
    document_number = models.CharField(
        _("文号"), max_length=64, blank=True, help_text=_("如“内科政字〔2024〕39号”；法律等没有文号的留空。")
    )
    issuers = models.CharField(
        _("发文机关"), max_length=255, help_text=_("几个机关联合发文的，按文件上的顺序用空格隔开。")
    )
    issued = models.DateField(_("成文日期"), help_text=_("法律填通过（或修订通过）的日期。"))
    published = models.DateField(
        _("发布日期"), null=True, blank=True, help_text=_("公布或公开发布的日期；不确定的留空。")
    )
    intro = models.TextField(_("导语"), blank=True, help_text=_("一两句话说明这是什么文件。"))
    body = StreamField(BasicBodyBlock(), verbose_name=_("正文"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("level"),
                FieldPanel("document_number"),
                FieldPanel("issuers"),
                FieldRowPanel([FieldPanel("issued"), FieldPanel("published")]),
            ],
            heading=_("文件信息"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("document_number"),
        index.SearchField("issuers"),
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("issued"),
    ]

    parent_page_types = ["home.PolicyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("政策法规文件")

    @property
    def card_summary(self):
        return self.listing_summary or self.intro or self.search_description

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The way back to the list of documents, named by the section.
        context["section"] = self.get_parent()
        return context
