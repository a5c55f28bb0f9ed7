"""Video and audio in a science work carry a full transcript (WCAG 1.2.1 and 1.2.3): an empty one,
or one of only spaces and empty paragraphs, is refused when the work is saved."""

import pytest

from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.rich_text import RichText

from articles.blocks import ArticleBodyBlock, AudioBlock, VideoBlock


def value(block, transcript):
    return block.to_python({"caption": "流星雨观测指南", "transcript": transcript})


@pytest.mark.parametrize("block_class", [VideoBlock, AudioBlock])
@pytest.mark.parametrize("transcript", ["", "<p></p>", "<p> </p><p><br/></p>", "<p>&nbsp;\u3000</p>"])
def test_a_media_block_without_transcript_text_is_refused(block_class, transcript):
    block = block_class()
    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(value(block, transcript))
    assert "transcript" in refused.value.block_errors


@pytest.mark.parametrize("block_class", [VideoBlock, AudioBlock])
def test_a_media_block_with_a_transcript_is_accepted(block_class):
    block = block_class()
    cleaned = block.clean(value(block, "<p>找一个远离灯光的开阔地，躺下来看整片天空。</p>"))
    assert isinstance(cleaned["transcript"], RichText)


def test_the_work_body_refuses_a_video_without_transcript():
    body = ArticleBodyBlock()
    stream = body.to_python([{"type": "video", "value": {"caption": "地震避险", "transcript": "<p> </p>"}}])
    with pytest.raises(StreamBlockValidationError) as refused:
        body.clean(stream)
    assert "transcript" in refused.value.block_errors[0].block_errors


def test_the_rendered_block_shows_the_transcript():
    block = VideoBlock()
    html = block.render(value(block, "<p>伏地、遮挡、手抓牢。</p>"))
    assert "视频文字稿" in html and "伏地、遮挡、手抓牢。" in html
