"""The drawn schematic of Inner Mongolia's 12 leagues that stands in for the map when no tile server
is set: each league a box, placed roughly west→east as the region's crescent runs, with its count.

Not a map: the boxes keep the leagues' order and neighbours (阿拉善 far west, 呼伦贝尔 north-east),
not their shapes or sizes. The grid is 6 columns × 5 rows of CELL units in a 360 × 250 view box.
"""

from dataclasses import dataclass

CELL_WIDTH, CELL_HEIGHT, GAP = 60, 50, 3
VIEW_BOX = "0 0 360 250"

# GB/T 2260 code → (short name drawn in the box, column, row, columns wide, rows tall).
LAYOUT = {
    "152900": ("阿拉善", 0, 3, 1, 2),
    "150300": ("乌海", 1, 4, 1, 1),
    "150800": ("巴彦淖尔", 1, 3, 1, 1),
    "150600": ("鄂尔多斯", 2, 4, 1, 1),
    "150200": ("包头", 2, 3, 1, 1),
    "150100": ("呼和浩特", 3, 3, 1, 1),
    "150900": ("乌兰察布", 4, 3, 1, 1),
    "152500": ("锡林郭勒", 3, 1, 2, 2),
    "150400": ("赤峰", 5, 3, 1, 1),
    "150500": ("通辽", 5, 2, 1, 1),
    "152200": ("兴安", 5, 1, 1, 1),
    "150700": ("呼伦贝尔", 4, 0, 2, 1),
}
# West to east: the order a screen reader and the Tab key meet the boxes.
WEST_TO_EAST = tuple(LAYOUT)


@dataclass
class LeagueBox:
    code: str
    name: str  # the full name, for the title and the accessible name
    short_name: str
    x: int
    y: int
    width: int
    height: int
    count: int | None  # None: not counted (a venue page's schematic only highlights)
    href: str
    current: bool

    @property
    def text_x(self):
        return self.x + self.width // 2

    @property
    def name_y(self):
        return self.y + self.height // 2 - (2 if self.count is not None else -5)

    @property
    def count_y(self):
        return self.name_y + 17

    @property
    def shade(self):
        """A class by how many venues the league has: none, a few, many."""
        if self.count is None:
            return "unknown"
        return "none" if self.count == 0 else "few" if self.count < 3 else "many"


def league_boxes(leagues, counts=None, current=None, href=lambda code: ""):
    """The 12 boxes in west→east order. `leagues`: the league-level Regions; `counts`: {code: n}
    (None: leave counts out); `current`: the highlighted league's code; `href(code)`: its link."""
    names = {league.code: league.name for league in leagues}
    boxes = []
    for code in WEST_TO_EAST:
        short_name, column, row, columns, rows = LAYOUT[code]
        boxes.append(
            LeagueBox(
                code=code,
                name=names.get(code, short_name),
                short_name=short_name,
                x=column * CELL_WIDTH + GAP // 2,
                y=row * CELL_HEIGHT + GAP // 2,
                width=columns * CELL_WIDTH - GAP,
                height=rows * CELL_HEIGHT - GAP,
                count=None if counts is None else counts.get(code, 0),
                href=href(code),
                current=code == current,
            )
        )
    return boxes
