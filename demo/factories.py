"""factory_boy factories for learning environments, their contacts and offers (Danish Faker).

``build()`` returns unsaved pages (the demo data's bulk path places and inserts them);
``create()`` adds the page under ``parent`` with Wagtail's ``add_child``, for tests.
Seed them with ``factory.random.reseed_random(seed)`` for repeatable data.
"""

from __future__ import annotations

import factory
from factory import random as factory_random

from curriculum.models import Grade, Subject, SubjectArea
from geography.models import Postcode
from offers.models import (
    EnvironmentType,
    LearningEnvironmentContact,
    LearningEnvironmentIndexPage,
    LearningEnvironmentPage,
    OfferFormat,
    OfferPage,
)
from offers.search.index import refresh_page_search

from .site import environment_index

DANISH = "da_DK"
_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "o", "ä": "a"})


def danish_phone() -> str:
    """A Danish eight-digit number, written the Danish way: "+45 12 34 56 78"."""
    digits = f"{factory_random.randgen.randint(20_000_000, 99_999_999)}"
    return "+45 " + " ".join(digits[i : i + 2] for i in range(0, 8, 2))


def email_local_part(name: str) -> str:
    """ "Mette Sørensen" → "mette.soerensen"."""
    return ".".join(name.lower().translate(_ASCII).split())


class PageFactory(factory.django.DjangoModelFactory):
    """Creates pages the Wagtail way: ``parent.add_child(instance=...)``."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        if parent is None:
            parent = cls._default_parent()
        return parent.add_child(instance=model_class(*args, **kwargs))

    @classmethod
    def _build(cls, model_class, *args, parent=None, **kwargs):
        return model_class(*args, **kwargs)

    @classmethod
    def _default_parent(cls):
        raise NotImplementedError


class LearningEnvironmentPageFactory(PageFactory):
    class Meta:
        model = LearningEnvironmentPage

    title = factory.Sequence(lambda n: f"Læringsmiljø {n + 1}")
    environment_type = factory.LazyFunction(lambda: EnvironmentType.objects.get(slug="museum"))
    street_address = factory.LazyAttribute(lambda o: f"{o.street_name} {factory_random.randgen.randint(1, 150)}")
    postcode = factory.LazyFunction(lambda: Postcode.lookup("8000"))
    municipality = factory.LazyAttribute(lambda o: o.postcode.municipality)
    latitude = factory.LazyAttribute(lambda o: o.postcode.latitude)
    longitude = factory.LazyAttribute(lambda o: o.postcode.longitude)
    description = factory.LazyAttribute(lambda o: f"<p>{o.title} tager imod skoleklasser hele året.</p>")
    step_free_access = True

    class Params:
        street_name = factory.Faker("street_name", locale=DANISH)

    @classmethod
    def _default_parent(cls):
        return environment_index()


class LearningEnvironmentContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningEnvironmentContact

    name = factory.LazyAttribute(lambda o: f"{o.first_name} {o.last_name}")
    role = "Skoletjenesteansvarlig"
    email = factory.LazyAttribute(lambda o: f"{email_local_part(o.first_name)}@{o.domain}")
    phone = factory.LazyFunction(danish_phone)

    class Params:
        first_name = factory.Faker("first_name", locale=DANISH)
        last_name = factory.Faker("last_name", locale=DANISH)
        domain = "skoletjenesten.dk"


class OfferPageFactory(PageFactory):
    class Meta:
        model = OfferPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Undervisningstilbud {n + 1}")
    teaser = "Eleverne undersøger, afprøver og diskuterer sammen med en formidler."
    description = "<p>Et forløb i læringsmiljøet med oplæg, aktiviteter og opsamling.</p>"
    grade_from = factory.LazyFunction(lambda: Grade.objects.get(slug="4-klasse"))
    grade_to = factory.LazyFunction(lambda: Grade.objects.get(slug="6-klasse"))
    grade_min = factory.LazyAttribute(lambda o: o.grade_from.position)
    grade_max = factory.LazyAttribute(lambda o: o.grade_to.position)
    formats = factory.LazyFunction(lambda: [OfferFormat.AT_ENVIRONMENT])
    months = factory.LazyFunction(lambda: [9, 10, 11])
    languages = factory.LazyFunction(lambda: ["da"])
    duration = "2 timer"
    duration_minutes = 120
    is_free = True
    booking_phone = factory.LazyFunction(danish_phone)

    @classmethod
    def _default_parent(cls):
        return LearningEnvironmentPageFactory()

    @factory.post_generation
    def subjects(self, create, extracted, **kwargs):
        if create and extracted:
            self.subjects.set(extracted)

    @factory.post_generation
    def subject_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.subject_areas.set(extracted)

    @factory.post_generation
    def save_relations(self, create, extracted, **kwargs):
        # ParentalManyToManyField values live on the instance until the page is saved again; then its search
        # rows, as publishing would (offers.signals).
        if create:
            self.save()
            refresh_page_search(self)


# Plain helpers for tests that want one page with readable defaults (add_child, signals and all).


def make_environment(index: LearningEnvironmentIndexPage, *, title="Naturcenter Vestamager", postcode="2300", **kwargs):
    environment = LearningEnvironmentPage(
        title=title,
        environment_type=kwargs.pop("environment_type", None) or EnvironmentType.objects.get(slug="naturcenter"),
        street_address=kwargs.pop("street_address", "Granatvej 3"),
        postcode=Postcode.lookup(postcode),
        description=kwargs.pop("description", "<p>Natur for alle klassetrin.</p>"),
        **kwargs,
    )
    index.add_child(instance=environment)
    return environment


def make_offer(
    environment: LearningEnvironmentPage, *, title="Liv i vandhullet", grades=("3-klasse", "6-klasse"), **kwargs
):
    subjects = kwargs.pop("subjects", ["natur-teknologi"])
    areas = kwargs.pop("subject_areas", ["naturfag-og-naturvidenskab"])
    offer = OfferPage(
        title=title,
        teaser=kwargs.pop("teaser", "Eleverne fanger smådyr og undersøger vandkvalitet."),
        description=kwargs.pop("description", "<p>En dag ved vandhullet med ketsjere og lupper.</p>"),
        grade_from=Grade.objects.get(slug=grades[0]),
        grade_to=Grade.objects.get(slug=grades[1]),
        formats=kwargs.pop("formats", [OfferFormat.AT_ENVIRONMENT]),
        months=kwargs.pop("months", [5, 6, 8, 9]),
        is_free=kwargs.pop("is_free", True),
        **kwargs,
    )
    environment.add_child(instance=offer)
    offer.subjects.set(Subject.objects.filter(slug__in=subjects))
    offer.subject_areas.set(SubjectArea.objects.filter(slug__in=areas))
    offer.save()
    refresh_page_search(offer)  # as publishing does (offers.signals); save() leaves other tables alone
    return offer
