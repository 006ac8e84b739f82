#!/usr/bin/env sh
# Creates the dev overlay's secrets in namespace shopchat-dev with values made up here (never committed), each role
# only its own (decision 0022): the chat API a customer-token secret, the job-signing secret, the staff console's
# token secret and the record's database; the worker the service token, the Ed25519 identity private key, the
# job-signing secret and the record's database; the MCP servers the service token and
# the public key; Redis its users (docker/redis/users.acl.template), whose passwords are in each REDIS_URL.
# Existing secrets are kept, so tokens stay valid across runs; delete them all to start over.
set -eu
ns=shopchat-dev
here=$(dirname "$0")
kubectl get namespace "$ns" >/dev/null 2>&1 || kubectl apply -f "$here/namespace.yaml"
exists() { kubectl -n "$ns" get secret "$1" >/dev/null 2>&1; }
if ! exists host-api-secrets || ! exists host-worker-secrets || ! exists mcp-server-credentials \
  || ! exists docs-secrets || ! exists redis-acl; then
  dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
  openssl genpkey -algorithm ed25519 -out "$dir/identity.pem"
  openssl pkey -in "$dir/identity.pem" -pubout -out "$dir/identity.pub.pem"
  token=$(openssl rand -hex 32)
  job_secret=$(openssl rand -hex 32)
  host_pw=$(openssl rand -hex 24)
  docs_pw=$(openssl rand -hex 24)
  sha() { printf %s "$1" | openssl dgst -sha256 -r | cut -d' ' -f1; }
  # The template's users with their passwords' SHA-256; a user without a password here (keda) stays off.
  grep '^user ' "$here/../../../docker/redis/users.acl.template" \
    | sed -e "s/^\(user host on \)%PASSWORD%/\1#$(sha "$host_pw")/" \
          -e "s/^\(user docs on \)%PASSWORD%/\1#$(sha "$docs_pw")/" \
          -e 's/ on %PASSWORD%/ off/' >"$dir/users.acl"
  for name in host-api-secrets host-worker-secrets mcp-server-credentials docs-secrets redis-acl; do
    kubectl -n "$ns" delete secret "$name" --ignore-not-found >/dev/null
  done
  kubectl -n "$ns" create secret generic redis-acl --from-file=users.acl="$dir/users.acl"
  kubectl -n "$ns" create secret generic host-api-secrets \
    --from-literal=CUSTOMER_JWT_SECRET="$(openssl rand -hex 32)" \
    --from-literal=TURN_JOB_SECRET="$job_secret" \
    --from-literal=CONSOLE_JWT_SECRET="$(openssl rand -hex 32)" \
    --from-literal=DATABASE_URL=postgres://shopchat@postgres:5432/host \
    --from-literal=REDIS_URL="redis://host:$host_pw@redis:6379"
  kubectl -n "$ns" create secret generic host-worker-secrets \
    --from-literal=MCP_SERVICE_TOKEN="$token" \
    --from-file=MCP_IDENTITY_PRIVATE_KEY="$dir/identity.pem" \
    --from-literal=TURN_JOB_SECRET="$job_secret" \
    --from-literal=DATABASE_URL=postgres://shopchat@postgres:5432/host \
    --from-literal=REDIS_URL="redis://host:$host_pw@redis:6379"
  kubectl -n "$ns" create secret generic mcp-server-credentials \
    --from-literal=MCP_SERVICE_TOKEN="$token" \
    --from-file=MCP_IDENTITY_PUBLIC_KEY="$dir/identity.pub.pem"
  kubectl -n "$ns" create secret generic docs-secrets \
    --from-literal=DATABASE_URL=postgres://shopchat@postgres:5432/docs \
    --from-literal=REDIS_URL="redis://docs:$docs_pw@redis:6379"
fi
for service in orders products; do
  exists "$service-secrets" || kubectl -n "$ns" create secret generic "$service-secrets" \
    --from-literal=DATABASE_URL="postgres://shopchat@postgres:5432/$service"
done
echo "secrets ready in $ns: kubectl apply -k $here"
