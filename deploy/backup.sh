#!/usr/bin/env bash
# 督办的在线备份：把正在运行的督办的整个数据库（流程引擎的表、duban 模式的表，佐证材料也在其中）用 pg_dump 导出为一个文件。
# 督办不必停止：pg_dump 读取的是一致的快照，备份期间照常办理。见 docs/operations.md「备份与恢复」。
#
#   deploy/backup.sh /backup/duban-$(date +%F).dump
#
# 连接参数取 libpq 的环境变量：PGHOST、PGPORT、PGUSER、PGPASSWORD（或 ~/.pgpass）、PGDATABASE，
# 与督办的 DUBAN_DB_URL、DUBAN_DB_USER、DUBAN_DB_PASSWORD 指同一个数据库。
# PG_BIN：pg_dump 所在目录（如 /usr/lib/postgresql/17/bin）；pg_dump 的主版本不得低于服务器的主版本。
# 备份先写到 FILE.partial，检查其目录可读、含督办和引擎的表后才改名为 FILE：FILE 存在即是完整的备份。
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "用法：$0 备份文件" >&2
  exit 2
fi
out=$1
bin=${PG_BIN:+$PG_BIN/}
partial="$out.partial"
trap 'rm -f "$partial" "$partial.toc"' EXIT

# custom format: compressed, restored selectively and in parallel by pg_restore; owners and grants are left to the
# restoring side (restore.sh gives every object to the user it restores as)
"${bin}pg_dump" --format=custom --compress=6 --no-owner --no-privileges --file="$partial"

# the dump is readable and holds duban's items and the engine's jobs (a dump of the wrong database is refused)
"${bin}pg_restore" --list "$partial" > "$partial.toc"
if ! grep -q ' TABLE DATA duban item ' "$partial.toc" || ! grep -qE ' TABLE DATA [^ ]+ act_ru_job ' "$partial.toc"; then
  echo "备份失败：${PGDATABASE:-所连数据库} 中没有督办的表（duban.item、act_ru_job）" >&2
  exit 1
fi
mv "$partial" "$out"
echo "备份完成：$out（$(du -h "$out" | cut -f1)）"
