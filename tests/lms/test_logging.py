"""Request ids: answered in X-Request-ID, kept from a proxy when well-formed, and on every log line."""

import json
import logging

import pytest

from lms.logging import JsonFormatter, RequestIdFilter, request_id


@pytest.mark.django_db
def test_every_response_has_a_request_id(client):
    first, second = client.get("/ping"), client.get("/ping")
    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("incoming", "kept"),
    [("proxy-1234-abcd", True), ("short", False), ("x" * 65, False), ("evil\r\nSet-Cookie: a=b", False)],
)
def test_a_proxys_request_id_is_kept_only_when_well_formed(client, incoming, kept):
    answered = client.get("/ping", headers={"X-Request-ID": incoming})["X-Request-ID"]
    assert (answered == incoming) is kept
    assert "\n" not in answered


def _record(message="hello") -> logging.LogRecord:
    record = logging.LogRecord("bekal.test", logging.INFO, __file__, 1, message, None, None)
    RequestIdFilter().filter(record)
    return record


def test_log_lines_carry_the_current_request_id_as_json():
    token = request_id.set("abc123def456")
    try:
        line = JsonFormatter().format(_record("pesanan dibuat"))
    finally:
        request_id.reset(token)
    entry = json.loads(line)
    assert entry["request_id"] == "abc123def456"
    assert entry["message"] == "pesanan dibuat" and entry["level"] == "INFO"
    assert _record().request_id == "-"  # outside a request or task


def test_a_request_logs_with_its_id(rf, caplog):
    from django.http import HttpResponse

    from lms.middleware import RequestIdMiddleware

    def view(request):
        logging.getLogger("bekal.test").warning("inside the view")
        return HttpResponse("ok")

    caplog.handler.addFilter(RequestIdFilter())
    response = RequestIdMiddleware(view)(rf.get("/"))
    [record] = [r for r in caplog.records if r.getMessage() == "inside the view"]
    assert record.request_id == response["X-Request-ID"]
    assert request_id.get() == "-"  # reset once the request is answered
