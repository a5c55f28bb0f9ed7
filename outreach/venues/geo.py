"""Where a venue may be and how far it is: Inner Mongolia's bounding box and the great-circle
distance (haversine) the directory's “near me” sorts by, both on the server."""

import math
from decimal import Decimal, InvalidOperation

# A box around the autonomous region (rough on purpose: it refuses a typo or a swapped pair, not a
# place near the border).
LATITUDE_RANGE = (Decimal("37.4"), Decimal("53.4"))
LONGITUDE_RANGE = (Decimal("97.2"), Decimal("126.1"))
EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)


def in_region(latitude, longitude):
    """Whether a point lies in the box around Inner Mongolia."""
    return (
        LATITUDE_RANGE[0] <= Decimal(str(latitude)) <= LATITUDE_RANGE[1]
        and LONGITUDE_RANGE[0] <= Decimal(str(longitude)) <= LONGITUDE_RANGE[1]
    )


def parse_point(latitude, longitude):
    """(latitude, longitude) as floats when both strings are numbers inside the box, else None."""
    try:
        point = Decimal(str(latitude).strip()), Decimal(str(longitude).strip())
    except (InvalidOperation, ValueError):
        return None
    if not all(value.is_finite() for value in point) or not in_region(*point):
        return None
    return float(point[0]), float(point[1])


def distance_km(a, b):
    """The great-circle distance between two (latitude, longitude) points, in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (float(a[0]), float(a[1]), float(b[0]), float(b[1])))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
