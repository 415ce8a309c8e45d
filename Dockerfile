# Multi-stage: build the one binary, ship it alone on a slim glibc base.
# No Docker engine runs on our development machines, so this file is kept simple and is not
# exercised by CI; the binary it copies is the same one CI tests.
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home /data zapis \
 && mkdir -p /data && chown zapis /data
COPY --from=build /src/dist/zapis /usr/local/bin/zapis
USER zapis
ENV ZAPIS_DATA=/data PORT=3000 HOST=0.0.0.0
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s CMD curl -fsS http://127.0.0.1:3000/healthz || exit 1
ENTRYPOINT ["zapis"]
CMD ["serve"]
