"""Screenshots of outreach for the README: `.venv/bin/python docs/screenshots/take_outreach.py`.

Loads the demo into a throwaway SQLite database, serves it, and photographs the events calendar, an
event, the venue directory (the drawn league schematic: the demo has no tile server) and the 点单
form at a phone's 390 px, in Debian's Chromium. The server's log goes to
var/screenshots-outreach-server.log."""

from take import served_demo, shoot_phone  # docs/screenshots/take.py, beside this file

PAGES = {
    "events-calendar-390": "/zh-hans/events/?view=calendar",
    "event-390": "/zh-hans/events/wuhai-youth-robotics/",
    "venues-390": "/zh-hans/venues/",
    "order-390": "/zh-hans/outreach/requests/new/",
}


def main():
    with served_demo("screenshots-outreach") as base:
        shoot_phone(base, PAGES, height=1700)


if __name__ == "__main__":
    main()
