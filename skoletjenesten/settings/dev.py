from skoletjenesten.env import env_bool

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
ALLOWED_HOSTS = ["*"]  # municipal sites are served on their own hostnames, e.g. aarhus.localhost
DEMO_DATA_ALLOWED = True
