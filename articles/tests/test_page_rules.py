"""Which page types may be created where."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from articles.models import ArticleIndexPage, ArticlePage, NewsIndexPage, NewsPage, TopicPage
from home.models import HomePage, StandardPage


class PageTypeRulesTest(WagtailPageTestCase):
    def test_home_sits_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_sections_sit_under_home(self):
        for model in (ArticleIndexPage, NewsIndexPage, TopicPage):
            self.assertAllowedParentPageTypes(model, {HomePage})
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})

    def test_works_and_news_sit_in_their_own_index(self):
        self.assertAllowedParentPageTypes(ArticlePage, {ArticleIndexPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(ArticleIndexPage, {ArticlePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})

    def test_leaves_have_no_children(self):
        for model in (ArticlePage, NewsPage, TopicPage):
            self.assertAllowedSubpageTypes(model, set())

    def test_cross_placement_is_refused(self):
        self.assertCanNotCreateAt(NewsIndexPage, ArticlePage)
        self.assertCanNotCreateAt(ArticleIndexPage, NewsPage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(StandardPage, ArticlePage)
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(ArticleIndexPage, ArticlePage)
