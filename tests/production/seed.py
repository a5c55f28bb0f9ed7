"""The two-server test's content: a site, the review cast (editor, experts), an audience column and
four live works. Run once in a fresh database: manage.py shell -c "from tests.production import seed; seed.run()"."""

import json

from review.tests.conftest import build_cast
from tests import factories


def run():
    home, works, news = factories.make_site()
    site_tree = {"home": home, "works": works, "news": news}
    build_cast(site_tree)
    factories.make_topic(home, "elderly")
    made = {}
    for key, title, audiences in [
        ("published", "冬季取暖防范一氧化碳中毒", ["elderly"]),
        ("retracted", "识别保健品骗局", ["elderly"]),
        ("restricted", "老年人防跌倒", ["elderly"]),
        ("other", "马铃薯晚疫病防治", ["farmers-herders"]),
        ("passworded", "牛羊布鲁氏菌病的防护", ["farmers-herders"]),
    ]:
        work = factories.make_work(
            works, title, disciplines=["safety"], audiences=audiences, regions=["150102"]
        )
        made[key] = {"id": work.pk, "url": work.url, "title": work.title}
    made["home"] = home.url
    made["works"] = works.url
    made["topic"] = "/zh-hans/topic-elderly/"
    print("SEED " + json.dumps(made, ensure_ascii=False))
