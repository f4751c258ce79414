"""This package's two tests in the order that once failed: the transactional one before the ordinary one."""

import pytest


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    # Only among this package's own positions (pytest-django puts transactional tests last): the other tests
    # keep their order.
    positions = [index for index, item in enumerate(items) if item.nodeid.startswith("tests/isolation/")]
    ordered = sorted((items[index] for index in positions), key=lambda item: item.name)
    for index, item in zip(positions, ordered, strict=True):
        items[index] = item
