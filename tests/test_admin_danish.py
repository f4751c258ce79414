"""The admin speaks Danish to every user by default, Wagtail's own strings included, and is branded Skoletjenesten."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import wagtail
from django.urls import reverse
from django.utils.translation import trans_real
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db

# The Wagtail apps this project installs (settings.INSTALLED_APPS), whose admin strings an editor meets.
WAGTAIL_APPS = ["", "admin", "images", "documents", "snippets", "users", "sites", "contrib/redirects",
                "contrib/settings", "embeds", "search"]  # fmt: skip
ENGLISH = [">Password", "Search all pages", "Images", "Documents", "Snippets", "Reports", "Sign in to Wagtail",
           "Forgotten password", "Remember me", "Help", "Dashboard", "Editor guide", "Add a user"]  # fmt: skip


def po_messages(path: Path) -> list[tuple[str | None, str, str | None]]:
    """(context, msgid, plural) of every message in a .po file."""
    messages, current, key = [], {}, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip() or line.startswith("#"):
            if current.get("msgid"):
                messages.append((current.get("msgctxt"), current["msgid"], current.get("msgid_plural")))
            if not line.strip():
                current, key = {}, None
            continue
        match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?)\s+(\".*\")$", line)
        if match:
            key = match.group(1)
            current[key] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and key:
            current[key] += ast.literal_eval(line)
    return messages


def test_every_wagtail_admin_string_has_a_danish_translation():
    """Wagtail ships its Danish about a third done; locale/da fills in the rest (and fails here after an
    upgrade brings new strings, listing them)."""
    root = Path(wagtail.__file__).parent
    untranslated = []
    for app in WAGTAIL_APPS:
        for domain in ("django", "djangojs"):
            source = root / app / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
            if not source.exists():
                continue
            catalog = (
                trans_real.translation("da")._catalog
                if domain == "django"
                else trans_real.DjangoTranslation("da", domain="djangojs", localedirs=[root / app / "locale"])._catalog
            )
            for context, msgid, plural in po_messages(source):
                key = f"{context}\x04{msgid}" if context else msgid
                if (key, 0) not in catalog if plural else key not in catalog:
                    untranslated.append(f"{app or 'wagtail'}/{domain}: {msgid}")
    assert not untranslated, f"{len(untranslated)} untranslated, e.g. {untranslated[:10]}"


def test_login_page_is_danish_and_branded_skoletjenesten(client):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-GB,en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Log ind på Skoletjenesten" in html and "Glemt adgangskode?" in html and "Husk mig" in html
    assert re.search(r"<label[^>]*>\s*Adgangskode", html)
    assert re.search(r"<title>[^<]*- Skoletjenesten</title>", html)
    assert "branding/skoletjenesten-mark.svg" in html
    assert "Wagtail" not in re.sub(r"<script.*?</script>|<svg.*?</svg>", "", html, flags=re.S).replace("wagtail", "")
    for english in ENGLISH:
        assert english not in html


def test_a_new_account_gets_the_admin_in_danish(client, admin_user, django_user_model):
    """Staff create an editor through the admin; the editor, whose browser asks for English, sees Danish."""
    client.force_login(admin_user)
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "redaktoer",
            "email": "redaktoer@skoletjenesten.dk",
            "first_name": "Rie",
            "last_name": "Dahl",
            "password1": "et-langt-kodeord-2026",
            "password2": "et-langt-kodeord-2026",
            "is_superuser": "on",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    assert client.login(username="redaktoer", password="et-langt-kodeord-2026")

    dashboard = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    html = dashboard.content.decode()
    assert 'lang="da"' in html
    assert "Søg i alle sider" in html and "Billeder" in html and "Dokumenter" in html and "Rapporter" in html
    assert re.search(r"<title>Overblik - Skoletjenesten</title>", html)
    for path in ("/admin/images/", "/admin/documents/", "/admin/snippets/", "/admin/reports/site-history/"):
        page = client.get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        for english in ("Search all pages", "Add an image", "Add a document", "Site history", "Sort by"):
            assert english not in page, (path, english)

    # Account settings offer English, with the server language (Danish) as the default.
    account = client.get(reverse("wagtailadmin_account"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "brug serverens sprog: dansk" in account.lower()


def test_an_editor_may_still_choose_english(client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(admin_user)
    assert "Search all pages" in client.get("/admin/").content.decode()
