#!/usr/bin/env bash
# 把 backup.sh 的备份恢复到一个空数据库，然后让督办连接这个数据库启动。见 docs/operations.md「备份与恢复」。
#
#   createdb -E UTF8 -T template0 duban_restored
#   PGDATABASE=duban_restored deploy/restore.sh /backup/duban-2026-12-05.dump
#
# 连接参数取 libpq 的环境变量（PGHOST、PGPORT、PGUSER、PGPASSWORD、PGDATABASE）；PG_BIN：pg_restore、psql 所在目录。
# 目标数据库必须是空的（没有任何表）：恢复不会与已有数据混在一起。恢复在一个事务中进行，失败时数据库保持为空。
# 所有对象归执行恢复的用户（PGUSER）所有，督办应以该用户连接。
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "用法：PGDATABASE=空数据库 $0 备份文件" >&2
  exit 2
fi
dump=$1
bin=${PG_BIN:+$PG_BIN/}
: "${PGDATABASE:?请用 PGDATABASE 指定要恢复到的空数据库}"

if [ ! -r "$dump" ]; then
  echo "恢复失败：读不到备份文件 $dump" >&2
  exit 1
fi
tables=$("${bin}psql" -X -A -t -q -v ON_ERROR_STOP=1 -c \
  "select count(*) from pg_tables where schemaname not in ('pg_catalog', 'information_schema')")
if [ "$tables" != "0" ]; then
  echo "恢复失败：数据库 $PGDATABASE 不是空的（已有 $tables 张表）；请恢复到新建的空数据库" >&2
  exit 1
fi

"${bin}pg_restore" --exit-on-error --single-transaction --no-owner --no-privileges --dbname="$PGDATABASE" "$dump"
# the planner's statistics are not in a dump
"${bin}psql" -X -q -v ON_ERROR_STOP=1 -c 'analyze'
echo "恢复完成：$dump → $PGDATABASE"
