# Switchboard for a team: one image, run as many replicas as you like on one Postgres (DATABASE_URL).
# Build: docker build -t switchboard .   Run: see docker-compose.yml and docs/team-mode.md.

# --- build: compile better-sqlite3, build the console, then keep only what runs ---
FROM node:22-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

# --- run: no compiler, no dev dependencies, not root ---
FROM node:22-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4300 DATA_DIR=/data LOG_LEVEL=info DRAIN_DELAY_MS=5000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/contract ./contract
COPY --from=build /app/server ./server
RUN rm -rf server/test && find server contract -name '*.test.ts' -delete \
 && mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 4300
# Alive (the orchestrator restarts it otherwise); load balancers should poll /readyz instead.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:4300/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# Listening beyond loopback needs --allow-remote: in a container that is the point.
CMD ["node", "--import", "tsx", "server/main.ts", "--allow-remote"]
