"""Fill in deploy/nginx.conf's @@NAME@@ placeholders (ports and paths only) and write the result.

    python deploy/render_nginx.py out.conf PREFIX=/var/lib/portal-nginx PUBLIC_LISTEN=80 \\
        PURGE_LISTEN=10.0.0.5:8081 APP_SERVERS=/etc/portal/app-servers.conf \\
        PURGE_ALLOW=/etc/portal/purge-allow.conf CACHE_DIR=/var/cache/portal \\
        STATIC_ROOT=/srv/portal/static MEDIA_ROOT=/srv/portal/uploads WORKERS=auto

Every placeholder must be given, and nothing else may be: a typo fails instead of leaving @@X@@.
Also used by tests/production and bench/load.py, so the config they run is the one shipped.
"""

import re
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx.conf"
PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")


def render(values, template=TEMPLATE):
    text = Path(template).read_text()
    wanted = set(PLACEHOLDER.findall(text))
    given = set(values)
    if wanted != given:
        raise ValueError(f"missing: {sorted(wanted - given)}; unknown: {sorted(given - wanted)}")
    return PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), text)


def main(argv):
    out, *pairs = argv
    values = dict(pair.split("=", 1) for pair in pairs)
    Path(out).write_text(render(values))


if __name__ == "__main__":
    main(sys.argv[1:])
