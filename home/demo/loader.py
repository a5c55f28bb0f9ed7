"""Builds the demo site: groups, demo users, the page tree, science works and news.

The works, news, submissions and pages are read from the content files under `content/`
(FORMAT.md); every file of a folder is loaded, so adding a file adds a work. Translations
(`content/<language>/`) become pages of that locale (translation.py). Every code in them is
checked before anything is written, and an error names the file.

Idempotent: every object is looked up by a stable key (username, slug, image title) and only
created when missing, so running it twice leaves one copy of everything.
"""

import datetime
import html
import io
import re
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import transaction

from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from articles.models import (
    ArticleIndexPage,
    ArticlePage,
    Audience,
    Campaign,
    Discipline,
    NewsIndexPage,
    NewsPage,
    Region,
    TopicPage,
    WorkForm,
)
from home.models import (
    HomeFeaturedWork,
    HomePage,
    PolicyDocumentPage,
    PolicyIndexPage,
    PolicyLevel,
    SiteSettings,
    StandardPage,
)
from outreach import demo as outreach_demo
from review.decisions import clear_import
from review.setup import ensure_review_workflows
from search.service import get_engine

from . import content, people, pictures, translation

TZ = ZoneInfo("Asia/Shanghai")
DEMO_IMPORT_NOTE = "演示内容：由演示数据导入，未经本站三审。"
TOPICS = [
    ("youth", "青少年科普", "youth", "好奇心是科学的起点：天文、地理、生命和身边的技术。"),
    ("farmers-herders", "农牧民科普", "farmers-herders", "种植、养殖、草原保护和防灾减灾的实用知识。"),
    ("elderly", "老年人健康与防诈骗", "elderly", "常见病的预防与家庭护理，识破保健品和电信网络诈骗。"),
    ("workers", "产业工人科普", "workers", "安全生产、职业健康和新能源、新材料等产业技术。"),
    ("officials", "领导干部科普大讲堂", "officials", "科技前沿、生态文明和科学决策。"),
]


class DemoLoader:
    def __init__(self, stdout=None, content_dir=None, address=("localhost", 80)):
        self.stdout = stdout or io.StringIO()
        self.address = address  # (hostname, port) of the default site
        # The content folder: the argument, else settings.DEMO_CONTENT_DIR, else home/demo/content.
        self.content_dir = content_dir or getattr(settings, "DEMO_CONTENT_DIR", None) or content.CONTENT_DIR
        self.created = {"images": 0, "pages": 0, "users": 0}
        self.locale = Locale.get_default()
        self.disciplines = {d.code: d for d in Discipline.objects.all()}
        self.audiences = {a.code: a for a in Audience.objects.all()}
        self.regions = {r.code: r for r in Region.objects.all()}
        self.campaigns = {c.code: c for c in Campaign.objects.all()}

    def read_content(self):
        """Every content file, read and checked before anything is written."""
        self.works = content.works(self.content_dir)
        self.news = content.news(self.content_dir)
        self.submissions = content.submissions(self.content_dir)
        self.pages = content.pages(self.content_dir)
        self.policies = content.policies(self.content_dir)
        self.translations = content.translations(self.content_dir)
        for each in self.translations.values():
            translation.check(self, each)
        for item in [*self.works, *self.news, *self.submissions]:
            self._check_codes(item)
            self._check_drawings(item)
        places = {}
        for item in self.works:
            if item["featured"]:
                if not 1 <= item["featured"] <= 6:
                    raise item.error(f"featured = {item['featured']}: a place on the home page, 1 to 6")
                if item["featured"] in places:
                    raise item.error(f"featured = {item['featured']} is also {places[item['featured']]}")
                places[item["featured"]] = item.path

    @transaction.atomic
    def run(self):
        self.read_content()
        pictures.canvas.missing.clear()
        groups = people.load_groups()
        users = people.load_users(groups, self.created)
        home = self.load_home()
        self.load_site_settings(home)
        works_index, news_index = self.load_sections(home)
        translators = [translation.TranslationLoader(self, each) for each in self.translations.values()]
        for each in translators:
            if not each.enabled:
                self.stdout.write(
                    f"Skipped content/{each.translation.language}/: not a language of the site."
                )
        translators = [each for each in translators if each.enabled]
        translated = [each.load_sections(home, works_index, self.policy_index) for each in translators]
        people.grant_page_permissions(groups, home)
        ensure_review_workflows(
            editors=groups["editors"],
            chief_editors=groups["chief-editors"],
            sections=[works_index, news_index, *translated],  # a translation is reviewed like any work
        )
        people.load_experts(users)
        people.load_creator_profile(users["creator"])
        owner = users["creator"]
        for item in self.works:
            self.load_work(works_index, item, owner)
        for item in self.news:
            self.load_news(news_index, item, users["editor"])
        self.load_featured(home, self.works)
        for item in self.submissions:
            self.load_submission(works_index, item, users["creator"])
        for each in translators:
            each.load_works(owner)
            each.load_policies()
        # Events, venues, teams, volunteers, requests (outreach/demo.py), after the works they cite.
        outreach_demo.load(
            outreach_demo.DemoContext(
                home=home,
                users=users,
                groups=groups,
                disciplines=self.disciplines,
                audiences=self.audiences,
                regions=self.regions,
                campaigns=self.campaigns,
                stdout=self.stdout,
                created=self.created,
            )
        )
        # The works carry their historical publication dates, set after publishing: index anew.
        indexed = get_engine().rebuild()
        self.stdout.write(f"Search index: {indexed} works.")
        # Every rendition the pages show is made now, whatever the task backend: the first reader
        # after load_demo waits for none (media/renditions.py).
        call_command("make_renditions", stdout=self.stdout)
        if pictures.canvas.missing:
            self.stdout.write(
                f"Warning: the pictures draw {''.join(sorted(pictures.canvas.missing))!r}, missing from the demo "
                "font (drawn as empty boxes): run `.venv/bin/python -m home.demo.pictures.font`, then load again."
            )
        return users

    # People ---------------------------------------------------------------

    def load_home(self):
        root = Page.get_first_root_node()
        home = HomePage.objects.filter(locale=self.locale).first()
        if home is None:
            # Wagtail's first migration leaves a placeholder page (slug "home") as the site root.
            placeholder_ids = list(
                Page.objects.child_of(root).not_type(HomePage).values_list("pk", flat=True)
            )
            Site.objects.filter(root_page_id__in=placeholder_ids).delete()
            Page.objects.filter(pk__in=placeholder_ids).delete()
            home = HomePage(
                title="内蒙古科普",
                slug="home",
                hero_title="让科学走进千家万户",
                hero_text=(
                    "面向青少年、农牧民、老年人、产业工人和领导干部的原创科普作品。"
                    "作品经初审、专家科学性审核和终审后与读者见面；演示站中由数据导入的作品在页面上另有注明。"
                ),
                current_campaign=self.campaigns.get("science-day"),
                seo_title="内蒙古科普 · 让科学走进千家万户",
                search_description="内蒙古自治区科普作品发布平台：经专家科学性审核的原创科普作品、科普资讯和人群专栏。",
                locale=self.locale,
            )
            root.add_child(instance=home)
            home.save_revision().publish()
            self.created["pages"] += 1
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        (site.hostname, site.port), site.site_name, site.root_page = self.address, "内蒙古科普", home
        site.save()
        return home

    def load_site_settings(self, home):
        site = home.get_site()
        site_settings = SiteSettings.for_site(site)
        if not site_settings.organisation:
            site_settings.organisation = "内蒙古科普演示站（演示）"
            site_settings.icp_number = "蒙ICP备00000000号-1（演示）"
            site_settings.contact_email = "editor@example.org"
            site_settings.address = "内蒙古自治区呼和浩特市（演示地址）"
            site_settings.save()

    def _child(self, parent, model, slug, **fields):
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing:
            return existing, False
        page = model(slug=slug, locale=self.locale, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created["pages"] += 1
        return page, True

    def load_sections(self, home):
        works_index, _ = self._child(
            home,
            ArticleIndexPage,
            "works",
            title="科普作品",
            show_in_menus=True,
            intro="科学家、教师、作家和艺术工作者创作的原创科普作品；每篇作品页注明其审核情况。",
        )
        news_index, _ = self._child(
            home,
            NewsIndexPage,
            "news",
            title="科普资讯",
            show_in_menus=True,
            intro="科普政策、品牌活动和科技动态。",
        )
        for slug, title, audience_code, intro in TOPICS:
            self._child(
                home,
                TopicPage,
                slug,
                title=title,
                audience=self.audiences[audience_code],
                intro=intro,
                show_in_menus=True,
            )
        self.policy_index = self.load_policies(home)
        for item in self.pages:
            self._child(
                home,
                StandardPage,
                item["slug"],
                title=item["title"],
                intro=item["intro"],
                body=self.stream(item["body"], item["slug"]),
                show_in_menus=item.get("show_in_menus", True),
            )
        return works_index, news_index

    def load_policies(self, home):
        """政策法规 and its documents. A demo loaded before the section had its own page type kept
        政策法规 as a plain page, which stands in the new section's way: it is replaced."""
        Page.objects.child_of(home).filter(slug="policy").not_type(PolicyIndexPage).delete()
        section, _ = self._child(
            home,
            PolicyIndexPage,
            "policy",
            title="政策法规",
            show_in_menus=True,
            intro="与科学技术普及有关的法律、规划和政策文件。本站依据自治区实施方案建设，方案全文刊载于此。",
        )
        for item in self.policies:
            if item["level"] not in PolicyLevel.values:
                raise item.error(f"level = {item['level']!r}; known: {', '.join(PolicyLevel.values)}")
            if ("text" in item) != ("text_starts_at" in item):
                raise item.error("text and text_starts_at go together")
            self._child(
                section,
                PolicyDocumentPage,
                item["slug"],
                title=item["title"],
                intro=item["intro"],
                level=item["level"],
                document_number=item.get("document_number", ""),
                issuers=item["issuers"],
                issued=datetime.date.fromisoformat(item["issued"]),
                published=datetime.date.fromisoformat(item["published"]) if "published" in item else None,
                body=self.plan_body(item) if "text" in item else self.stream(item["body"], item["slug"]),
            )
        return section

    def plan_body(self, meta):
        """A policy document's page body: its text, from the line `text_starts_at` on (before it: the
        cover letter); 一、 lines are headings, (一) lines lead their paragraph. The document's number,
        issuers and dates are fields of the page, not part of the body."""
        blocks = []
        text_file = meta.path.parent / meta["text"]
        if not text_file.is_file():
            raise meta.error(f"text = {meta['text']!r}: no such file beside it")
        lines = [line.strip() for line in text_file.read_text(encoding="utf-8").splitlines() if line.strip()]
        body_start = next(
            (i for i, line in enumerate(lines) if line.startswith(meta["text_starts_at"])), None
        )
        if body_start is None:
            raise meta.error(
                f"text_starts_at: no line of {meta['text']} starts with {meta['text_starts_at']!r}"
            )
        for line in lines[body_start:]:
            text = html.escape(line)
            if re.match(r"^[一二三四五六七八九十]+、", line):
                blocks.append({"type": "heading", "value": {"text": line[:120]}})
            elif match := re.match(r"^([（(][一二三四五六七八九十]+[）)])(.*)$", line):
                blocks.append(
                    {
                        "type": "paragraph",
                        "value": f"<p><b>{html.escape(match[1])}</b>{html.escape(match[2])}</p>",
                    }
                )
            else:
                blocks.append({"type": "paragraph", "value": f"<p>{text}</p>"})
        return blocks

    # Works and news -------------------------------------------------------

    def image(self, title, alt, draw):
        """The image titled `title`, drawn by `draw()` (PNG bytes) when it is not there yet."""
        Image = get_image_model()
        existing = Image.objects.filter(title=title).first()
        if existing:
            return existing
        image = Image(
            title=title,
            description=alt,
            source="演示内容：程序据作品内容绘制",
            licence="own",
            file=ImageFile(io.BytesIO(draw()), name=f"{title.replace(':', '-')}.png"),
        )
        image.save()
        self.created["images"] += 1
        return image

    def stream(self, body, slug, colour="#2f7d4f"):
        blocks = []
        for index, (kind, value) in enumerate(body):
            if kind == "heading":
                blocks.append({"type": "heading", "value": {"text": value}})
            elif kind == "paragraph":
                blocks.append({"type": "paragraph", "value": value})
            elif kind == "fact":
                blocks.append(
                    {"type": "fact", "value": {"title": value.get("title", "知识点"), "text": value["text"]}}
                )
            elif kind == "quote":
                blocks.append(
                    {
                        "type": "quote",
                        "value": {"text": value["text"], "attribution": value.get("attribution", "")},
                    }
                )
            elif kind == "qa":
                blocks.append(
                    {
                        "type": "qa",
                        "value": {
                            "items": [{"question": q["question"], "answer": q["answer"]} for q in value]
                        },
                    }
                )
            elif kind == "image":
                spec = value.get("draw")
                if spec is None:
                    raise ValueError(f"{slug}: an image block without 'draw:' has no picture to show")
                alt = value["alt"] or pictures.describe(spec)
                image = self.image(f"{slug}:{index}", alt, lambda spec=spec: pictures.figure(spec, colour))
                blocks.append(
                    {
                        "type": "image",
                        "value": {
                            "image": image.pk,
                            "caption": value.get("caption", ""),
                            "source": value.get("source", ""),
                        },
                    }
                )
            else:
                raise ValueError(f"{slug}: unknown block type {kind!r}")
        return blocks

    def _codes(self, table, codes, what, item):
        unknown = [code for code in codes if code not in table]
        if unknown:
            known = f"; known: {', '.join(sorted(table))}" if len(table) <= 30 else " (see FORMAT.md)"
            raise content.ContentError(f"{item.path}: unknown {what} code(s) {unknown}{known}")
        return [table[code] for code in codes]

    def _check_codes(self, item):
        self._codes(self.disciplines, item["disciplines"], "discipline", item)
        self._codes(self.audiences, item["audiences"], "audience", item)
        self._codes(self.regions, item["regions"], "region", item)
        if item.get("campaign"):
            self._codes(self.campaigns, [item["campaign"]], "campaign", item)
        if "form" in item:
            if item["form"] not in WorkForm.values:
                raise item.error(f"unknown form {item['form']!r}; known: {', '.join(WorkForm.values)}")
            if item["form"] in (WorkForm.VIDEO, WorkForm.AUDIO) and not item.get("transcript"):
                raise item.error(f"a {item['form']} work needs a transcript (a '::: transcript' block)")

    def _check_drawings(self, item):
        for kind, value in item["body"]:
            if kind == "image":
                if "draw" not in value:
                    raise item.error(f"the image {value['alt']!r} needs a 'draw: …' line (FORMAT.md)")
                problem = pictures.check(value["draw"])
                if problem:
                    raise item.error(f"image {value['draw']['heading']!r}: {problem}")

    def _classify(self, page, item):
        page.disciplines.set(self._codes(self.disciplines, item["disciplines"], "discipline", item))
        page.audiences.set(self._codes(self.audiences, item["audiences"], "audience", item))
        page.regions.set(self._codes(self.regions, item["regions"], "region", item))
        page.tags.set(item.get("tags", []))
        if item.get("campaign"):
            page.campaign = self._codes(self.campaigns, [item["campaign"]], "campaign", item)[0]

    def _publish(self, page, parent, item, user, note=DEMO_IMPORT_NOTE):
        parent.add_child(instance=page)
        # Published by the loader itself, not by any person: demo works say they were imported,
        # not reviewed (review/decisions.clear_import); demo translations say what they are.
        revision = page.save_revision(user=user)
        clear_import(revision, note)
        revision.publish()
        when = datetime.datetime.combine(
            datetime.date.fromisoformat(item["published"]), datetime.time(9, 0), tzinfo=TZ
        )
        type(page).objects.filter(pk=page.pk).update(
            first_published_at=when, last_published_at=when, latest_revision_created_at=when
        )
        page.revisions.update(created_at=when)
        self.created["pages"] += 1

    def load_work(self, parent, item, owner):
        if ArticlePage.objects.child_of(parent).filter(slug=item["slug"]).exists():
            return
        page = self._work_page(item, owner)
        self._publish(page, parent, item, owner)

    def _work_page(self, item, owner):
        colour = item.get("colour", "#2f7d4f")
        body = self.work_body(item, colour)
        cover = self.image(
            f"{item['slug']}:cover", pictures.describe_cover(item), lambda: pictures.cover(item, colour)
        )
        page = ArticlePage(
            title=item["title"],
            slug=item["slug"],
            locale=self.locale,
            summary=item["summary"],
            form=item["form"],
            cover_image=cover,
            body=body,
            creator_name=item["creator"]["name"],
            creator_affiliation=item["creator"].get("affiliation", ""),
            search_description=item["summary"][:160],
            owner=owner,
        )
        self._classify(page, item)
        return page

    def work_body(self, item, colour):
        """A work's StreamField blocks: the video or audio block, the body, the references."""
        body = self.stream(item["body"], item["slug"], colour)
        if item["form"] in (WorkForm.VIDEO, WorkForm.AUDIO):
            # The block's template says when no file is attached and opens the transcript.
            media = {"caption": item["title"], "transcript": item["transcript"]}
            if item["form"] == WorkForm.VIDEO:
                points = pictures.headings(item)
                media["poster"] = self.image(
                    f"{item['slug']}:poster",
                    pictures.describe_poster(item, points),
                    lambda: pictures.poster(item, colour, points),
                ).pk
            body.insert(0, {"type": item["form"], "value": media})
        if item.get("references"):
            body.append(
                {"type": "references", "value": {"items": [_reference(ref) for ref in item["references"]]}}
            )
        return body

    def load_submission(self, parent, item, creator):
        """A draft by the demo creator, submitted to 三审 as the creator portal would."""
        if ArticlePage.objects.child_of(parent).filter(slug=item["slug"]).exists():
            return
        page = self._work_page(item, creator)
        page.live = False
        parent.add_child(instance=page)
        page.save_revision(user=creator)
        page.get_workflow().start(page, creator)
        self.created["pages"] += 1

    def load_news(self, parent, item, editor):
        if NewsPage.objects.child_of(parent).filter(slug=item["slug"]).exists():
            return
        colour = item.get("colour", "#2a6f97")
        page = NewsPage(
            title=item["title"],
            slug=item["slug"],
            locale=self.locale,
            summary=item["summary"],
            cover_image=self.image(
                f"{item['slug']}:cover", pictures.describe_cover(item), lambda: pictures.cover(item, colour)
            ),
            body=self.stream(item["body"], item["slug"], colour),
            source=item.get("source", ""),
            search_description=item["summary"][:160],
            owner=editor,
        )
        self._classify(page, item)
        self._publish(page, parent, item, editor)

    def load_featured(self, home, items):
        if home.featured_works.exists():
            return
        # `featured = N` in a work's front matter: its place on the home page.
        slugs = [
            item["slug"] for item in sorted(items, key=lambda item: item["featured"]) if item["featured"]
        ]
        works = {w.slug: w for w in ArticlePage.objects.filter(slug__in=slugs)}
        for order, slug in enumerate(slugs[:6]):
            HomeFeaturedWork.objects.create(page=home, work=works[slug], sort_order=order)


def _reference(ref):
    return {
        "title": ref["title"],
        "authors": ref.get("authors", ""),
        "publisher": ref.get("publisher", ""),
        "year": ref.get("year"),
        "url": ref.get("url", ""),
        "doi": ref.get("doi", ""),
    }
