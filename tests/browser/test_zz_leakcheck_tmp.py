import pytest
from django.contrib.auth.models import Group


@pytest.mark.django_db
def test_a(browser):
    Group.objects.create(name="leak-check")


@pytest.mark.django_db
def test_b():
    assert not Group.objects.filter(name="leak-check").exists()
