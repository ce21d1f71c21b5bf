#!/bin/sh
# 在 temporalio/admin-tools 中运行：等待 `temporal operator cluster health` 为 SERVING，
# 然后确保 qingling 使用的命名空间存在（temporalio/server 不会自动创建 default）。
# Runs in temporalio/admin-tools: waits until `temporal operator cluster health` reports
# SERVING, then makes sure qingling's namespace exists (temporalio/server, unlike the
# deprecated auto-setup image, does not create one).
set -eu

: "${TEMPORAL_ADDRESS:=temporal:7233}"
: "${QINGLING_TEMPORAL_NAMESPACE:=default}"
: "${QINGLING_TEMPORAL_RETENTION:=720h}"

host="${TEMPORAL_ADDRESS%:*}"
port="${TEMPORAL_ADDRESS##*:}"
# 与官方 samples-server 相同：先解析为 IPv4 地址再连接
# as in temporalio/samples-server: resolve the service name to IPv4 first
ip="$(getent ahosts "$host" 2>/dev/null | grep STREAM | head -n 1 | awk '{print $1}')" || ip=""
address="${ip:-$host}:${port}"

echo "Waiting for Temporal at ${TEMPORAL_ADDRESS} (${address}) ..."
attempt=0
until temporal operator cluster health --address "$address" 2>/dev/null | grep -q SERVING; do
    attempt=$((attempt + 1))
    if [ "$attempt" -ge 60 ]; then
        echo "Temporal did not report SERVING" >&2
        exit 1
    fi
    sleep 2
done
echo "Temporal cluster is SERVING"

ns="$QINGLING_TEMPORAL_NAMESPACE"
if temporal operator namespace describe --namespace "$ns" --address "$address" >/dev/null 2>&1; then
    echo "Namespace '${ns}' already exists"
else
    echo "Creating namespace '${ns}' (retention ${QINGLING_TEMPORAL_RETENTION}) ..."
    temporal operator namespace create --namespace "$ns" \
        --retention "$QINGLING_TEMPORAL_RETENTION" \
        --description "qingling wage-arrears campaigns" \
        --address "$address"
    # 等命名空间缓存刷新，避免 worker 首次轮询报 namespace not found
    # let the namespace caches refresh before workers start polling
    until temporal operator namespace describe --namespace "$ns" --address "$address" >/dev/null 2>&1; do
        sleep 2
    done
    sleep 15
    echo "Namespace '${ns}' created"
fi
