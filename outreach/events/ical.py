"""Events as iCalendar (RFC 5545): the feed of upcoming events and one event's file.

Written by hand (a few properties): CRLF line ends, lines folded at 75 octets without splitting a
UTF-8 character, TEXT values escaped (backslash, semicolon, comma, newline), times in UTC.
"""

import datetime

from django.utils import timezone
from django.utils.html import strip_tags

FEED_LIMIT = 200
PRODID = "-//nmgkp//events//ZH"


def escape(text):
    text = str(text or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line):
    """`line` cut into pieces of at most 75 octets, each after the first starting with a space."""
    encoded, pieces, limit = line.encode(), [], 75
    while len(encoded) > limit:
        cut = limit
        while cut and (encoded[cut] & 0xC0) == 0x80:  # never inside a UTF-8 character
            cut -= 1
        pieces.append(encoded[:cut])
        encoded, limit = encoded[cut:], 74  # the continuation's leading space is one octet
    pieces.append(encoded)
    return b"\r\n ".join(pieces).decode()


def utc(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event_lines(event, request, stamp):
    url = request.build_absolute_uri(event.get_url(request))
    description = event.summary
    if event.organizer:
        description += "\n主办单位：" + event.organizer
    if event.online_url:
        description += "\n线上参与：" + event.online_url
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{request.get_host().split(':')[0]}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{utc(event.start)}",
        f"DTEND:{utc(event.end)}",
        f"SUMMARY:{escape(event.title)}",
        f"DESCRIPTION:{escape(strip_tags(description))}",
        f"URL:{url}",
    ]
    if place := event.place:
        lines.append(f"LOCATION:{escape(place)}")
    if event.campaign_id and event.campaign:
        lines.append(f"CATEGORIES:{escape(event.campaign.name)}")
    if event.last_published_at:
        lines.append(f"LAST-MODIFIED:{utc(event.last_published_at)}")
    lines.append("END:VEVENT")
    return lines


def calendar(events, request, name):
    """The VCALENDAR of `events` as bytes."""
    stamp = utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        "X-WR-TIMEZONE:Asia/Shanghai",
    ]
    for event in events:
        lines += _event_lines(event, request, stamp)
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode()
