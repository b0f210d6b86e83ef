"""Where generated documents and published files live: outside MEDIA_ROOT (next to it, or in
settings.PRIVATE_MEDIA_ROOT), served only through the permission-checked download views."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class ReportStorage(FileSystemStorage):
    @cached_property
    def base_location(self):
        root = settings.PRIVATE_MEDIA_ROOT
        return os.path.join(str(root), "reports")

    @cached_property
    def location(self):
        return os.path.abspath(self.base_location)

    @cached_property
    def base_url(self):
        return None


report_storage = ReportStorage()
