"""WSGI entry point (gunicorn demo_site.wsgi): Django behind the page cache's WSGI front."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo_site.settings")

from codex_core.pagecache.wsgi import get_wsgi_application

application = get_wsgi_application()
