from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


class PrivateFileStorage(FileSystemStorage):
    """Files only views with a permission check may hand out (no URL of their own).

    Its folder is ``PRIVATE_MEDIA_ROOT``, read when first needed and again when the setting
    changes (as FileSystemStorage does with MEDIA_ROOT), so tests can point it elsewhere.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("base_url", None)
        super().__init__(**kwargs)

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        import os

        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("private files have no public URL")


def private_storage():
    """The storage for FileFields holding private files (callable, so settings decide the backend)."""
    return storages["private"]
