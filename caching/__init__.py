"""The front cache and the page cache: Cache-Control on every answer, purging what a change shows."""
