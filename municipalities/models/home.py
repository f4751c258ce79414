"""The kommune's home page with its highlighted offers and goals, and its offer search page."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from geography.models import Municipality
from offers.models import OfferPage
from offers.selectors import offer_cards

from ..blocks import MunicipalContentBlock
from .sites import GoalKind, MunicipalSite, OrganisationModel


class MunicipalPageMixin:
    """URLs for pages of a municipal tree that follow the route a request took.

    On the kommune's own hostname the pages have their normal URLs. Reached through
    /kommuner/<slug>/ on the national site, links stay under that prefix.
    """

    def get_url_parts(self, request=None):
        mirror = getattr(request, "municipal_mirror", None) if request is not None else None
        if mirror is not None and self.path.startswith(mirror.home_path):
            relative = self.url_path[len(mirror.home_url_path) :]
            return mirror.site_id, mirror.root_url, mirror.prefix + relative
        return super().get_url_parts(request=request)


class MunicipalHomePage(MunicipalPageMixin, Page):
    """The root page of a kommune's site, with its profile and highlighted offers."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.PROTECT, related_name="home_pages"
    )
    intro = RichTextField(_("introduktion"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    body = StreamField(MunicipalContentBlock(), verbose_name=_("indhold"), blank=True)
    organisation_model = models.CharField(
        _("organisering af skole-virksomhedssamarbejdet"),
        max_length=20,
        choices=OrganisationModel.choices,
        blank=True,
        help_text=_("Den model, der bedst beskriver, hvordan kommunen organiserer åben skole."),
    )
    organisation_description = RichTextField(
        _("om kommunens organisering"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("highlighted_offers", label=_("Fremhævede tilbud"), heading=_("Fremhævede tilbud")),
        FieldPanel("body"),
    ]
    profile_panels = [
        FieldPanel("organisation_model"),
        FieldPanel("organisation_description"),
        InlinePanel("goals", label=_("Mål"), heading=_("Kommunens mål for åben skole")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Indhold")),
            ObjectList(profile_panels, heading=_("Profil og mål")),
            ObjectList(Page.promote_panels, heading=_("Promovering")),
            ObjectList([FieldPanel("municipality", read_only=True), *Page.settings_panels], heading=_("Indstillinger")),
        ]
    )
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    # Created only with its Site, group and collection by services.create_municipal_site().
    is_creatable = False
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "municipalities.MunicipalSearchPage",
        "municipalities.MunicipalContentPage",
        "offers.LearningEnvironmentPage",
    ]

    class Meta:
        verbose_name = _("kommunesitets forside")
        verbose_name_plural = _("kommunesiters forsider")

    def route(self, request, path_components):
        # The pages below ask for their home page (header, menu, branding): it is this one, already loaded.
        request.municipal_home = self
        return super().route(request, path_components)

    @property
    def municipal_site(self) -> MunicipalSite | None:
        return MunicipalSite.objects.filter(site__root_page=self).select_related("site", "municipality").first()

    def highlighted_offer_pages(self):
        ids = [item.offer_id for item in self.highlighted_offers.all()]
        pages = {
            page.pk: page
            for page in OfferPage.objects.live()
            .public()  # never an offer behind a login or password, whoever picked it
            .filter(pk__in=ids)
            .select_related("environment", "municipality", "grade_from", "grade_to", "image")
        }
        return [pages[pk] for pk in ids if pk in pages]

    def highlighted_offer_ids(self) -> list[int]:
        """The ids of ``highlighted_offer_pages()``, in the consultant's order, without loading the pages."""
        ids = [item.offer_id for item in self.highlighted_offers.all()]
        shown = set(OfferPage.objects.live().public().filter(pk__in=ids).values_list("pk", flat=True))
        return [pk for pk in ids if pk in shown]

    def get_context(self, request, *args, **kwargs):
        from ..selectors import (  # page models render themselves; selectors import models
            local_offers_summary,
            municipal_page_context,
        )

        context = super().get_context(request, *args, **kwargs)
        context.update(municipal_page_context(self, request))
        highlighted = self.highlighted_offer_ids()
        # A new site with no content still shows its kommune's offers (those not already highlighted).
        newest, context["local_offer_count"] = local_offers_summary(home=self, highlighted=highlighted)
        # The search's cards, each cached on its own (offers.selectors.offer_cards).
        context["highlighted_cards"] = offer_cards(highlighted, request)
        context["local_offer_cards"] = offer_cards(newest, request)
        context["goals"] = list(self.goals.all())
        return context

    @cached_property  # the header's search link and every offer-list block ask
    def search_page(self) -> MunicipalSearchPage | None:
        return MunicipalSearchPage.objects.child_of(self).live().first()


class MunicipalHighlightedOffer(Orderable):
    page = ParentalKey(MunicipalHomePage, on_delete=models.CASCADE, related_name="highlighted_offers")
    offer = models.ForeignKey(
        "offers.OfferPage", verbose_name=_("tilbud"), on_delete=models.CASCADE, related_name="municipal_highlights"
    )

    panels = [FieldPanel("offer")]

    def clean(self):
        super().clean()
        if self.offer_id and not OfferPage.objects.public().filter(pk=self.offer_id).exists():
            raise ValidationError(
                {"offer": _("Tilbuddet er ikke offentligt (det kræver login eller adgangskode) og kan ikke fremhæves.")}
            )

    class Meta(Orderable.Meta):
        verbose_name = _("fremhævet tilbud")
        verbose_name_plural = _("fremhævede tilbud")

    def __str__(self) -> str:
        return str(self.offer)


class MunicipalGoal(Orderable):
    """A goal for åben skole. With a number and a filter it is measured against the kommune's offers."""

    page = ParentalKey(MunicipalHomePage, on_delete=models.CASCADE, related_name="goals")
    kind = models.CharField(_("type"), max_length=10, choices=GoalKind.choices)
    title = models.CharField(
        _("mål"), max_length=200, help_text=_("F.eks. “Mindst 20 virksomhedstilbud til 7.–9. klasse”.")
    )
    description = models.TextField(_("uddybning"), blank=True)
    target_count = models.PositiveIntegerField(
        _("antal tilbud"),
        null=True,
        blank=True,
        help_text=_(
            "Udfyld for at måle målet: antal tilbud til kommunens skoler, der opfylder betingelserne nedenfor."
        ),
    )
    environment_type = models.ForeignKey(
        "offers.EnvironmentType",
        verbose_name=_("type af læringsmiljø"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject_area = models.ForeignKey(
        "curriculum.SubjectArea",
        verbose_name=_("fagområde"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    grade_from = models.ForeignKey(
        "curriculum.Grade",
        verbose_name=_("fra klassetrin"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    grade_to = models.ForeignKey(
        "curriculum.Grade",
        verbose_name=_("til klassetrin"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("title")]),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("target_count"),
                FieldRowPanel([FieldPanel("environment_type"), FieldPanel("subject_area")]),
                FieldRowPanel([FieldPanel("grade_from"), FieldPanel("grade_to")]),
            ],
            heading=_("Måling"),
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("mål")
        verbose_name_plural = _("mål")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.grade_from_id and self.grade_to_id and self.grade_from.position > self.grade_to.position:
            raise ValidationError({"grade_to": _("“Til klassetrin” skal være samme eller et højere klassetrin.")})

    @property
    def is_measurable(self) -> bool:
        return self.target_count is not None

    def measure_filter(self) -> Q:
        """Which of the kommune's offers count toward the goal."""
        condition = Q()
        if self.environment_type_id:
            condition &= Q(environment__environment_type_id=self.environment_type_id)
        if self.subject_area_id:
            condition &= Q(subject_areas=self.subject_area_id)
        # An offer counts when its grades overlap the goal's range.
        if self.grade_from_id:
            condition &= Q(grade_max__gte=self.grade_from.position)
        if self.grade_to_id:
            condition &= Q(grade_min__lte=self.grade_to.position)
        return condition


class MunicipalSearchPage(MunicipalPageMixin, Page):
    """The kommune's offer search: the national search, scoped to the kommune by default."""

    intro = RichTextField(_("introduktion"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["municipalities.MunicipalHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("kommunal søgeside for tilbud")

    def serve(self, request, *args, **kwargs):
        from ..views import municipal_search  # a page's serve() hands over to its view; views import models

        return municipal_search(request, page=self, home=self.get_parent().specific)
