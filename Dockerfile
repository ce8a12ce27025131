# Image for the Dagster webserver and daemon of docker-compose.yml.
# NOTE: not built on the development machines, which have no Docker engine; `make demo`
# (embedded PostgreSQL, no containers) is the tested way to run the platform.
FROM python:3.11-slim

WORKDIR /opt/liudiao
COPY pyproject.toml README.md ./
COPY liudiao ./liudiao
COPY orchestration ./orchestration
COPY cockpit ./cockpit
COPY realtime ./realtime
COPY dbt ./dbt
# Editable, so the code finds the dbt project beside it (PROJECT_ROOT in liudiao/config.py).
RUN pip install --no-cache-dir --editable .

ENV DAGSTER_HOME=/opt/dagster_home
RUN mkdir -p $DAGSTER_HOME && printf 'telemetry:\n  enabled: false\n' > $DAGSTER_HOME/dagster.yaml
