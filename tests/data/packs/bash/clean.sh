#!/usr/bin/env bash
#
# backup.sh - back up a PostgreSQL database and an uploads directory, ship the
# archive to a backup host and keep the last N archives there.
#
# Usage: backup.sh [-n] [-k KEEP] [-h HOST] DATABASE UPLOADS_DIR

set -euo pipefail
IFS=$'\n\t'

readonly SCRIPT_NAME="${0##*/}"
readonly DEFAULT_KEEP=14
readonly LOCK_FILE="/var/lock/${SCRIPT_NAME%.sh}.lock"

backup_host="${BACKUP_HOST:-backup.internal}"
backup_root="${BACKUP_ROOT:-/srv/backups}"
keep="$DEFAULT_KEEP"
dry_run=false
work_dir=""

log() {
    printf '%s %s: %s\n' "$(date '+%Y-%m-%dT%H:%M:%S')" "$SCRIPT_NAME" "$*" >&2
}

die() {
    log "error: $*"
    exit 1
}

usage() {
    cat <<USAGE
Usage: $SCRIPT_NAME [-n] [-k KEEP] [-h HOST] DATABASE UPLOADS_DIR

  -n       dry run: show what would be done, change nothing
  -k KEEP  number of archives to keep on the backup host (default: $DEFAULT_KEEP)
  -h HOST  backup host (default: $backup_host)
USAGE
}

# Runs a command, or only prints it in a dry run. Arguments are passed on intact.
run() {
    if [[ $dry_run == true ]]; then
        log "dry run: $*"
        return 0
    fi
    "$@"
}

cleanup() {
    local status=$?
    if [[ -n $work_dir && -d $work_dir ]]; then
        rm -rf -- "${work_dir:?}"
    fi
    rm -f -- "$LOCK_FILE"
    exit "$status"
}

require_commands() {
    local cmd
    for cmd in "$@"; do
        command -v "$cmd" >/dev/null 2>&1 || die "required command not found: $cmd"
    done
}

parse_args() {
    local opt
    while getopts ":nk:h:" opt; do
        case "$opt" in
            n) dry_run=true ;;
            k) keep="$OPTARG" ;;
            h) backup_host="$OPTARG" ;;
            :) die "option -$OPTARG needs a value" ;;
            *) usage; exit 2 ;;
        esac
    done
    shift $((OPTIND - 1))

    if [[ $# -ne 2 ]]; then
        usage
        exit 2
    fi
    if [[ ! $keep =~ ^[0-9]+$ ]] || (( keep < 1 )); then
        die "KEEP must be a positive number, got '$keep'"
    fi

    database="$1"
    uploads_dir="$2"
    [[ -d $uploads_dir ]] || die "uploads directory not found: $uploads_dir"
}

acquire_lock() {
    if [[ -e $LOCK_FILE ]]; then
        local pid
        read -r pid < "$LOCK_FILE" || pid=""
        if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
            die "another backup is running (pid $pid)"
        fi
        log "removing stale lock left by pid ${pid:-unknown}"
    fi
    printf '%s\n' "$$" > "$LOCK_FILE"
}

dump_database() {
    local target="$1"
    log "dumping database $database"
    run pg_dump --format=custom --no-owner --file="$target" -- "$database"
}

archive_uploads() {
    local target="$1"
    local parent name
    parent="$(dirname -- "$uploads_dir")"
    name="$(basename -- "$uploads_dir")"
    log "archiving $uploads_dir"
    run tar --create --gzip --file="$target" --directory="$parent" -- "$name"
}

count_files() {
    local dir="$1"
    local -a files
    shopt -s nullglob
    files=("$dir"/*)
    shopt -u nullglob
    printf '%s\n' "${#files[@]}"
}

ship_archive() {
    local archive="$1"
    local remote_dir="$backup_root/$database"
    log "copying $(basename -- "$archive") to $backup_host:$remote_dir"
    run ssh -- "$backup_host" mkdir -p -- "$remote_dir"
    run rsync --archive --partial --checksum -- "$archive" "$backup_host:$remote_dir/"
}

prune_old_archives() {
    local remote_dir="$backup_root/$database"
    local -a archives=()
    local line
    while IFS= read -r line; do
        archives+=("$line")
    done < <(ssh -- "$backup_host" "find '$remote_dir' -maxdepth 1 -name '*.tar' -printf '%f\\n'" | sort -r)

    local count="${#archives[@]}"
    if (( count <= keep )); then
        log "$count archives on $backup_host, nothing to prune"
        return 0
    fi
    local old
    for old in "${archives[@]:keep}"; do
        log "pruning $old"
        run ssh -- "$backup_host" rm -f -- "$remote_dir/$old"
    done
}

main() {
    parse_args "$@"
    require_commands pg_dump tar rsync ssh
    acquire_lock
    trap cleanup EXIT INT TERM

    work_dir="$(mktemp -d "${TMPDIR:-/tmp}/backup.XXXXXX")"
    cd "$work_dir" || die "cannot enter $work_dir"

    local stamp archive
    stamp="$(date -u '+%Y%m%dT%H%M%SZ')"
    archive="$work_dir/$database-$stamp.tar"

    dump_database "$work_dir/database.dump"
    archive_uploads "$work_dir/uploads.tar.gz"
    log "work directory holds $(count_files "$work_dir") files"

    run tar --create --file="$archive" -- database.dump uploads.tar.gz
    ship_archive "$archive"
    prune_old_archives
    log "backup of $database finished"
}

main "$@"
