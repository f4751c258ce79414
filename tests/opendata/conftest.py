from tests.search.conftest import _module_catalogue, catalogue  # noqa: F401  (the search tests' catalogue)
