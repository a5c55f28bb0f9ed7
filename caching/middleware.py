"""One middleware, outside the session, CSRF and messages middleware so it sees the final answer
(their cookies included): it answers from the page cache when it may, and gives every answer its
Cache-Control (caching.policy)."""

from . import pagecache, policy, standin


class CacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        use_page_cache = pagecache.enabled() and policy.anonymous_request(request)
        if use_page_cache:
            hit = pagecache.fetch(request)
            if hit is not None:
                return hit
        response = self.get_response(request)
        public = policy.apply(request, response)
        if standin.needed(request, response, public):
            # A purge's refetch of a page that now needs a password: what nginx keeps in its place.
            return standin.response_for(request, response)
        if public and use_page_cache and request.method == "GET":
            pagecache.store(request, response, policy.shared_max_age(request, response))
        return response
