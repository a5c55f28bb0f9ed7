"""Works both Elasticsearch test modules index."""

import pytest

from tests import factories


@pytest.fixture
def es_works(site_tree):
    index = site_tree["works"]
    return {
        "desert": factories.make_work(
            index,
            "草原沙化是怎样发生的",
            body=[{"type": "paragraph", "value": "<p>过度放牧和干旱会让草原土地沙化。</p>"}],
            summary="土地沙化的成因与防治。",
            disciplines=["ecology"],
            audiences=["farmers-herders", "officials"],
            regions=["152522"],  # 阿巴嘎旗, in 锡林郭勒盟 (152500)
            published_at=factories.days_ago(30),
        ),
        "fraud": factories.make_work(
            index,
            "老年人如何防范电信诈骗",
            disciplines=["fraud-prevention"],
            audiences=["elderly"],
            form="video",
        ),
        "draft": factories.make_work(index, "沙尘暴来了怎么办", publish=False),
    }
