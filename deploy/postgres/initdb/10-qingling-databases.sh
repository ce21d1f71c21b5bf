#!/bin/bash
# 首次初始化（数据卷为空时）由 postgres 镜像执行一次，之后不再运行。
# Run once by the postgres image on first initialisation (empty data volume) only.
#
# 创建 / creates:
#   - 账本用户与库 / ledger role + database:  $QINGLING_DB_USER / $QINGLING_DB_NAME
#   - Temporal 用户 / Temporal role:          $TEMPORAL_DB_USER
#   - Temporal 库 / Temporal databases:       temporal, temporal_visibility
# 表结构分别由 `qingling migrate` 与 temporal-schema 服务建立。
# Tables are created by `qingling migrate` and by the temporal-schema service.
#
# 注意：以后修改 .env 里的密码不会改变库中的密码，需要手动执行
#   ALTER ROLE <user> PASSWORD '<new>';
# Note: changing a password in .env later does not change it in the database; run
#   ALTER ROLE <user> PASSWORD '<new>'; yourself.
#
# 可能被入口脚本 source 而非执行，因此不使用 set -u / exit。
# The entrypoint may source this file instead of executing it: no `set -u`, no `exit`.
set -e

: "${QINGLING_DB_USER:?QINGLING_DB_USER is required}"
: "${QINGLING_DB_NAME:?QINGLING_DB_NAME is required}"
: "${QINGLING_DB_PASSWORD:?QINGLING_DB_PASSWORD is required}"
: "${TEMPORAL_DB_USER:?TEMPORAL_DB_USER is required}"
: "${TEMPORAL_DB_PASSWORD:?TEMPORAL_DB_PASSWORD is required}"

# 密码经 psql 变量传入并由 :'var' 转义，不拼接进 SQL 文本。
# Passwords travel as psql variables quoted by :'var', never spliced into SQL text.
psql -v ON_ERROR_STOP=1 \
    --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" \
    --set=app_user="$QINGLING_DB_USER" \
    --set=app_db="$QINGLING_DB_NAME" \
    --set=app_password="$QINGLING_DB_PASSWORD" \
    --set=temporal_user="$TEMPORAL_DB_USER" \
    --set=temporal_password="$TEMPORAL_DB_PASSWORD" <<-'EOSQL'
	CREATE ROLE :"app_user" WITH LOGIN PASSWORD :'app_password';
	CREATE DATABASE :"app_db" OWNER :"app_user";
	REVOKE ALL ON DATABASE :"app_db" FROM PUBLIC;
	GRANT CONNECT, TEMPORARY ON DATABASE :"app_db" TO :"app_user";

	CREATE ROLE :"temporal_user" WITH LOGIN PASSWORD :'temporal_password';
	CREATE DATABASE temporal OWNER :"temporal_user";
	CREATE DATABASE temporal_visibility OWNER :"temporal_user";
	REVOKE ALL ON DATABASE temporal FROM PUBLIC;
	REVOKE ALL ON DATABASE temporal_visibility FROM PUBLIC;
	GRANT CONNECT, TEMPORARY ON DATABASE temporal TO :"temporal_user";
	GRANT CONNECT, TEMPORARY ON DATABASE temporal_visibility TO :"temporal_user";
EOSQL
