"""The content origin's side of playing: signed URLs tied to a learner and an activity, the player's
configuration, and its Content-Security-Policy.

The content origin (``settings.H5P_ORIGIN``) has its own host, so the app's session cookie is never
sent to it; a content URL carries a signed, short-lived token naming the user, lesson and package
instead. The one inline script of the player page is a constant, so the policy allows it by hash.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

SALT = "bekal.h5p.content"
PLAYER_CONTENT_ID = "bekal"  # the player's ``id``: H5P puts it in the resume-state URLs as :contentId

BOOTSTRAP_JS = """(function () {
  var cfg = JSON.parse(document.getElementById("h5p-config").textContent);
  // A browser may refuse storage to this third-party frame; H5P core then throws while starting the
  // content (its offline queue reads localStorage) and never sets up saving. It gets a storage that
  // lives in memory instead; what must last, the resume state, goes to the server.
  try { window.localStorage.getItem("bekal"); } catch (refused) {
    var memory = {};
    var own = function (key) { return Object.prototype.hasOwnProperty.call(memory, key); };
    var store = {
      getItem: function (key) { return own(key) ? memory[key] : null; },
      setItem: function (key, value) { memory[key] = String(value); },
      removeItem: function (key) { delete memory[key]; },
      clear: function () { memory = {}; },
      key: function (index) { return Object.keys(memory)[index] || null; },
      get length() { return Object.keys(memory).length; }
    };
    try { Object.defineProperty(window, "localStorage", {value: store, configurable: true}); } catch (ignored) {}
  }
  function tell(message) { window.parent.postMessage(message, cfg.parentOrigin); }
  function hook() {
    if (!window.H5P || !H5P.externalDispatcher) { setTimeout(hook, 50); return; }
    H5P.externalDispatcher.on("xAPI", function (event) {
      tell({type: "bekal-h5p-xapi", statement: event.data.statement});
    });
    // Resume state goes to the content origin's state URL (signed, per learner and activity); the
    // lesson page learns whether it was kept, and shows why not.
    H5P.jQuery(document).on("ajaxSuccess ajaxError", function (event, xhr, settings) {
      if (!settings || settings.type !== "POST" || settings.url.indexOf("/state/") === -1) return;
      var reply = xhr.responseJSON || {};
      tell({type: "bekal-h5p-state", saved: event.type === "ajaxSuccess" && reply.success === true,
            message: reply.message || "", message_en: reply.message_en || ""});
    });
    tell({type: "bekal-h5p-ready"});
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        tell({type: "bekal-h5p-height", height: document.documentElement.scrollHeight});
      }).observe(document.body);
    }
  }
  new H5PStandalone.H5P(document.getElementById("h5p-container"), cfg.options);
  hook();
})();"""


def bootstrap_hash() -> str:
    digest = hashlib.sha256(BOOTSTRAP_JS.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


@dataclass(frozen=True)
class ContentGrant:
    user_id: int
    lesson_id: int
    package_id: int


def content_token(*, user, lesson_id: int, package_id: int) -> str:
    return signing.dumps({"u": user.pk, "l": lesson_id, "p": package_id}, salt=SALT, compress=False)


def read_token(token: str) -> ContentGrant | None:
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.H5P_URL_MAX_AGE)
        return ContentGrant(int(data["u"]), int(data["l"]), int(data["p"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def player_user(user_id: int) -> dict:
    """H5P saves resume state only for a configured user; it gets no name, only a stable opaque id."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:h5p-user:{user_id}".encode()).hexdigest()[:20]
    return {"name": "Peserta", "mail": f"{digest}@peserta.invalid"}


def player_url(*, user, lesson_id: int, package_id: int) -> str:
    token = content_token(user=user, lesson_id=lesson_id, package_id=package_id)
    return f"{settings.H5P_ORIGIN}/c/{token}/play"


def player_csp(*, unsafe_eval: bool) -> str:
    scripts = f"'self' {bootstrap_hash()}" + (" 'unsafe-eval'" if unsafe_eval else "")
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",  # H5P sets inline styles on its elements
            "img-src 'self' data:",
            "font-src 'self' data:",
            "media-src 'self'",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            f"frame-ancestors {settings.SITE_URL}",
        ]
    )


FILE_CSP = "default-src 'none'; sandbox"  # a content or library file opened directly runs nothing
