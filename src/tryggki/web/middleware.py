"""ASGI middleware: locale, CSRF cookie and security headers for every response."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from http.cookies import SimpleCookie

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tryggki.i18n import DEFAULT_LOCALE, negotiate, parse_locale, set_locale

LANG_COOKIE = "tryggki_lang"
CSRF_COOKIE = "tryggki_csrf"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def csrf_form_token(secret: str, cookie_value: str) -> str:
    """The token forms must echo: bound to the browser's CSRF cookie by an HMAC."""
    return hmac.new(secret.encode(), cookie_value.encode(), hashlib.sha256).hexdigest()


def _cookies(scope: Scope) -> SimpleCookie:
    jar: SimpleCookie = SimpleCookie()
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # noqa: S112 - a malformed cookie header is ignored
                continue
    return jar


class WebMiddleware:
    """Sets the request locale, ensures a CSRF cookie and adds security headers."""

    def __init__(self, app: ASGIApp, *, default_locale: str, secure_cookies: bool) -> None:
        self.app = app
        self.default_locale = parse_locale(default_locale) or DEFAULT_LOCALE
        self.secure = secure_cookies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        jar = _cookies(scope)
        headers = dict(scope.get("headers", []))
        locale = (
            parse_locale(jar[LANG_COOKIE].value if LANG_COOKIE in jar else None)
            or negotiate(headers.get(b"accept-language", b"").decode("latin-1"))
            or self.default_locale
        )
        set_locale(locale)
        csrf = jar[CSRF_COOKIE].value if CSRF_COOKIE in jar else None
        new_csrf = csrf is None or len(csrf) < 20
        if new_csrf:
            csrf = secrets.token_urlsafe(24)
        state = scope.setdefault("state", {})
        state["locale"] = locale
        state["csrf_cookie"] = csrf

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                out.setdefault("Content-Security-Policy", CSP)
                out.setdefault("X-Content-Type-Options", "nosniff")
                out.setdefault("Referrer-Policy", "same-origin")
                out.setdefault("X-Frame-Options", "DENY")
                out.setdefault("Content-Language", locale)
                if new_csrf:
                    secure = self.secure or scope.get("scheme") == "https"
                    flags = "; Path=/; HttpOnly; SameSite=Lax" + ("; Secure" if secure else "")
                    out.append("Set-Cookie", f"{CSRF_COOKIE}={csrf}{flags}")
            await send(message)

        await self.app(scope, receive, send_with_headers)
