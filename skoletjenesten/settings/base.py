"""Settings shared by every environment, one module per concern; every knob comes from skoletjenesten.env.

dev, test and production start from here (``from .base import *``) and change what differs:
``core`` (Django, database, Redis and Celery, sessions, languages, files, e-mail, logging), ``cms`` (Wagtail,
maps, the search's caches, kommune sites), ``security`` (sign-in, lockout, two-factor, headers) and ``domain``
(each app's own knobs and its beat tasks).
"""

from .cms import *  # noqa: F403
from .core import *  # noqa: F403
from .domain import *  # noqa: F403
from .security import *  # noqa: F403
