"""The demo's translations (content/<language>/, FORMAT.md): pages in that language's locale, each a
translation of its Chinese page (the same Wagtail translation key), under the translated home page.

A demo translation is machine-made and nobody has checked it: every page says so at its top, in
Chinese and in the language itself (DEMO_TRANSLATION_MARK), and a translated work is published
through the same import clearance as the Chinese demo works, with a note saying it is an unchecked
translation. Idempotent like the rest of the loader: a page is looked up by its source's
translation key and the locale, and only created when missing.
"""

from django.conf import settings

from wagtail.models import Locale

from articles.models import ArticlePage, WorkForm
from home.models import PolicyDocumentPage

DEMO_TRANSLATION_MARK = "演示译文（待母语审校）"
DEMO_TRANSLATION_NOTE = (
    f"{DEMO_TRANSLATION_MARK}：本页由本站中文作品机器翻译而成，未经母语审校，亦未经本站三审。"
)


def check(loader, translation):
    """Every translated file names a Chinese file that exists (and a work an article): before writing."""
    works = {item["slug"]: item for item in loader.works}
    for item in translation.works:
        source = works.get(item["slug"])
        if source is None:
            raise item.error(f"no Chinese work works/{item['slug']}.md to be a translation of")
        if source["form"] != WorkForm.ARTICLE:
            raise item.error(
                f"works/{item['slug']}.md is a {source['form']} work: only articles are translated "
                "(the pictures, posters and transcripts of the other forms are drawn in Chinese)"
            )
    policies = {item["slug"] for item in loader.policies}
    for item in translation.policies:
        if item["slug"] not in policies:
            raise item.error(f"no Chinese document policy/{item['slug']}.md to be a translation of")


class TranslationLoader:
    """Loads one language's translation with the Chinese demo's loader (its helpers and counts)."""

    def __init__(self, loader, translation):
        self.loader = loader
        self.translation = translation
        self.site = translation.site
        self.locale = None
        if translation.language in dict(settings.WAGTAIL_CONTENT_LANGUAGES):
            self.locale, _ = Locale.objects.get_or_create(language_code=translation.language)

    @property
    def enabled(self):
        return self.locale is not None

    def marked(self, text):
        """`text` after the mark, in Chinese and in the translation's language."""
        return f"{DEMO_TRANSLATION_MARK} {self.site['mark']}᠃ {text}"

    def _translate(self, source, parent, **fields):
        """The translation of `source` into this locale, created under `parent` when missing."""
        existing = source.get_translation_or_none(self.locale)
        if existing is not None:
            return existing.specific
        page = type(source)(locale=self.locale, translation_key=source.translation_key, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.loader.created["pages"] += 1
        return page

    def load_sections(self, home, works_index, policy_index):
        """The translated home page and its two sections (before the workflows are assigned)."""
        site = self.site
        self.sources = {"works": works_index, "policy": policy_index}
        # The home page is a root of its own beside the Chinese one; Wagtail names such a copy so.
        self.home = self._translate(
            home,
            home.get_parent(),
            title=site["title"],
            slug=f"{home.slug}-{self.locale.language_code}",
            hero_title=site["hero_title"],
            hero_text=self.marked(site["hero_text"]),
            seo_title=f"{site['title']} · {site['hero_title']}",
            search_description=site["search_description"],
        )
        self.works_index, self.policy_index = (
            self._translate(
                source,
                self.home,
                slug=source.slug,
                title=site[name]["title"],
                intro=self.marked(site[name]["intro"]),
                show_in_menus=True,
            )
            for name, source in self.sources.items()
        )
        return self.works_index

    @property
    def note(self):
        """The translated works' credit note, in Chinese and in the translation's language."""
        return f"{DEMO_TRANSLATION_NOTE} {self.site['note']}"

    def load_works(self, owner):
        sources = {item["slug"]: item for item in self.loader.works}
        for item in self.translation.works:
            source_page = ArticlePage.objects.child_of(self.sources["works"]).get(slug=item["slug"])
            if source_page.get_translation_or_none(self.locale) is not None:
                continue
            # The source's facts (form, classification, creator, references, date), the translation's
            # words; tags are words of one language, so the Chinese ones stay on the Chinese page.
            words = {key: item[key] for key in ("title", "summary", "body")}
            work = {**sources[item["slug"]], **words, "tags": []}
            # Pictures drawn for a translation would be titled apart from the source's (none yet).
            drawn_as = {**work, "slug": f"{item['slug']}@{self.locale.language_code}"}
            page = ArticlePage(
                title=item["title"],
                slug=item["slug"],
                locale=self.locale,
                translation_key=source_page.translation_key,
                summary=item["summary"],
                form=source_page.form,
                cover_image=source_page.cover_image,
                body=self.loader.work_body(drawn_as, work.get("colour", "#2f7d4f")),
                creator_name=source_page.creator_name,
                creator_affiliation=source_page.creator_affiliation,
                search_description=item["summary"][:160],
                owner=owner,
            )
            self.loader._classify(page, work)
            self.loader._publish(page, self.works_index, work, owner, note=self.note)

    def load_policies(self):
        for item in self.translation.policies:
            source = PolicyDocumentPage.objects.child_of(self.sources["policy"]).get(slug=item["slug"])
            self._translate(
                source,
                self.policy_index,
                slug=source.slug,
                title=item["title"],
                intro=self.marked(item["intro"]),
                level=source.level,
                document_number=source.document_number,
                issuers=source.issuers,
                issued=source.issued,
                published=source.published,
                body=self.loader.stream(item["body"], f"{item['slug']}@{self.locale.language_code}"),
            )
