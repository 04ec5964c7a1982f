# One multi-stage image, one target per role: gateway, projections, api, web, bot.
# Build: docker build --target <role> -t guildscope-<role> .   (docker compose does this for you)

FROM node:20-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3 is compiled from source when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
COPY contracts/package.json contracts/
COPY write-side/package.json write-side/
COPY gateway/package.json gateway/
COPY projections/package.json projections/
COPY api/package.json api/
COPY bot/package.json bot/
COPY simulator/package.json simulator/
COPY web/package.json web/
COPY stack/package.json stack/
RUN npm ci --no-audit --no-fund || npm install --no-audit --no-fund

FROM deps AS build
COPY . .
RUN npm run build

# Shared runtime: compiled workspaces + production node_modules.
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app /app
RUN npm prune --omit=dev --no-audit --no-fund || true
USER node

FROM runtime AS gateway
EXPOSE 4001
HEALTHCHECK CMD node -e "fetch('http://127.0.0.1:'+(process.env.GATEWAY_PORT||4001)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# V8 flags of every gateway host: see gateway/src/gateway.node-options.ts.
CMD ["node", "--max-semi-space-size=64", "gateway/dist/main.js"]

FROM runtime AS projections
EXPOSE 4002
HEALTHCHECK CMD node -e "fetch('http://127.0.0.1:'+(process.env.PROJECTIONS_PORT||4002)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "projections/dist/main.js"]

FROM runtime AS api
EXPOSE 4000
HEALTHCHECK CMD node -e "fetch('http://127.0.0.1:'+(process.env.API_PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "api/dist/main.js"]

FROM runtime AS web
EXPOSE 8080
CMD ["node", "stack/dist/web-server/web-server.main.js"]

FROM runtime AS bot
# Heap cap sized to the member lists of the guilds the bot serves (see docs/bench/bot.md); raise BOT_HEAP_MB for big shards.
ENV BOT_HEAP_MB=256
CMD ["sh", "-c", "exec node --max-old-space-size=$BOT_HEAP_MB --max-semi-space-size=4 bot/dist/main.js"]
