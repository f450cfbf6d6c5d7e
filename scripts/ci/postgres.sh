#!/usr/bin/env bash
# A throw-away PostgreSQL for the participation tests: installs Debian's postgresql if missing, starts a
# cluster in a temporary folder on 127.0.0.1 and a free port, creates a database and exports PG_TEST_URL.
#   source scripts/ci/postgres.sh   # in .ci/run: the cluster stops when that shell exits
#   bash scripts/ci/postgres.sh     # by hand: prints PG_TEST_URL and the command that stops it
# When PostgreSQL cannot be installed or started it says why and leaves PG_TEST_URL unset (the PostgreSQL
# tests then skip with that reason) — unless PG_REQUIRED=1, which makes that an error.

_pg_ci_main() {
  local bindir initdb
  initdb=$(ls -1 /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$initdb" ]; then
    echo "== apt-get install postgresql"
    if [ "$(id -u)" -eq 0 ]; then
      export DEBIAN_FRONTEND=noninteractive
      { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; } || echo "postgres.sh: apt-get install postgresql failed" >&2
    else
      echo "postgres.sh: not root, cannot apt-get install postgresql" >&2
    fi
    initdb=$(ls -1 /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$initdb" ] || return 1
  fi
  bindir=$(dirname "$initdb")

  # initdb refuses root: run the cluster as the postgres user then.
  local as=()
  [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)

  local dir port
  dir=$(mktemp -d "${TMPDIR:-/tmp}/atlas-pg.XXXXXX")
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")

  "${as[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200" start >/dev/null \
    || { cat "$dir/server.log" >&2; return 1; }
  "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres atlas_test || return 1

  export PG_TEST_URL="postgresql://postgres@127.0.0.1:$port/atlas_test"
  export PG_CI_STOP="${as[*]} $bindir/pg_ctl -D $dir/data -m fast stop >/dev/null; rm -rf $dir"
  echo "== PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $dir)"
  echo "PG_TEST_URL=$PG_TEST_URL"
}

if _pg_ci_main; then
  if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
    # Sourced: stop the cluster when the calling shell exits, after whatever EXIT trap it already had.
    _pg_ci_prev=$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")
    # $? is kept for that trap (it may exit with the script's status).
    # shellcheck disable=SC2064
    trap "_pg_ci_rc=\$?; set +e; eval \"\$PG_CI_STOP\"; (exit \$_pg_ci_rc); ${_pg_ci_prev}" EXIT
  else
    echo "stop it with: $PG_CI_STOP"
  fi
else
  echo "postgres.sh: no PostgreSQL for the tests; the PostgreSQL API tests will be skipped" >&2
  unset PG_TEST_URL
  if [ "${PG_REQUIRED:-0}" = "1" ]; then
    if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then return 1; else exit 1; fi
  fi
fi
