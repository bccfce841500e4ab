#!/usr/bin/env bash
# A THROWAWAY PostgreSQL 15 server for the tests: a fresh cluster in a temporary directory, owned by
# a non-root user, listening on 127.0.0.1 only, trust authentication (nothing in it is worth
# protecting and nothing outside this machine can reach it). The distribution's own cluster is
# neither used nor touched.
#
# Durability: by default the server runs with PostgreSQL's documented non-durable settings
# (fsync=off, synchronous_commit=off, full_page_writes=off). Tests check what the database does, not
# whether the disk survives a power cut, and a killed *process* loses nothing either way (its writes
# are in the kernel's page cache); with fsync on, every CREATE DATABASE and migration of every test
# waits on the disk, which on a slow CI disk made the suite run for over an hour.
# KASHLINK_PG_DURABLE=1 starts it with fsync=on and synchronous_commit=on, as in production: the
# benchmarks do that, since their figures are compared against durable commits.
#
# Usage:
#   eval "$(bash scripts/test-postgres.sh start [ENV_FILE])"
#       Starts a server and prints two lines for the shell:
#         export KASHLINK_TEST_PG=postgresql://postgres@127.0.0.1:PORT/postgres
#         export KASHLINK_PG_DIR=/tmp/kashlink-pg.XXXXXX
#       ENV_FILE (or $KASHLINK_PG_ENV_FILE), when given, receives the same two lines.
#   bash scripts/test-postgres.sh stop [PG_DIR]
#       Stops the server and deletes its directory (PG_DIR defaults to $KASHLINK_PG_DIR).
#   bash scripts/test-postgres.sh url [PG_DIR]
#       Prints the URL of a running server.
#
# Progress and errors go to stderr, so that stdout holds only what `eval` should see.
set -euo pipefail

pg_bin=${KASHLINK_PG_BIN:-/usr/lib/postgresql/15/bin}
port_first=54320          # ports tried, in order, for the server's TCP listener
port_last=54419
start_timeout_s=60        # pg_ctl waits this long for the server to accept connections
marker=.kashlink-test-postgres  # only directories holding this file are ever deleted by `stop`

log() { echo "test-postgres: $*" >&2; }
die() { log "$*"; exit 1; }

# Runs a command as the cluster's owner: the `postgres` system user when we are root (PostgreSQL
# refuses to run as root), ourselves otherwise.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u "$owner" -- "$@"
    else
      setpriv --reuid="$owner" --regid="$(id -g "$owner")" --init-groups -- "$@"
    fi
  else
    "$@"
  fi
}

port_is_free() {
  # A successful connect means something listens there already.
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

write_env() {
  local url=$1 dir=$2 file=${3:-}
  local lines
  lines=$(printf 'export KASHLINK_TEST_PG=%q\nexport KASHLINK_PG_DIR=%q\n' "$url" "$dir")
  echo "$lines"
  if [[ -n "$file" ]]; then
    mkdir -p "$(dirname "$file")"
    echo "$lines" >"$file"
  fi
}

cmd_start() {
  local env_file=${1:-${KASHLINK_PG_ENV_FILE:-}}
  [[ -x "$pg_bin/initdb" && -x "$pg_bin/pg_ctl" ]] ||
    die "PostgreSQL 15 binaries not found in $pg_bin (install the Debian package 'postgresql')"
  owner=$(id -un)
  if [[ $(id -u) -eq 0 ]]; then
    owner=postgres
    id "$owner" >/dev/null 2>&1 || die "user 'postgres' is missing (install the Debian package 'postgresql')"
  fi

  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/kashlink-pg.XXXXXX")
  touch "$dir/$marker"
  chmod 0700 "$dir"
  [[ $(id -u) -eq 0 ]] && chown -R "$owner:" "$dir"
  # On any failure below (set -e, die), leave no server and no directory behind.
  started_dir=$dir
  trap 'if [[ -n "${started_dir:-}" ]]; then
          as_owner "$pg_bin/pg_ctl" -D "$started_dir/data" -m immediate stop >/dev/null 2>&1 || true
          rm -rf "$started_dir"
        fi' EXIT

  log "initdb in $dir/data (as $owner)"
  # --no-sync only skips initdb's own final fsync of the template files.
  as_owner "$pg_bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; false; }

  local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  if [[ "${KASHLINK_PG_DURABLE:-0}" == 1 ]]; then
    durability="-c fsync=on -c synchronous_commit=on"
  fi
  log "durability: $durability"

  local port started=0
  for ((port = port_first; port <= port_last; port++)); do
    port_is_free "$port" || continue
    # Two test runs may pick the same free port at once; the loser fails to bind and tries the next.
    if as_owner "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t "$start_timeout_s" \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir $durability \
          -c shared_buffers=32MB -c max_connections=200 -c logging_collector=off" \
      start >/dev/null 2>&1; then
      started=1
      break
    fi
  done
  if ((started == 0)); then
    tail -n 20 "$dir/server.log" >&2 2>/dev/null || true
    die "could not start PostgreSQL on any port in $port_first..$port_last"
  fi

  local tries
  for ((tries = 0; tries < start_timeout_s * 10; tries++)); do
    "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres && break
    sleep 0.1
  done
  "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres || die "server on port $port is not ready"

  local url="postgresql://postgres@127.0.0.1:$port/postgres"
  echo "$url" >"$dir/url"
  started_dir=  # success: keep it
  log "PostgreSQL 15 ready at $url (data in $dir)"
  write_env "$url" "$dir" "$env_file"
}

resolve_dir() {
  local dir=${1:-${KASHLINK_PG_DIR:-}}
  [[ -n "$dir" ]] || die "no server directory: pass it or set KASHLINK_PG_DIR"
  [[ -f "$dir/$marker" ]] || die "$dir is not a directory made by this script"
  echo "$dir"
}

cmd_stop() {
  local dir
  dir=$(resolve_dir "${1:-}")
  owner=$(stat -c %U "$dir")
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    as_owner "$pg_bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
      as_owner "$pg_bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  log "stopped and removed $dir"
}

cmd_url() {
  local dir
  dir=$(resolve_dir "${1:-}")
  cat "$dir/url"
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  url) shift; cmd_url "$@" ;;
  *) die "usage: $0 start [ENV_FILE] | stop [PG_DIR] | url [PG_DIR]" ;;
esac
