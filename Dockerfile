# The API image for docker-compose (Neo4j and Meilisearch run as their own containers).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY seed ./seed
COPY schema.gql ./
COPY web ./web
RUN npx tsc -p tsconfig.build.json && npm run build:web && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY package.json schema.gql ./
COPY graph/migrations ./graph/migrations
COPY seed/data ./seed/data
# /hsds/openapi.json and /hsds/profile, and the schemas the import validates against
COPY standards/hsds ./standards/hsds
COPY docs/hsds.md ./docs/hsds.md
USER node
EXPOSE 3000
CMD ["sh", "-c", "node dist/src/cli/seed.js --if-empty && node dist/src/main.js"]
