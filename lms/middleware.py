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
