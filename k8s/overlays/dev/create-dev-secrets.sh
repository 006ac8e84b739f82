#!/usr/bin/env sh
# Creates the dev overlay's secrets in namespace shopchat-dev with values made up here (never committed):
# a service token, an Ed25519 identity key pair, a customer-token secret, and URLs of the overlay's PostgreSQL and
# Redis. Existing secrets are kept, so tokens stay valid across runs; delete them to start over.
set -eu
ns=shopchat-dev
kubectl get namespace "$ns" >/dev/null 2>&1 || kubectl apply -f "$(dirname "$0")/namespace.yaml"
exists() { kubectl -n "$ns" get secret "$1" >/dev/null 2>&1; }
if ! exists host-secrets || ! exists mcp-server-credentials; then
  dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
  openssl genpkey -algorithm ed25519 -out "$dir/identity.pem"
  openssl pkey -in "$dir/identity.pem" -pubout -out "$dir/identity.pub.pem"
  token=$(openssl rand -hex 32)
  kubectl -n "$ns" create secret generic host-secrets \
    --from-literal=MCP_SERVICE_TOKEN="$token" \
    --from-file=MCP_IDENTITY_PRIVATE_KEY="$dir/identity.pem" \
    --from-literal=CUSTOMER_JWT_SECRET="$(openssl rand -hex 32)" \
    --from-literal=REDIS_URL=redis://redis:6379
  kubectl -n "$ns" create secret generic mcp-server-credentials \
    --from-literal=MCP_SERVICE_TOKEN="$token" \
    --from-file=MCP_IDENTITY_PUBLIC_KEY="$dir/identity.pub.pem"
fi
for service in orders products; do
  exists "$service-secrets" || kubectl -n "$ns" create secret generic "$service-secrets" \
    --from-literal=DATABASE_URL="postgres://shopchat@postgres:5432/$service"
done
exists docs-secrets || kubectl -n "$ns" create secret generic docs-secrets \
  --from-literal=DATABASE_URL=postgres://shopchat@postgres:5432/docs \
  --from-literal=REDIS_URL=redis://redis:6379
echo "secrets ready in $ns: kubectl apply -k $(dirname "$0")"
