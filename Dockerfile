# syntax=docker/dockerfile:1
# The Codex reference site. `docker build .` gives the runtime image (the last stage);
# `--target e2e` gives the browser-suite image used by the compose "tests" service.
# Layout inside the images: the project tree in /app, its dependencies in the venv /opt/venv.

# ---------------------------------------------------------------- builder: venv + compiled messages
FROM python:3.11-slim-bookworm AS builder
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH
# Compilers for any dependency without a wheel for this platform; gettext for compilemessages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential gettext \
    && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/venv
WORKDIR /app
# Dependencies first, so editing templates or features does not reinstall them.
COPY pyproject.toml README.md ./
COPY codex_core ./codex_core
# Editable: codex_core is imported from /app, beside demo_site and features; the venv holds the rest.
RUN pip install -e '.[demo]'
COPY . .
# No settings module: compilemessages then walks the whole tree for locale/ directories.
RUN django-admin compilemessages --verbosity 1

# ---------------------------------------------------------------- builder-dev: plus the dev extra
FROM builder AS builder-dev
RUN pip install -e '.[demo,dev]'

# ---------------------------------------------------------------- e2e: the browser suite
FROM python:3.11-slim-bookworm AS e2e
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    CI=true
# Debian's Chromium (the suite launches /usr/bin/chromium) and redis-server (the suite's private Redis).
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium redis-server \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 codex \
    && useradd --system --uid 10001 --gid codex --home-dir /app --shell /usr/sbin/nologin codex
COPY --from=builder-dev /opt/venv /opt/venv
COPY --from=builder-dev --chown=codex:codex /app /app
WORKDIR /app
USER 10001:10001
CMD ["pytest", "-m", "e2e", "-p", "no:cacheprovider"]

# ---------------------------------------------------------------- runtime (default target)
FROM python:3.11-slim-bookworm AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=demo_site.settings_production
RUN groupadd --system --gid 10001 codex \
    && useradd --system --uid 10001 --gid codex --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin codex
COPY --from=builder /opt/venv /opt/venv
# The code stays root-owned and read-only for the app user; only collected static files and media are its own.
COPY --from=builder /app /app
WORKDIR /app
RUN install -d -o codex -g codex /app/staticfiles /app/media
USER 10001:10001
EXPOSE 8000
# X-Forwarded-Proto: the production settings trust it, so the probe is not redirected to https.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request as r; r.urlopen(r.Request('http://127.0.0.1:8000/robots.txt', headers={'X-Forwarded-Proto': 'https'}), timeout=4)"]
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["gunicorn", "demo_site.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-"]
