"""The default broker (kombu's filesystem transport) never shows a worker a half-written message."""

from queue import Empty

import pytest
from kombu import Connection

from lms.jobs import broker


@pytest.fixture
def channel(tmp_path):
    folders = {name: tmp_path / name for name in ("queue", "processed", "control")}
    for folder in folders.values():
        folder.mkdir()
    options = {
        "data_folder_in": str(folders["queue"]),
        "data_folder_out": str(folders["queue"]),
        "processed_folder": str(folders["processed"]),
        "control_folder": str(folders["control"]),
        "store_processed": False,
    }
    with Connection("filesystem://", transport=broker.Transport, transport_options=options) as connection:
        yield connection.default_channel


def test_the_project_broker_uses_the_whole_message_transport(settings):
    from lms.celery import app

    with Connection("filesystem://") as connection:  # what the default CELERY_BROKER_URL names
        assert isinstance(connection.default_channel, broker.Channel)
    with app.connection_for_write() as connection:
        if settings.CELERY_BROKER_URL.startswith("filesystem"):
            assert isinstance(connection.default_channel, broker.Channel)
        else:  # the services run: Redis, chosen by the URL alone
            assert connection.transport_cls == "redis"


def test_a_message_is_invisible_until_it_is_written_whole(channel, monkeypatch):
    seen_while_writing = []
    real_replace = broker.os.replace

    def replace_after_a_look(source, target):
        with pytest.raises(Empty):  # a worker polling now finds nothing, not a half-written file
            channel._get("celery")
        seen_while_writing.append(source)
        real_replace(source, target)

    monkeypatch.setattr(broker.os, "replace", replace_after_a_look)
    channel._put("celery", {"body": "x" * 100_000, "n": 1})

    assert seen_while_writing, "the message went straight to its final name"
    assert channel._get("celery") == {"body": "x" * 100_000, "n": 1}
    with pytest.raises(Empty):
        channel._get("celery")


def test_messages_come_out_in_the_order_they_were_put(channel):
    for n in range(5):
        channel._put("celery", {"n": n})
    assert [channel._get("celery")["n"] for _ in range(5)] == [0, 1, 2, 3, 4]
