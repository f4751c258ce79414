"""Offers: the list (the same search as /tilbud/) and one offer."""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from offers.models import OfferLanguage, OfferPage

from .. import serializers as s
from ..problems import invalid_params_response
from ..schema_org import JSONLDRenderer, offer_schema_org
from ..search_adapter import API_ONLY_PARAMS, FACETS_PARAM, facet_counts, run_search
from .base import PROBLEM_RESPONSES, TRUE_VALUES, ApiView, offers_changed_at

SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, description="Fritekst (dansk, med bøjninger, synonymer og sammensatte ord)."),
    OpenApiParameter("maalgruppe", str, many=True, description="Målgruppe (slug, se /api/v1/target-groups/)."),
    OpenApiParameter("klassetrin", str, many=True, description="Klassetrin (slug, se /api/v1/grades/)."),
    OpenApiParameter("fag", str, many=True, description="Fag (slug, se /api/v1/subjects/)."),
    OpenApiParameter("fagomraade", str, many=True, description="Fagområde (slug, se /api/v1/subject-areas/)."),
    OpenApiParameter("verdensmaal", str, many=True, description="Verdensmål (nummer 1–17)."),
    OpenApiParameter("form", str, many=True, description="Form (se /api/v1/formats/)."),
    OpenApiParameter("pris", str, enum=["gratis"], description="Kun gratis tilbud."),
    OpenApiParameter("maks_pris", float, description="Højst denne pris i kr. (gratis tilbud med)."),
    OpenApiParameter("kommune", str, many=True, description="Kommune (slug, se /api/v1/kommuner/)."),
    OpenApiParameter("region", str, many=True, description="Region (regionskode, se /api/v1/regions/)."),
    OpenApiParameter("miljoe", str, many=True, description="Type af læringsmiljø (slug)."),
    OpenApiParameter("maaned", str, many=True, description="Måned, 1–12."),
    OpenApiParameter("sprog", str, many=True, enum=list(OfferLanguage.values), description="Sprog."),
    OpenApiParameter(
        "tilgaengelighed", str, many=True, enum=["niveaufri", "saerlige-behov"], description="Tilgængelighed."
    ),
    OpenApiParameter("postnummer", str, description="Dansk postnummer (fire cifre): søg ud fra stedet."),
    OpenApiParameter("lat", float, description="Breddegrad (i stedet for postnummer)."),
    OpenApiParameter("lon", float, description="Længdegrad (i stedet for postnummer)."),
    OpenApiParameter("afstand", str, enum=["5", "10", "25", "50", "100"], description="Højst så mange km væk."),
    OpenApiParameter(
        "sortering", str, enum=["relevans", "afstand", "nyeste", "titel"], description="Sortering (som på /tilbud/)."
    ),
    OpenApiParameter("side", int, description="Sidenummer fra 1."),
    OpenApiParameter("antal", int, enum=[10, 20, 50, 100], description="Tilbud pr. side (standard 20)."),
    OpenApiParameter(FACETS_PARAM, bool, description="Tag antal pr. filtervalg med (som filtrene på /tilbud/)."),
    OpenApiParameter("kommunesite", str, description="Kun et kommunesites tilbud (kommunens slug), som dets søgning."),
    OpenApiParameter(
        "omraade",
        str,
        enum=["kommune", "naboer", "hele-landet"],
        description="Kommunesitets område (standard kommune).",
    ),
    OpenApiParameter("laeringsmiljoe", int, description="Kun ét læringsmiljøs tilbud (dets id)."),
]


class OfferListView(ApiView):
    """Offers, as the search on /tilbud/ finds them: same parameters, same count, same order."""

    renderer_classes = [JSONRenderer, JSONLDRenderer]

    @extend_schema(
        operation_id="offers_list",
        summary="Søg i tilbud",
        description=(
            "Parametrene er de samme som søgningen på /tilbud/ (og et kommunesites søgning med kommunesite); "
            "svaret har samme antal og rækkefølge. Ukendte parametre og værdier giver 400 med en forklaring."
        ),
        parameters=SEARCH_PARAMETERS,
        responses={200: s.OfferListSerializer, **PROBLEM_RESPONSES},
    )
    def get(self, request):
        outcome = run_search(request.query_params, request=request._request)
        if outcome.problems:
            return invalid_params_response(request, outcome.problems)
        result = outcome.result
        offers = result.offers
        lookups = s.Lookups.load(offers, reference=result.filterset.reference)
        self.last_modified = offers_changed_at()
        context = {"request": request, "lookups": lookups}
        if request.accepted_renderer.format == "jsonld":
            return Response(
                {
                    "@context": "https://schema.org",
                    "@type": "ItemList",
                    "numberOfItems": result.total,
                    "itemListElement": [
                        {"@type": "ListItem", "position": result.first_index + index, "item": item}
                        for index, item in enumerate(
                            offer_schema_org(offer, request=request, lookups=lookups) for offer in offers
                        )
                    ],
                }
            )
        page = result.page_obj
        base = request.build_absolute_uri(reverse("opendata:offer-list"))
        extra = [(name, value) for name in API_ONLY_PARAMS for value in request.query_params.getlist(name)]
        extra_query = "&".join(f"{name}={value}" for name, value in extra if name != "format")

        def link(url: str | None) -> str | None:
            if url is None:
                return None
            return base + url + (("&" if url != "?" else "") + extra_query if extra_query else "")

        data = {
            "count": result.total,
            "page": page.number,
            "page_size": result.page_size,
            "pages": page.paginator.num_pages,
            "next": link(result.next_url),
            "previous": link(result.previous_url),
            "sort": result.sort,
            "html_url": request.build_absolute_uri("/tilbud/" + result.url(side=result.params.get("side"))),
            "notices": [str(notice) for notice in outcome.notices],
            "results": s.OfferSerializer(offers, many=True, context=context).data,
        }
        if request.query_params.get(FACETS_PARAM, "").lower() in TRUE_VALUES:
            data["facets"] = facet_counts(result)
        return Response(data)


def live_offers():
    return (
        OfferPage.objects.live()
        .public()
        .select_related("environment__environment_type", "municipality", "grade_from", "grade_to")
        .defer("search_vector")
    )


class OfferDetailView(ApiView):
    renderer_classes = [JSONRenderer, JSONLDRenderer]

    @extend_schema(
        operation_id="offers_retrieve",
        summary="Ét tilbud",
        description=(
            "Med Accept: application/ld+json (eller ?format=jsonld) som schema.org Course/EducationEvent med LRMI."
        ),
        responses={200: s.OfferDetailSerializer, **PROBLEM_RESPONSES},
    )
    def get(self, request, pk: int):
        if problems := self.unknown_params(request):
            return invalid_params_response(request, problems)
        offer = live_offers().filter(pk=pk).first()
        if offer is None:
            raise Http404
        lookups = s.Lookups.load([offer])
        moments = [offer.last_published_at, offer.environment.last_published_at if offer.environment else None]
        self.last_modified = max((moment for moment in moments if moment), default=None)
        if request.accepted_renderer.format == "jsonld":
            return Response(offer_schema_org(offer, request=request, lookups=lookups))
        return Response(s.OfferDetailSerializer(offer, context={"request": request, "lookups": lookups}).data)
