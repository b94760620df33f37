#!/usr/bin/env bash
# System packages the test suite needs, from Debian's archive: Chromium for the browser tests and,
# when none answers on 127.0.0.1, a PostgreSQL server (5432) and a Redis server (6379, the
# gateway's shared budgets). Idempotent: installs only
# what is missing. Tests themselves fail (not skip) in CI when something is still missing.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then $SUDO apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if [ ! -x /usr/bin/chromium ]; then
  echo "test-deps: installing Chromium from Debian"
  apt_install chromium fonts-dejavu-core
fi

pg_up() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
if ! pg_up; then
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    echo "test-deps: installing PostgreSQL from Debian"
    apt_install postgresql
  fi
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  hba=/etc/postgresql/$version/main/pg_hba.conf
  # Throw-away test databases on loopback only: trust local TCP connections.
  if ! grep -q "tryggki-test" "$hba"; then
    printf '# tryggki-test\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n' \
      | $SUDO tee /tmp/tryggki-hba >/dev/null
    $SUDO sh -c "cat $hba >> /tmp/tryggki-hba && cp /tmp/tryggki-hba $hba"
  fi
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  pg_up || { echo "test-deps: PostgreSQL did not start" >&2; exit 1; }
fi
redis_up() { (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; }
if ! redis_up; then
  if ! command -v redis-server >/dev/null; then
    echo "test-deps: installing Redis from Debian"
    apt_install redis-server
  fi
  $SUDO redis-server --port 6379 --bind 127.0.0.1 --save "" --daemonize yes >/dev/null
  for _ in $(seq 1 30); do redis_up && break; sleep 1; done
  redis_up || { echo "test-deps: Redis did not start" >&2; exit 1; }
fi
echo "test-deps: Chromium, PostgreSQL and Redis are ready"
