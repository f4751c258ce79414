import pytest
from wagtail.models import Site

from tests.search.conftest import _module_catalogue, catalogue  # noqa: F401  (the search tests' catalogue)


@pytest.fixture(autouse=True)
def fresh_site_root_paths():
    """Wagtail caches the sites' root paths in Redis, which outlives each test's rolled-back sites."""
    Site.clear_site_root_paths_cache()
    yield
    Site.clear_site_root_paths_cache()
