#!/usr/bin/env bash
# Deploys a release directory to the web hosts.
set -euo pipefail

RELEASE_DIR=${1:-build}
HOSTS="web-1 web-2 web-3"
LOG_FILE=/var/log/deploy.log

log() {
  local level=$1
  shift
  echo "[$level] $*" >> "$LOG_FILE"
}

cleanup() {
  # TODO: keep the last three releases instead of none
  rm -rf $RELEASE_DIR/tmp
  rm -rf "/tmp/deploy-$$"
}

check_hosts() {
  for host in $HOSTS; do
    if ! ping -c 1 "$host" > /dev/null; then
      echo "host $host is down"
      return 1
    fi
  done
  echo "all hosts up"
}

deploy_host() {
  local host=$1
  local target=/srv/app
  rsync -az "$RELEASE_DIR/" "$host:$target/"
  ssh "$host" "sudo systemctl restart app"
  log info "deployed to $host"
}

main() {
  trap cleanup EXIT
  check_hosts || exit 1
  for host in $HOSTS; do
    deploy_host "$host"
  done
  if [ "$RELEASE_DIR" == "$RELEASE_DIR" ]; then
    echo done
  fi
  cd /srv/app && ls
  cd "$RELEASE_DIR"
}

main "$@"
