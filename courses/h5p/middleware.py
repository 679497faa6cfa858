class NoCookiesMiddleware:
    """On the content origin: whatever cookie a browser sends is dropped, and none is ever set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_COOKIE", None)
        request.COOKIES = {}
        response = self.get_response(request)
        response.cookies.clear()
        return response
