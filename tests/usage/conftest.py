import pytest
import redis
from django.conf import settings
from wagtail.models import Site

from tests.search.conftest import _module_catalogue, catalogue  # noqa: F401  (the search tests' catalogue)
from usage.counters import FLUSH_PREFIX, KEY_PREFIX, counter


def clear_counters():
    client = redis.Redis.from_url(settings.USAGE_REDIS_URL)
    for key in [*client.scan_iter(match=KEY_PREFIX + "*"), *client.scan_iter(match=FLUSH_PREFIX + "*")]:
        client.delete(key)


@pytest.fixture(autouse=True)
def fresh_counters():
    Site.clear_site_root_paths_cache()
    counter._client, counter._down_until = None, 0.0
    clear_counters()
    yield
    counter.drain()
    clear_counters()
    counter._client, counter._down_until = None, 0.0
    Site.clear_site_root_paths_cache()
