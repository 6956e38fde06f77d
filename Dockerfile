# Steward's own image: one Node process serving the API, the portal and the admission webhook.
# Build: docker build -t steward .   Run: docker run -p 7420:7420 steward
# The base is pinned to the Node release the repository pins (package.json devDependencies.node); pin
# it by digest too where you build (docker buildx imagetools inspect node:24.21.0-bookworm-slim).

# Build: every dependency, then the portal (packages/web/dist).
FROM node:24.21.0-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json .npmrc ./
COPY packages/steward/package.json packages/steward/
COPY packages/web/package.json packages/web/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Runtime dependencies only: Node 24 runs the TypeScript sources directly, so there is nothing to compile.
FROM node:24.21.0-bookworm-slim AS runtime-deps
WORKDIR /src
COPY package.json package-lock.json .npmrc ./
COPY packages/steward/package.json packages/steward/
COPY packages/web/package.json packages/web/
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:24.21.0-bookworm-slim
ENV NODE_ENV=production \
    STEWARD_HOST=0.0.0.0 \
    STEWARD_PORT=7420 \
    STEWARD_DATA_DIR=/var/lib/steward \
    STEWARD_LOG_FORMAT=json
WORKDIR /app
COPY --from=runtime-deps /src/package.json ./
COPY --from=runtime-deps /src/node_modules ./node_modules
COPY --from=build /src/packages/steward/package.json packages/steward/
COPY --from=build /src/packages/steward/bin packages/steward/bin
COPY --from=build /src/packages/steward/src packages/steward/src
COPY --from=build /src/packages/web/package.json packages/web/
COPY --from=build /src/packages/web/dist packages/web/dist
# The data directory (embedded PGlite, the first admin token) belongs to the unprivileged user.
RUN mkdir -p /var/lib/steward && chown 10001:10001 /var/lib/steward
USER 10001:10001
EXPOSE 7420
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:7420/livez').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "packages/steward/bin/steward.js"]
CMD ["serve"]
