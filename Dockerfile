# seatkeeper: a slim, non-root image.
#   docker build -t seatkeeper .
#   docker run -e SEATKEEPER_DATABASE_URL=postgresql://user@db:5432/seatkeeper -p 8000:8000 seatkeeper
# A specific Python release on a specific Debian: a rebuild gets the same base.
ARG PYTHON_IMAGE=python:3.11.14-slim-bookworm

# --- builder: the locked dependencies, then the project, into a self-contained venv ---
FROM ${PYTHON_IMAGE} AS builder
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
# The pinned, hashed runtime lock (`make lock`), as CI installs it: the same
# versions everywhere, and a layer rebuilt only when the lock changes.
COPY requirements/runtime.txt requirements/runtime.txt
RUN pip install --require-hashes -r requirements/runtime.txt
# README.md is read by the build (pyproject's `readme`). The migrations ship
# inside the `app` package as `app.migrations` (setup.py maps the folder).
COPY pyproject.toml setup.py README.md ./
COPY app ./app
COPY migrations ./migrations
RUN pip install --no-deps .

# --- runtime: the venv and nothing else ---
FROM ${PYTHON_IMAGE}
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    SEATKEEPER_HOST=0.0.0.0 \
    SEATKEEPER_PORT=8000 \
    SEATKEEPER_DATABASE_URL=sqlite:////data/seatkeeper.db
RUN groupadd --system --gid 10001 seatkeeper \
 && useradd --system --uid 10001 --gid seatkeeper --no-create-home \
        --home-dir /data --shell /usr/sbin/nologin seatkeeper \
 && mkdir /data \
 && chown seatkeeper:seatkeeper /data
COPY --from=builder /opt/venv /opt/venv
WORKDIR /data
USER 10001:10001
# The SQLite default lives here: without a mounted volume, an anonymous one
# keeps it out of the container's writable layer.
VOLUME ["/data"]
EXPOSE 8000
# Ready = the process serves and its database answers (GET /readyz). The slim
# image has no curl: the venv's Python asks; any error or non-2xx exits 1.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ['SEATKEEPER_PORT'] + '/readyz', timeout=4)"
# Migrate (idempotent), then serve; `exec` so the server gets SIGTERM directly.
CMD ["sh", "-c", "seatkeeper migrate && exec seatkeeper serve"]
