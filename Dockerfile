# syntax=docker/dockerfile:1
# odoo-ai-gateway: NestJS (Fastify) on Node 20. Build: docker build -t odoo-ai-gateway .
# The service applies its own migrations from prisma/migrations at start-up, so the image carries them.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: full dependency tree, Prisma client generation, TypeScript compile ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CI=true PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
COPY package.json package-lock.json ./
# Scripts are skipped here because postinstall (prisma generate) needs the schema copied below.
# npm ci refuses a lock file that lacks other platforms' optional binaries; npm install then still pins from it.
RUN npm ci --ignore-scripts --no-audit --no-fund \
  || { echo "WARNING: npm ci failed (package-lock.json out of sync); using npm install" >&2; npm install --ignore-scripts --no-audit --no-fund; }
COPY tsconfig.json tsconfig.build.json prisma.config.ts ./
COPY scripts/prisma.js scripts/prisma.js
COPY prisma ./prisma
COPY src ./src
RUN node scripts/prisma.js generate && npm run build

# ---- deps: production dependencies only ----
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# The generated Prisma client is compiled into dist/, so the runtime needs no postinstall generate.
RUN { npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
  || { echo "WARNING: npm ci failed (package-lock.json out of sync); using npm install" >&2; npm install --omit=dev --ignore-scripts --no-audit --no-fund; }; } \
  && npm cache clean --force

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production PORT=8002 PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
# V8 heap caps and glibc's trim threshold, as in `npm start` (README, Operations): RSS ~134 MB under load instead of
# ~200-260; the fixed trim threshold gives back what malloc frees, which pays for the larger young generation.
ENV NODE_OPTIONS="--max-old-space-size=192 --max-semi-space-size=16" MALLOC_TRIM_THRESHOLD_=131072
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/src/admin/page ./dist/admin/page
COPY --chown=node:node package.json ./
COPY --chown=node:node prisma ./prisma
# The bundle (and tsc's dist/) keep `src/...` requires of code loaded on first use; node_modules/src -> dist resolves them.
# data/ is where an embedded database would live when DATABASE_URL is unset; /tmp is writable for node.
RUN ln -s ../dist /app/node_modules/src && mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 8002
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8002)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node runs as PID 1 without npm in between, so SIGTERM reaches Nest's shutdown hooks directly.
CMD ["node", "dist/main.bundle.js"]
