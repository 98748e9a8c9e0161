# One Herald image for the worker, the HTTP API and the codec server; docker-compose.yml gives each its
# command (node --import tsx workers/main.ts | client/api/main.ts | client/codec/main.ts). Node runs the
# TypeScript sources through tsx; bin/herald works inside it too (docker compose exec herald-api bin/herald …).
FROM node:24.21.0-slim
ENV NODE_ENV=production
WORKDIR /app
# Debian's Chromium, for the accessibility review a template approval runs in the API (axe-core
# through playwright-core; no browser is downloaded). The worker and codec server never start it.
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium \
  && rm -rf /var/lib/apt/lists/*
ENV HERALD_CHROMIUM=/usr/bin/chromium
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force
COPY tsconfig.json ./
COPY activities ./activities
COPY bin ./bin
COPY client ./client
COPY config ./config
COPY scripts/env.sh scripts/run.sh ./scripts/
COPY workers ./workers
COPY workflows ./workflows
# Bundled once here, from these sources, so workers start without running webpack.
RUN node --import tsx workers/bundle-workflows.ts /app/workflow-bundle.js
ENV HERALD_WORKFLOW_BUNDLE=/app/workflow-bundle.js
# V8 otherwise lets the heap grow toward a quarter of the host's memory before collecting in earnest:
# a worker sending 100,000 messages then holds ~600 MB, with this ~500 MB. A heap this small also
# shrinks V8's young generation to a few MB, so the adapters' short-lived objects get promoted and
# fill the old one: the default 16 MB semi-space brings the peak to ~410 MB (bench/throughput.ts).
# Node starts four V8 helper threads for garbage collection whatever the host: on a 2-core host
# they queue for a core behind the sends they pause (measured in docs/benchmarks.md). Two serve a
# worker of one or two cores; raise it with the cores.
ENV NODE_OPTIONS="--max-old-space-size=256 --max-semi-space-size=16 --v8-pool-size=2"
# The audit anchors' volume (docker-compose.yml): a new named volume takes this directory's owner.
RUN mkdir -p /var/lib/herald/audit-anchors && chown node:node /var/lib/herald/audit-anchors
USER node
CMD ["node", "--import", "tsx", "workers/main.ts"]
