"""Who may talk to the app, and what a page may load.

* Loopback by default, and then only with a loopback Host header (a web page elsewhere cannot
  reach the app through DNS rebinding). With accounts (and always off loopback), every request but
  signing in needs a signed-in session (web/accounts.py, web/signin.py).
* CSRF: every POST, PUT, PATCH and DELETE carries the header ``X-CSRF-Token`` equal to the
  ``backstride_csrf`` cookie (double submit; another site can neither read the cookie nor send
  the header without a CORS permission the app never gives). ``GET /api/session`` hands a script
  the pair.
* Headers: a Content-Security-Policy with no inline script and nothing from elsewhere (every
  script, style and font is served by the app), no framing, no sniffing, no referrer.
"""

from __future__ import annotations

import hmac
import secrets

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

CSRF_COOKIE = "backstride_csrf"
CSRF_HEADER = "x-csrf-token"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "media-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
)
#: the report is the CLI's own file: its styles are inline and it runs no script at all
REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; media-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "SAMEORIGIN",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def _host_name(request: Request) -> str:
    host = request.headers.get("host", "")
    if host.startswith("["):
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def gate(request: Request, loopback: bool) -> Response | None:
    """A response that stops the request (a foreign Host on loopback, a missing CSRF pair), or None."""
    if loopback and _host_name(request) not in LOOPBACK_NAMES:
        return JSONResponse({"detail": "this app answers on 127.0.0.1 / localhost only"}, status_code=421)
    if request.method in UNSAFE:
        cookie, header = request.cookies.get(CSRF_COOKIE, ""), request.headers.get(CSRF_HEADER, "")
        if not cookie or not header or not hmac.compare_digest(cookie, header):
            return JSONResponse(
                {"detail": f"missing or wrong CSRF token: send the {CSRF_COOKIE} cookie's value in "
                           "the X-CSRF-Token header (GET /api/session gives both)"},
                status_code=403,
            )  # fmt: skip
    return None


def finish(request: Request, response: Response) -> Response:
    """Security headers on every response; a CSRF cookie for a browser that has none."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers.setdefault("Content-Security-Policy", CSP)
    if CSRF_COOKIE not in request.cookies:
        response.set_cookie(CSRF_COOKIE, csrf_for(request), samesite="strict", httponly=False)
    return response


def csrf_for(request: Request) -> str:
    """The request's CSRF token: its cookie's, else a new one (set on the response by :func:`finish`)."""
    existing = request.cookies.get(CSRF_COOKIE)
    if existing:
        return existing
    if not hasattr(request.state, "csrf_new"):
        request.state.csrf_new = secrets.token_urlsafe(24)
    return request.state.csrf_new
