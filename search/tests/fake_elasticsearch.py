"""A stand-in Elasticsearch for tests: an HTTP server in a thread that records every request the
client sends and answers with canned, Elasticsearch-shaped JSON.

It knows nothing of search; it lets a test see exactly what the engine sends, and feed it the
responses (and failures) a real cluster would give.
"""

import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Recorded:
    method: str
    path: str
    params: dict[str, str]
    # Parsed JSON; a list of parsed lines for NDJSON (_bulk); None when there was no body.
    body: object = None


@dataclass
class Route:
    method: str
    pattern: re.Pattern
    status: int
    body: object
    delay: float = 0.0


@dataclass
class FakeElasticsearch:
    requests: list[Recorded] = field(default_factory=list)
    routes: list[Route] = field(default_factory=list)

    def reply(self, method, path, body=None, status=200, delay=0.0):
        """Answer `method` on paths matching the regex `path` (whole path). Later replies win.
        `body` may be a callable taking the Recorded request."""
        self.routes.insert(0, Route(method, re.compile(path), status, body, delay))

    def healthy(self, alias="kepu-works"):
        """Answer like a one-node cluster without analysis plugins where `alias` does not exist yet."""
        acknowledged = {"acknowledged": True}
        self.reply("GET", "/_nodes/plugins", {"nodes": {"node-1": {"name": "node-1", "plugins": []}}})
        self.reply("PUT", f"/{alias}-[0-9]+", {**acknowledged, "shards_acknowledged": True})
        self.reply("PUT", f"/{alias}/_doc/[0-9]+", {"result": "created", "_id": "1"}, status=201)
        self.reply("DELETE", f"/{alias}/_doc/[0-9]+", {"result": "deleted"})
        self.reply("DELETE", "/[^/_][^/]*", acknowledged)
        self.reply("PUT", "/_bulk", bulk_ok)
        self.reply("POST", "/[^/]+/_refresh", {"_shards": {"total": 1, "successful": 1, "failed": 0}})
        self.reply(
            "GET",
            f"/{alias}/_alias",
            error("index_not_found_exception", f"no such index [{alias}]", 404),
            404,
        )
        self.reply("POST", "/_aliases", acknowledged)
        self.reply("POST", f"/{alias}/_search", nothing_found)
        return self

    def sent(self, method, path):
        """The recorded requests for `method` on paths matching the regex `path`."""
        return [r for r in self.requests if r.method == method and re.fullmatch(path, r.path)]

    def start(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self):
        host, port = self.server.server_address
        return f"http://{host}:{port}"

    def answer(self, recorded):
        for route in self.routes:
            if route.method == recorded.method and route.pattern.fullmatch(recorded.path):
                if route.delay:
                    time.sleep(route.delay)
                body = route.body(recorded) if callable(route.body) else route.body
                return route.status, body
        return 404, error("resource_not_found_exception", f"no canned reply for {recorded.path}", 404)


def error(kind, reason, status):
    return {"error": {"type": kind, "reason": reason, "root_cause": [{"type": kind}]}, "status": status}


def bulk_ok(recorded):
    """Every action in a _bulk request succeeded."""
    items = []
    for line in recorded.body[::2]:
        ((action, meta),) = line.items()
        items.append({action: {"_index": meta.get("_index"), "_id": meta.get("_id"), "status": 201}})
    return {"took": 1, "errors": False, "items": items}


def nothing_found(recorded):
    """A _search answer with no hits, shaped to the aggregations asked for."""
    return search_response(total=0, aggregations=empty_aggregations((recorded.body or {}).get("aggs", {})))


def empty_aggregations(requested):
    """What a cluster answers for `requested` aggregations over no documents."""
    answer = {}
    for name, aggregation in requested.items():
        nested = empty_aggregations(aggregation.get("aggs", {}))
        if "terms" in aggregation:
            answer[name] = {
                "doc_count_error_upper_bound": 0,
                "sum_other_doc_count": 0,
                "buckets": [],
                **nested,
            }
        else:
            answer[name] = {"doc_count": 0, **nested}
    return answer


def search_response(hits=(), total=None, aggregations=None, suggest=None):
    """A _search answer: `hits` are (id, score, _source) triples."""
    hits = list(hits)
    body = {
        "took": 1,
        "timed_out": False,
        "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
        "hits": {
            "total": {"value": len(hits) if total is None else total, "relation": "eq"},
            "max_score": max((score or 0 for _, score, _ in hits), default=None),
            "hits": [
                {"_index": "kepu-works-1", "_id": str(id_), "_score": score, "_source": source}
                for id_, score, source in hits
            ],
        },
    }
    if aggregations is not None:
        body["aggregations"] = aggregations
    if suggest is not None:
        body["suggest"] = suggest
    return body


def _handler(fake):
    class Handler(BaseHTTPRequestHandler):
        def _serve(self):
            url = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode() if length else ""
            if not raw:
                body = None
            elif "ndjson" in (self.headers.get("Content-Type") or ""):
                body = [json.loads(line) for line in raw.splitlines() if line.strip()]
            else:
                body = json.loads(raw)
            params = {key: values[-1] for key, values in parse_qs(url.query).items()}
            recorded = Recorded(self.command, url.path, params, body)
            fake.requests.append(recorded)
            status, answer = fake.answer(recorded)
            payload = b"" if self.command == "HEAD" else json.dumps(answer).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (a timeout test)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _serve

        def log_message(self, format, *args):  # keep test output clean
            pass

    return Handler
