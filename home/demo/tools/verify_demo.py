"""One-off: the blocks the loader builds from the content files equal the blocks it built from the
old Python modules, once the old text has been through the punctuation converter.

    DJANGO_SETTINGS_MODULE=portal.settings.test .venv/bin/python -m home.demo.tools.verify_demo

Every work, news item, submission, page and the 2024 plan goes through the loader's own code
(`DemoLoader.work_body`, `stream`, `plan_body`) with pictures replaced by their titles, so no
database is needed; the other fields the loader copies onto pages are compared as well.
"""

import importlib
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

import django

django.setup()

from home.demo import content  # noqa: E402
from home.demo.loader import DemoLoader  # noqa: E402
from home.demo.punctuation import convert  # noqa: E402

WORK_MODULES = ("works_nature", "works_health", "works_technology", "works_safety", "works_fraud")
FIELDS = ("title", "slug", "summary", "form", "creator", "disciplines", "audiences", "regions", "tags")
FIELDS += ("campaign", "published", "colour", "source", "is_demo_event", "intro", "show_in_menus")


def normalise(value):
    if isinstance(value, str):
        return convert(value)[0]
    if isinstance(value, dict):
        return {key: normalise(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [normalise(item) for item in value]
    return value


def loader():
    fake = DemoLoader.__new__(DemoLoader)
    fake.image = lambda title, *args, **kwargs: SimpleNamespace(pk=title)
    return fake


def projection(item, kind, build):
    out = {key: item.get(key) for key in FIELDS if key in item}
    colour = item.get("colour", "#2f7d4f")
    if kind in ("works", "submissions"):
        out["featured"] = bool(item.get("featured"))
        out["body"] = build.work_body(item, colour)
    elif kind == "policy":
        out["body"] = build.plan_body(item)
    else:
        out["body"] = build.stream(item["body"], item["slug"], colour)
    return out


def main():
    build = loader()
    demo = "home.demo"
    old = {
        "works": [w for name in WORK_MODULES for w in importlib.import_module(f"{demo}.{name}").WORKS],
        "news": importlib.import_module(f"{demo}.news").NEWS,
        "submissions": importlib.import_module(f"{demo}.submissions").SUBMISSIONS,
    }
    pages = importlib.import_module(f"{demo}.pages")
    old["pages"] = [
        dict(spec, slug=slug, show_in_menus=slug != "privacy") for slug, spec in pages.PAGES.items()
    ]
    folder = Path(tempfile.mkdtemp())
    plan = subprocess.run(  # the plan as it was before the move (commit 51748ad)
        ["git", "show", "51748ad:home/demo/plan-2024.txt"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (folder / "plan-2024.txt").write_text(plan, encoding="utf-8")
    policy = content.Item(pages.POLICY, slug="nmg-kepu-plan-2024", text="plan-2024.txt")
    policy["text_starts_at"] = "科学技术普及(以下简称科普)"
    policy.path = folder / "nmg-kepu-plan-2024.md"
    old["policy"] = [policy]
    new = {
        "works": content.works(),
        "news": content.news(),
        "submissions": content.submissions(),
        "pages": content.pages(),
        "policy": content.policies(),
    }
    compared = differ = blocks = 0
    for kind, items in old.items():
        by_slug = {item["slug"]: item for item in new[kind]}
        if set(by_slug) != {item["slug"] for item in items}:
            print(f"{kind}: slugs differ", set(by_slug) ^ {item["slug"] for item in items})
            differ += 1
        for item in items:
            expected = normalise(projection(item, kind, build))
            got = projection(by_slug[item["slug"]], kind, build)
            compared += 1
            blocks += len(got["body"])
            if expected != got:
                differ += 1
                print(f"DIFFERENT {kind}/{item['slug']}")
                for key in expected:
                    if expected[key] != got.get(key):
                        print(f"  {key}\n    old {expected[key]!r}\n    new {got.get(key)!r}")
    old_featured = [w["slug"] for w in old["works"] if w.get("featured")]
    new_featured = [w["slug"] for w in sorted(new["works"], key=lambda w: w["featured"]) if w["featured"]]
    if old_featured != new_featured:
        differ += 1
        print("featured order differs", old_featured, new_featured)
    print(f"{compared} items, {blocks} blocks compared: {compared - differ} equal, {differ} different.")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
