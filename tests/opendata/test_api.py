"""The public API: shapes, only public content, problems for bad input, ETag/304, CORS, rate limit, schema."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.test import override_settings
from openapi_spec_validator import validate
from wagtail.models import PageViewRestriction

from demo.factories import make_environment
from opendata.throttling import limiter

pytestmark = pytest.mark.django_db


def get(client, url, params=None, **headers):
    return client.get(url, params or {}, **headers)


def test_offer_detail_has_stable_ids_absolute_urls_and_iso_dates(client, catalogue):
    offer = catalogue["vikings"]
    offer.save_revision().publish()
    offer.refresh_from_db()
    response = get(client, f"/api/v1/offers/{offer.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["id"] == offer.pk and data["slug"] == offer.slug
    assert data["url"] == "http://testserver" + offer.url
    assert data["api_url"] == f"http://testserver/api/v1/offers/{offer.pk}/"
    assert data["environment"]["title"] == "Vikingeskibsmuseet"
    assert data["environment"]["api_url"].startswith("http://testserver/api/v1/environments/")
    assert data["municipality"]["name"] == "Roskilde" and data["region"]["code"] == "1085"
    assert data["price"] == {"is_free": False, "amount": 1200.0, "currency": "DKK", "note": "", "label": "1.200 kr."}
    assert [s["slug"] for s in data["subjects"]] == ["historie"]
    assert [g["number"] for g in data["sdgs"]] == [14]
    assert {g["slug"] for g in data["target_groups"]} == {"grundskole"}
    assert data["location"]["postcode"] == "4000" and data["location"]["city"]
    published = datetime.datetime.fromisoformat(data["last_published_at"])
    assert published.tzinfo is not None and published == offer.last_published_at
    assert "<p>" in data["description"]


def test_offer_as_schema_org_course_with_lrmi(client, catalogue):
    offer = catalogue["vikings"]
    response = get(client, f"/api/v1/offers/{offer.pk}/", HTTP_ACCEPT="application/ld+json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    data = response.json()
    assert data["@context"] == "https://schema.org" and data["@type"] == "Course"
    assert {term["termCode"] for term in data["educationalLevel"]} >= {"4-klasse", "9-klasse"}
    assert [term["termCode"] for term in data["teaches"]] == ["historie"]
    assert data["provider"]["name"] == "Vikingeskibsmuseet"
    assert data["offers"]["price"] == 1200.0 and data["offers"]["priceCurrency"] == "DKK"
    same = get(client, f"/api/v1/offers/{offer.pk}/", {"format": "jsonld"}).json()
    assert same == data


def test_dated_offer_is_an_education_event(client, catalogue):
    offer = catalogue["pond"]
    offer.period_start, offer.period_end = datetime.date(2027, 5, 3), datetime.date(2027, 5, 7)
    offer.save_revision().publish()
    data = get(client, f"/api/v1/offers/{offer.pk}/", {"format": "jsonld"}).json()
    assert data["@type"] == "EducationEvent"
    assert data["startDate"] == "2027-05-03" and data["endDate"] == "2027-05-07"
    listing = get(client, "/api/v1/offers/", {"q": "vandhullet"}, HTTP_ACCEPT="application/ld+json").json()
    assert listing["@type"] == "ItemList" and listing["itemListElement"][0]["item"]["@type"] == "EducationEvent"


def test_only_live_public_content(client, catalogue):
    hidden = catalogue["pond"]
    hidden.unpublish()
    assert get(client, f"/api/v1/offers/{hidden.pk}/").status_code == 404
    restricted = catalogue["art"]
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="hemmelig")
    assert get(client, f"/api/v1/offers/{restricted.pk}/").status_code == 404
    ids = {offer["id"] for offer in get(client, "/api/v1/offers/", {"antal": "100"}).json()["results"]}
    assert hidden.pk not in ids and restricted.pk not in ids
    environments = get(client, "/api/v1/environments/").json()
    assert environments["count"] == 4
    assert all(item["offer_count"] >= 0 for item in environments["results"])


def test_no_personal_data_of_contacts(client, catalogue):
    environment = catalogue["pond"].environment.specific
    environment.contacts.create(name="Hanne Hemmelig", email="hanne@example.org", phone="12345678")
    for url in (f"/api/v1/environments/{environment.pk}/", f"/api/v1/offers/{catalogue['pond'].pk}/"):
        body = get(client, url).content.decode()
        assert "Hanne" not in body and "hanne@example.org" not in body and "12345678" not in body


def test_reference_data_lists_the_filter_values(client, catalogue):
    grades = get(client, "/api/v1/grades/").json()
    assert any(grade["slug"] == "3-klasse" for grade in grades)
    assert len(get(client, "/api/v1/kommuner/").json()) == 98
    assert len(get(client, "/api/v1/regions/").json()) == 5
    assert len(get(client, "/api/v1/sdgs/").json()) == 17
    assert {item["value"] for item in get(client, "/api/v1/formats/").json()} >= {"besoeg", "udebesoeg"}
    for name in ("target-groups", "subjects", "subject-areas", "environment-types", "municipal-sites"):
        assert get(client, f"/api/v1/{name}/").status_code == 200


@pytest.mark.parametrize(
    ("params", "bad"),
    [
        ({"klassetrin": "99-klasse"}, "klassetrin"),
        ({"maks_pris": "mange"}, "maks_pris"),
        ({"postnummer": "0000", "afstand": "10"}, "postnummer"),
        ({"afstand": "7", "postnummer": "8000"}, "afstand"),
        ({"sortering": "tilfældig"}, "sortering"),
        ({"antal": "1000000"}, "antal"),
        ({"side": "-1"}, "side"),
        ({"side": "99999"}, "side"),
        ({"ukendt": "1"}, "ukendt"),
        ({"q": ["a", "b"]}, "q"),
        ({"lat": "40", "lon": "2"}, "lat"),
        ({"kommunesite": "atlantis"}, "kommunesite"),
        ({"laeringsmiljoe": "x"}, "laeringsmiljoe"),
        ({"q": "x" * 5000}, "q"),
    ],
)
def test_bad_parameters_are_reported_as_problem_details(client, catalogue, params, bad):
    response = get(client, "/api/v1/offers/", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400 and problem["title"] == "Ugyldig forespørgsel"
    assert bad in [item["name"] for item in problem["invalid-params"]]
    assert all(item["reason"] for item in problem["invalid-params"])


def test_bad_input_never_echoes_markup(client, catalogue):
    response = get(client, "/api/v1/offers/", {"<script>": "1", "kommunesite": "<img src=x onerror=alert(1)>"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"  # JSON, never rendered as HTML


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("get", "/api/v1/offers/999999999/", 404),
        ("get", "/api/v1/environments/999999999/", 404),
        ("get", "/api/v1/findes-ikke/", 404),
        ("get", "/api/v2/offers/", 404),
        ("post", "/api/v1/offers/", 405),
        ("delete", "/api/v1/offers/1/", 405),
        ("get", "/api/v1/environments/?side=abc", 400),
        ("get", "/api/v1/environments/?kommune=atlantis", 400),
    ],
)
def test_errors_are_problem_json_in_danish(client, catalogue, method, url, status):
    response = getattr(client, method)(url)
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    problem = json.loads(response.content)
    assert problem["status"] == status and problem["detail"]


def test_not_acceptable_format_is_a_problem(client, catalogue):
    response = get(client, "/api/v1/offers/", HTTP_ACCEPT="text/csv")
    assert response.status_code == 406
    assert response["Content-Type"] == "application/problem+json"


def test_etag_and_last_modified_give_304(client, catalogue):
    catalogue["vikings"].save_revision().publish()
    url = f"/api/v1/offers/{catalogue['vikings'].pk}/"
    first = get(client, url)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert etag and last_modified
    assert get(client, url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert get(client, url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    listing = get(client, "/api/v1/offers/", {"q": "natur"})
    again = get(client, "/api/v1/offers/", {"q": "natur"}, HTTP_IF_NONE_MATCH=listing["ETag"])
    assert again.status_code == 304 and again.content == b""
    offer = catalogue["vikings"]
    offer.title = "Vikingerne på havet og på land"
    offer.save_revision().publish()
    changed = get(client, url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_cors_allows_any_origin_to_read_the_api_only(client, catalogue):
    response = get(client, "/api/v1/offers/", HTTP_ORIGIN="https://skole.example.dk")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/offers/", HTTP_ORIGIN="https://skole.example.dk", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert preflight.status_code == 200 and "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    page = client.get("/tilbud/", HTTP_ORIGIN="https://skole.example.dk")
    assert "Access-Control-Allow-Origin" not in page


@pytest.fixture
def fresh_limiter():
    limiter._client = None
    limiter._down_until = 0.0
    yield limiter
    limiter._client = None
    limiter._down_until = 0.0


def test_rate_limit_per_address_answers_429_with_retry_after(client, catalogue, fresh_limiter, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 3
    address = "198.51.100.7"
    statuses = [get(client, "/api/v1/regions/", REMOTE_ADDR=address).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = get(client, "/api/v1/regions/", REMOTE_ADDR=address)
    assert limited["Content-Type"] == "application/problem+json"
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert "For mange" in limited.json()["title"]
    assert get(client, "/api/v1/regions/", REMOTE_ADDR="198.51.100.8").status_code == 200  # another address
    assert limited["RateLimit-Remaining"] == "0"


def test_api_keeps_serving_when_redis_is_down(client, catalogue, fresh_limiter):
    with override_settings(API_RATE_LIMIT_REDIS_URL="redis://127.0.0.1:8189/0", API_RATE_LIMIT_PER_MINUTE=1):
        statuses = [get(client, "/api/v1/regions/").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]


def test_openapi_schema_is_valid_and_documents_the_search_parameters(client):
    response = get(client, "/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    validate(schema)  # raises on an invalid OpenAPI document
    assert schema["openapi"].startswith("3.")
    offers = schema["paths"]["/api/v1/offers/"]["get"]
    names = {parameter["name"] for parameter in offers["parameters"]}
    assert {"q", "klassetrin", "fag", "postnummer", "afstand", "sortering", "side", "antal", "facetter"} <= names
    assert "/api/v1/offers/{id}/" in schema["paths"] and "/api/v1/kommuner/" in schema["paths"]
    assert not any(path.startswith("/admin") for path in schema["paths"])


def test_documentation_page_is_served_from_our_own_static_files(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html.lower() and "/static/drf_spectacular_sidecar/" in html
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()
    # The site's Content-Security-Policy allows no inline script: every script is a file of ours.
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts and all("src=" in attributes for attributes in scripts)
    assert "script-src 'self'" in response["Content-Security-Policy"]
    for src in re.findall(r'<script[^>]*src="([^"]+)"', html):
        assert client.get(src.replace("&amp;", "&")).status_code == 200


def test_new_environment_without_offers_is_listed(client, catalogue, environment_index):
    make_environment(environment_index, title="Tom Gård", postcode="5000")
    data = get(client, "/api/v1/environments/", {"kommune": "odense"}).json()
    assert [item["title"] for item in data["results"]] == ["Tom Gård"]
    assert data["results"][0]["offer_count"] == 0
