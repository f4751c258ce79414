"""The local folder for the catalogue's files, written whole: a name holds a complete file or nothing.

Django's ``FileSystemStorage`` writes straight into the final name, so a process killed mid-write leaves a
half file there. This one writes a temp file beside it, fsyncs it and renames it into place (as an S3 PUT is
all or nothing), so ``exists(name)`` never answers for half a file. Used when no bucket is configured
(``skoletjenesten.env.catalogue_storage``).
"""

from __future__ import annotations

import os
import tempfile

from django.core.files.storage import FileSystemStorage


class AtomicFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix="-" + os.path.basename(full_path))
        try:
            with os.fdopen(handle, "wb") as out:
                for chunk in content.chunks():
                    out.write(chunk if isinstance(chunk, bytes) else chunk.encode())
                out.flush()
                os.fsync(out.fileno())
            mode = self.file_permissions_mode
            if mode is None:  # what a plain open() would give: 0o666 less the umask
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.chmod(temp, mode)
            os.replace(temp, full_path)
        finally:
            if os.path.exists(temp):
                os.unlink(temp)
        folder = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
        return str(name).replace("\\", "/")
