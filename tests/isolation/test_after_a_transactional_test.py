"""An ordinary test that runs after a transactional one on the same worker still finds the migrated data.

A transactional test flushes its worker's database. pytest-django runs them last, but xdist's worksteal can
hand a worker ordinary tests after them (tests/conftest.py puts the data back first). This package runs the
two in that order (its conftest); on one worker (``TEST_WORKERS=0``) the second test fails without the fix.
"""

from wagtail.models import Page

from curriculum.models import Grade


def test_a_transactional_test_flushes_the_database_after_itself(transactional_db):
    assert Grade.objects.exists()


def test_b_an_ordinary_test_after_it_finds_the_reference_data_and_the_page_tree(db):
    assert Grade.objects.exists()
    assert Page.objects.filter(depth=1).exists()
