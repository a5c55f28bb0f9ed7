"""Covers and video poster frames, drawn from a work's front matter: the discipline's pictogram,
the form, and the title lettered, so no two works share a cover and each says what it is about.
"""

from matplotlib import patches

from . import icons
from .canvas import Canvas, em, fit

COVER_SIZE = (1200, 675)

FORMS = {"article": "图文", "video": "视频", "audio": "音频", "comic": "漫画", "infographic": "图解"}
DISCIPLINES = {
    "astronomy": "天文",
    "earth-science": "地球科学",
    "meteorology": "气象",
    "geology": "地质与地震",
    "life-science": "生命科学",
    "health": "医学与健康",
    "disease-prevention": "疾病预防",
    "nutrition": "营养与食品安全",
    "mental-health": "心理健康",
    "agriculture": "农牧业",
    "crops": "种植业",
    "livestock": "畜牧兽医",
    "ecology": "生态环境",
    "energy": "能源",
    "materials": "材料",
    "aerospace": "航空航天",
    "it-ai": "信息技术与人工智能",
    "safety": "应急与安全",
    "fraud-prevention": "防诈骗",
}


def _rgb(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4))


def _tint(colour, t):
    """The colour mixed with white by t (0 = the colour, 1 = white)."""
    return tuple(c + (1 - c) * t for c in _rgb(colour))


def _discipline(item):
    codes = item.get("disciplines") or []
    return codes[0] if codes else None


def cover(item, colour):
    """PNG bytes of a work's or news item's cover: pictogram on the left, the title on the right."""
    canvas = Canvas(COVER_SIZE, background=_tint(colour, 0.86))
    ax, height = canvas.ax, canvas.height
    code = _discipline(item)
    ax.add_patch(patches.Circle((250, height / 2), 190, facecolor=colour))
    icons.draw(ax, icons.DISCIPLINE_ICONS.get(code, "document"), 250, height / 2, 120, "white", paper=colour)
    kind = FORMS.get(item.get("form"), "资讯")
    label = f"{kind} · {DISCIPLINES[code]}" if code else kind
    canvas.text(500, height - 90, label, size=24, bold=True, colour=colour)
    size = 46
    lines = fit(item["title"], size, 640)
    if len(lines) > 3:
        size = 38
        lines = fit(item["title"], size, 640)
    step = em(size) * 1.35
    first = height / 2 + (len(lines) - 1) * step / 2
    for k, line in enumerate(lines):
        canvas.text(500, first - k * step, line, size=size, bold=True)
    ax.add_patch(patches.Rectangle((500, 70), 640, 6, facecolor=colour))
    canvas.text(500, 40, "内蒙古科普", size=18, colour=colour)
    return canvas.png()


def describe_cover(item):
    code = _discipline(item)
    pictogram = f"{DISCIPLINES[code]}图标" if code else "资讯图标"
    return f"封面：{pictogram}和标题“{item['title']}”"


def poster(item, colour, points):
    """PNG bytes of a video work's poster frame: a play mark, 视频, the title and what it covers."""
    canvas = Canvas(COVER_SIZE, background="#111b1f")
    ax, height = canvas.ax, canvas.height
    ax.add_patch(patches.Rectangle((0, 0), 12, height, facecolor=colour))
    ax.add_patch(
        patches.Circle((230, height / 2 + 40), 130, facecolor="none", edgecolor="white", linewidth=6)
    )
    ax.add_patch(
        patches.Polygon(
            [(190, height / 2 + 110), (190, height / 2 - 30), (310, height / 2 + 40)], facecolor="white"
        )
    )
    canvas.text(230, height / 2 - 150, "视频", size=36, bold=True, colour="white", ha="center")
    y = height - 80
    for line in fit(item["title"], 34, 720)[:3]:
        canvas.text(440, y, line, size=34, bold=True, colour="white")
        y -= em(34) * 1.3
    canvas.text(440, y - 16, "本片讲：", size=24, bold=True, colour=_tint(colour, 0.35))
    y -= 16 + em(24) * 1.6
    for point in points[:5]:
        canvas.text(460, y, f"· {fit(point, 24, 680)[0]}", size=24, colour="#e8eef0")
        y -= em(24) * 1.5
    canvas.text(440, 40, "演示：未附视频文件，请阅读文字稿", size=18, colour="#9fb1b6")
    return canvas.png()


def describe_poster(item, points):
    return f"视频封面帧：播放标记、“视频”字样和标题“{item['title']}”，列出本片讲的{len(points[:5])}个要点：{'、'.join(points[:5])}"
