"""What the public API answers, field by field: anything not declared here never leaves the server.

Handlers build plain dicts; the API validates them against these schemas, which drop undeclared
keys, so the whitelist holds by construction (channels/tests/test_api_gate.py walks every key all
the same). They are plain pydantic models, validated in half the time of ninja's Schema (which wraps every
nested dict to read ORM attributes: 4 ms against 7.5 for 50 works). The query parameters use ninja's.
Descriptions are in Chinese: they are what the API's readers see on /api/v1/docs/.
"""

import datetime
from typing import Annotated, Literal

from ninja import Schema as QuerySchema
from pydantic import BaseModel as Schema
from pydantic import Field

MAX_LIMIT = 50
DEFAULT_LIMIT = 20


class Term(Schema):
    code: str = Field(
        description="代码（学科、人群、作品形式的英文代码，地区的 GB/T 2260 区划代码，标签的 slug）"
    )
    name: str = Field(description="名称")


class RegionTerm(Term):
    level: Literal["region", "league", "county"] = Field(description="层级：自治区、盟市或旗县区")
    league: Term | None = Field(description="旗县区所属的盟市；盟市和自治区为 null")


class Rendition(Schema):
    url: str = Field(description="图片地址（绝对地址，WebP）")
    width: int
    height: int


class Picture(Rendition):
    alt: str = Field(description="替代文本")


class Cover(Schema):
    alt: str = Field(description="替代文本")
    source: str = Field(description="图片来源/署名")
    card: Rendition = Field(description="卡片尺寸，480×270")
    large: Rendition = Field(description="大图，960×540")


class Creator(Schema):
    name: str = Field(description="作者")
    affiliation: str = Field(description="作者单位")


class Reviewer(Schema):
    name: str
    title: str = Field(description="职称")
    affiliation: str = Field(description="单位")


class ReviewCredit(Schema):
    line: str = Field(description="审核署名，一行文字，与网页上的相同")
    reviewers: list[Reviewer] = Field(description="科学性审核专家")
    date: str | None = Field(description="终审通过日期（YYYY-MM-DD）")
    fast_track: bool = Field(description="是否经应急科普快速通道发布")


class Correction(Schema):
    date: datetime.date
    text: str = Field(description="更正说明")


class ClassifiedItem(Schema):
    id: int = Field(description="编号，用于详情接口")
    title: str
    url: str = Field(description="网页地址（绝对地址）")
    summary: str
    disciplines: list[Term]
    audiences: list[Term]
    regions: list[RegionTerm]
    tags: list[Term]
    first_published_at: datetime.datetime = Field(description="首次发布时间（北京时间）")
    last_published_at: datetime.datetime = Field(description="最近一次发布或更正的时间（北京时间）")
    cover: Cover | None
    review: ReviewCredit


class WorkItem(ClassifiedItem):
    form: Term = Field(description="作品形式：图文、视频、音频、漫画、图解")
    creator: Creator
    corrections: list[Correction] = Field(description="更正说明，与网页上的顺序相同")


class NewsItem(ClassifiedItem):
    source: str = Field(description="信息来源")


# The body, block by block. Rich text is sanitised HTML: p, br, b, i, a (href only), ul, ol, li.


class Text(Schema):
    text: str


class Html(Schema):
    html: str = Field(description="经过清理的 HTML 片段")


class HeadingBlock(Schema):
    type: Literal["heading"]
    value: Text


class ParagraphBlock(Schema):
    type: Literal["paragraph"]
    value: Html


class ImageValue(Schema):
    image: Picture
    caption: str
    source: str = Field(description="图片来源/署名")


class ImageBlock(Schema):
    type: Literal["image"]
    value: ImageValue


class FactValue(Html):
    title: str


class FactBlock(Schema):
    type: Literal["fact"] = Field(description="知识点")
    value: FactValue


class QuoteValue(Text):
    attribution: str


class QuoteBlock(Schema):
    type: Literal["quote"]
    value: QuoteValue


class QuestionAnswer(Schema):
    question: str
    answer_html: str


class QuestionsValue(Schema):
    items: list[QuestionAnswer]


class QuestionsBlock(Schema):
    type: Literal["qa"] = Field(description="问与答")
    value: QuestionsValue


class MediaValue(Schema):
    url: str | None = Field(description="媒体文件地址；没有文件时为 null（内容见文字稿）")
    caption: str
    transcript_html: str = Field(description="完整文字稿")


class VideoValue(MediaValue):
    poster: Picture | None


class VideoBlock(Schema):
    type: Literal["video"]
    value: VideoValue


class AudioBlock(Schema):
    type: Literal["audio"]
    value: MediaValue


class Reference(Schema):
    title: str
    authors: str
    publisher: str
    year: int | None
    url: str
    doi: str


class ReferencesValue(Schema):
    items: list[Reference]


class ReferencesBlock(Schema):
    type: Literal["references"] = Field(description="参考文献")
    value: ReferencesValue


BodyBlock = Annotated[
    HeadingBlock
    | ParagraphBlock
    | ImageBlock
    | FactBlock
    | QuoteBlock
    | QuestionsBlock
    | VideoBlock
    | AudioBlock
    | ReferencesBlock,
    Field(discriminator="type"),
]


class WorkDetail(WorkItem):
    reading_minutes: int = Field(description="预计阅读分钟数")
    body: list[BodyBlock]


class NewsDetail(NewsItem):
    body: list[BodyBlock]


class Listing(Schema):
    count: int = Field(description="符合条件的总数")
    next: str | None = Field(description="下一页地址；没有下一页时为 null")
    previous: str | None = Field(description="上一页地址；第一页时为 null")


class WorkListing(Listing):
    items: list[WorkItem]


class NewsListing(Listing):
    items: list[NewsItem]


class Paging(QuerySchema):
    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"每页条数，1～{MAX_LIMIT}，默认 {DEFAULT_LIMIT}"
    )
    offset: int = Field(0, ge=0, description="跳过的条数，默认 0")
    since: datetime.datetime | None = Field(
        None, description="只要此时间之后发布或更正的（ISO 8601，如 2026-05-01T00:00:00+08:00）"
    )


class WorkQuery(Paging):
    discipline: str = Field("", description="学科代码，含下级学科（见 /api/v1/taxonomies/）")
    audience: str = Field("", description="重点人群代码")
    region: str = Field("", description="区划代码；盟市包含其旗县区")
    form: str = Field("", description="作品形式代码")


class DisciplineNode(Term):
    children: list["DisciplineNode"]


class AudienceTerm(Term):
    description: str


class County(Term):
    kind: str = Field(description="类型，如 旗、县、市辖区")


class League(County):
    counties: list[County]


class Taxonomies(Schema):
    disciplines: list[DisciplineNode]
    audiences: list[AudienceTerm]
    regions: list[League] = Field(description="12 个盟市及其旗县区")
    forms: list[Term]


class Problem(Schema):
    status: int
    title: str
    detail: str


class Retraction(Schema):
    date: datetime.date | None
    note: str = Field(description="撤稿说明")


class Retracted(Problem):
    retraction: Retraction


class BadRequest(Problem):
    params: list[str] = Field(description="有误的参数")
