"""Content-Security-Policy (django-csp): strict on the public site, with inline scripts allowed in the admin.

The public pages use only the site's own script files, so script-src is 'self'. Wagtail's admin templates
still carry inline <script> blocks (configuration, chooser and editor set-up) without nonces, so under
/admin/ the policy adds 'unsafe-inline' to script-src; everything else (no foreign scripts, no framing by
other sites, no plugins, forms only to the site) holds there too.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts

ADMIN_PREFIX = "/admin/"


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX) and parts.replace is None:
            parts.update = {**(parts.update or {}), "script-src": ["'self'", "'unsafe-inline'"]}
        return parts
