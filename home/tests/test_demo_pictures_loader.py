"""load_demo and the pictures: a bad `draw:` spec stops it before it writes, naming the file; a drawn
picture becomes an ordinary Wagtail image (PNG original, WebP renditions, alt as description)."""

import shutil

import pytest

from wagtail.images import get_image_model

from home.demo import content, pictures
from home.demo.content import ContentError
from home.demo.loader import DemoLoader

pytestmark = pytest.mark.django_db

_COMIC = "works/telecom-fraud-fake-service-police-and-task-scams-comic.md"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("icon: phone\n", "icon: telephone\n", "unknown icon 'telephone'"),
        ("draw: panel 第一格 冒充客服\n", "alt: 一张图\n", "needs a 'draw: …' line"),
    ],
)
def test_a_bad_drawing_stops_the_loader_before_it_writes(tmp_path, old, new, message):
    folder = tmp_path / "content"
    shutil.copytree(content.CONTENT_DIR, folder)
    path = folder / _COMIC
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    if "alt:" in new:  # without draw:, the spec's lines below would be refused first: drop them
        head, _, rest = path.read_text(encoding="utf-8").partition("alt: 一张图\n")
        rest = rest.split("caption:", 1)[1]
        path.write_text(f"{head}alt: 一张图\ncaption:{rest}", encoding="utf-8")
    with pytest.raises(ContentError, match=message) as raised:
        DemoLoader(content_dir=folder).read_content()
    assert str(raised.value).startswith(str(path))
    assert not get_image_model().objects.exists()


def test_a_drawn_picture_is_an_ordinary_wagtail_image():
    spec = {
        "kind": "bars",
        "heading": "图",
        "options": {},
        "lines": [("-", "浮尘 = 2 | 两个"), ("-", "扬沙 = 1")],
    }
    loader = DemoLoader()
    image = loader.image("test:1", pictures.describe(spec), lambda: pictures.figure(spec, "#2f7d4f"))
    assert image.file.name.endswith(".png") and (image.width, image.height) == (960, 720)
    assert image.description == "条形图：图。浮尘两个；扬沙1。"
    rendition = image.get_rendition("max-480x360|format-webp")
    assert rendition.file.name.endswith(".webp") and rendition.width == 480
    # Looked up by title: a second call draws nothing.
    assert loader.image("test:1", "", lambda: pytest.fail("drawn twice")) == image
