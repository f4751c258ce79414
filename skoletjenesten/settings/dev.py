from skoletjenesten.env import env_bool, env_int

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
ALLOWED_HOSTS = ["*"]  # municipal sites are served on their own hostnames, e.g. aarhus.localhost
DEMO_DATA_ALLOWED = True
# Template and code changes show at once while developing: no whole-page cache unless asked for.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)
