"""Sign-in, lockout, two-factor sign-in, passwords and the security headers (see base)."""

from __future__ import annotations

from skoletjenesten.env import env_float, env_int

from .cms import MAP_TILE_URL

# Sign-in: the Wagtail admin's login page; without a valid `next`, a signed-in user lands in the admin
# (Django's default, /accounts/profile/, does not exist).
LOGIN_URL = "wagtailadmin_login"
LOGIN_REDIRECT_URL = "wagtailadmin_home"
WAGTAIL_FRONTEND_LOGIN_URL = "/admin/login/"

# Lockout after repeated failed sign-ins (django-axes), by user name and address together, so an attacker
# cannot lock a consultant out from elsewhere; the lockout page is Danish (operations/templates/axes).
AUTHENTICATION_BACKENDS = ["operations.backends.LockoutBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_float("AXES_COOLOFF_HOURS", 0.25)  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "operations/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind the reverse proxy, the client's address is the last one the proxy appended.
AXES_IPWARE_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Two-factor sign-in (django-otp's TOTP devices; wagtail-2fa does not run on Wagtail 8): any editor can
# set up an authenticator app under "Konto"; from then on the admin asks for its code after the password.
OTP_TOTP_ISSUER = "Skoletjenesten"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


# Security headers. Content-Security-Policy (django-csp): only the site's own scripts and styles, map
# tiles from the tile server; the Wagtail admin needs inline styles. No inline scripts anywhere.
_tile_origin = "/".join(MAP_TILE_URL.split("/")[:3]).replace("{s}.", "*.")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", _tile_origin],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": ["self"],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

WHITENOISE_USE_FINDERS = True  # the quick start and tests serve static files without collectstatic
