#!/bin/sh
# 在 temporalio/admin-tools 中运行：为 temporal 与 temporal_visibility 安装/升级表结构。
# Runs in temporalio/admin-tools: installs or upgrades the temporal and
# temporal_visibility schemas. Both databases already exist (created by
# deploy/postgres/initdb), so `temporal-sql-tool create` is not used here.
# setup-schema -v 0.0 不会降低已有版本，update-schema 只执行更新的版本，可重复运行。
# setup-schema -v 0.0 never lowers an existing version and update-schema only applies newer
# versions, so this is safe on every `docker compose up` and after image upgrades.
# 密码由 SQL_PASSWORD 环境变量提供 / the password comes from SQL_PASSWORD.
set -eu

: "${SQL_HOST:?SQL_HOST is required}"
: "${SQL_PORT:=5432}"
: "${SQL_USER:?SQL_USER is required}"
: "${SQL_PASSWORD:?SQL_PASSWORD is required}"
export SQL_PASSWORD

PLUGIN=postgres12
SCHEMA_ROOT=/etc/temporal/schema/postgresql/v12

echo "Waiting for PostgreSQL at ${SQL_HOST}:${SQL_PORT} ..."
attempt=0
until nc -z -w 5 "$SQL_HOST" "$SQL_PORT"; do
    attempt=$((attempt + 1))
    if [ "$attempt" -ge 30 ]; then
        echo "PostgreSQL did not become reachable" >&2
        exit 1
    fi
    sleep 2
done

sql_tool() {
    temporal-sql-tool --plugin "$PLUGIN" --ep "$SQL_HOST" -p "$SQL_PORT" -u "$SQL_USER" "$@"
}

setup_db() {
    db="$1"
    schema_dir="$2"
    echo "Temporal schema: ${db} <- ${schema_dir}"
    sql_tool --db "$db" setup-schema -v 0.0
    sql_tool --db "$db" update-schema -d "$schema_dir"
}

setup_db temporal "${SCHEMA_ROOT}/temporal/versioned"
setup_db temporal_visibility "${SCHEMA_ROOT}/visibility/versioned"

echo "Temporal schema setup complete"
