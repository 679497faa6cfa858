"""kombu's filesystem transport (the no-server default broker), with every message written whole
before a worker can see it.

kombu creates the message file under its final name and then writes into it, while a worker that
lists the folder at that instant moves the file away and reads it half-written: the JSON fails to
parse and the worker dies ("Unrecoverable error"). Here the message is written under a name no
queue matches and renamed into place, which is atomic on one file system.
"""

from __future__ import annotations

import os
import uuid
from time import monotonic_ns

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    def _put(self, queue, payload, **kwargs):
        name = f"{monotonic_ns():020d}_{uuid.uuid4()}.{queue}.msg"  # zero-padded: sorted = put order
        final = os.path.join(self.data_folder_out, name)
        partial = os.path.join(self.data_folder_out, f"~{name}.part")  # "~…": sorts last, matches no queue
        try:
            with open(partial, "wb") as file:
                file.write(str_to_bytes(dumps(payload)))
            os.replace(partial, final)
        except OSError as exc:
            raise ChannelError(f"Cannot add file {final!r} to directory") from exc


class Transport(filesystem.Transport):
    Channel = Channel
