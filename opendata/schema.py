"""drf-spectacular hooks: the OpenAPI description covers the public API only (not Wagtail's admin API)."""


def only_public_api(endpoints, **kwargs):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/") and endpoint[0] != "/api/v1/"]
