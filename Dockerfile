FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY storage ./storage
RUN pip install . && useradd --create-home --uid 10001 crmbot && mkdir /data && chown crmbot /data

USER crmbot
WORKDIR /data
# With no tokens this starts the console channel; set TELEGRAM_BOT_TOKEN and/or SLACK_BOT_TOKEN for chat.
ENV DATABASE_URL=sqlite:////data/crmbot.db
# A published port reaches the container's own interface, not its loopback: the servers listen on all of them here.
ENV TELEGRAM_WEBHOOK_HOST=0.0.0.0 SLACK_HOST=0.0.0.0
ENTRYPOINT ["crmbot"]
