"""Settings for the real Celery worker in test_worker.py: the test settings, mail written to files."""

import os

from skoletjenesten.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["BOOKINGS_MAIL_DIR"]
