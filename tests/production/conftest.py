import pytest

from .stack import Stack


@pytest.fixture(scope="module")
def stack():
    """Two gunicorn app servers (2 workers each) on one PostgreSQL database and Redis db 2, nginx in
    front with deploy/nginx.conf."""
    running = Stack("h2_two_servers", app_servers=2, workers=2)
    try:
        running.start()
    except Exception:
        print(running.logs())
        running.cleanup()
        raise
    yield running
    running.cleanup()
