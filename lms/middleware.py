import re


class IndonesianFirstMiddleware:
    """Lab terminals often run English browsers while their users read Indonesian.

    The site speaks Indonesian unless someone chose English with the language switch (a cookie),
    so the browser's Accept-Language header is ignored. Runs before LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class RequestIdMiddleware:
    """Give every request an id, answer it in ``X-Request-ID`` and put it on every log line of the request.

    A proxy's id (``X-Request-ID``, letters, digits and dashes, up to 64) is kept, so one request can
    be followed from the proxy's log into ours; anything else is replaced by a new one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .logging import new_request_id, request_id

        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request.id = incoming if _REQUEST_ID.fullmatch(incoming) else new_request_id()
        token = request_id.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response["X-Request-ID"] = request.id
        return response


_REQUEST_ID = re.compile(r"[A-Za-z0-9-]{8,64}")
