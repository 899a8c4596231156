#!/bin/sh
# Nightly database backup.

BACKUP_DIR=/var/backups/db
STAMP=$(date +%Y%m%d)

_rotate() {
  # Removes backups older than a week.
  find "$BACKUP_DIR" -name '*.sql.gz' -mtime +7 -delete
}

dump() {
  local db=$1
  pg_dump "$db" | gzip > "$BACKUP_DIR/$db-$STAMP.sql.gz"
  echo "dumped $db"
}

verify() {
  local file=$1
  if ! gzip -t "$file"; then
    log_error "corrupt backup $file"
    return 1
  fi
}

log_error() {
  logger -t backup "$*"
}

mkdir -p "$BACKUP_DIR"
for db in shop users; do
  dump "$db"
done

_rotate
rm -rf /tmp/backup-cache
echo "backup finished"
