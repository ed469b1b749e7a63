# seatkeeper: a slim, non-root image.
#   docker build -t seatkeeper .
#   docker run -e SEATKEEPER_DATABASE_URL=postgresql://user@db:5432/seatkeeper -p 8000:8000 seatkeeper
ARG PYTHON_IMAGE=python:3.11-slim

# --- builder: install the project (no test extra) into a self-contained venv ---
FROM ${PYTHON_IMAGE} AS builder
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
# README.md is read by the build (pyproject's `readme`); `migrations` is a package.
COPY pyproject.toml README.md ./
COPY app ./app
COPY migrations ./migrations
RUN pip install .

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
EXPOSE 8000
# Migrate (idempotent), then serve; `exec` so the server gets SIGTERM directly.
CMD ["sh", "-c", "seatkeeper migrate && exec seatkeeper serve"]
