#!/usr/bin/env sh
# Builds every deployable's image from docker/Dockerfile, tagged shopchat/<name>:${TAG:-local}.
# The same targets and arguments as docker-compose.yml's `build:` sections (tools/deploy-check tests both).
set -eu
cd "$(dirname "$0")/.."
tag="${TAG:-local}"
build() { # name target workspace port
  docker build -f docker/Dockerfile --target "$2" --build-arg WORKSPACE="$3" --build-arg PORT="$4" -t "shopchat/$1:$tag" .
}
build host host apps/host 3000
build orders service services/orders 3101
build products service services/products 3102
build docs service services/docs 3103
build model-sim service packages/model-sim 3200
