#!/usr/bin/env bash
# Installs optbot from this checkout as the systemd service `optbot` (Raspberry Pi OS or any
# systemd Linux). Idempotent: run it again after `git pull` to rebuild and restart.
#
#   sudo deploy/pi/install.sh [--config FILE] [--user NAME] [--place-orders] [--no-start]
#   deploy/pi/install.sh --dry-run [--config FILE] [--out DIR]   validate + render, change nothing
#   sudo deploy/pi/install.sh --uninstall [--dry-run]             stop, disable, remove the unit
#
# Exit codes: 0 done, 1 failed (Node too old, not root, build failed…), 2 bad option or invalid config.
set -euo pipefail

readonly SERVICE=optbot
readonly MIN_NODE_MAJOR=20
APP_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
readonly APP_DIR
readonly TEMPLATE_DIR="$APP_DIR/deploy/pi"
UNIT_PATH=${OPTBOT_UNIT_PATH:-/etc/systemd/system/$SERVICE.service}
ENV_FILE=${OPTBOT_ENV_FILE:-/etc/default/$SERVICE}

config=configs/settings.yaml
svc_user=""
dry_run=0
uninstall=0
place_orders=0
start=1
out=""
node_bin=${NODE_BIN:-$(command -v node || true)}

usage() { sed -n '2,9s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }
say() { printf 'install: %s\n' "$*" >&2; }
die() { say "$1"; exit "${2:-1}"; }

while [ $# -gt 0 ]; do
  case $1 in
    --config) [ $# -ge 2 ] || die "--config needs a file" 2; config=$2; shift 2 ;;
    --user) [ $# -ge 2 ] || die "--user needs a name" 2; svc_user=$2; shift 2 ;;
    --out) [ $# -ge 2 ] || die "--out needs a folder" 2; out=$2; shift 2 ;;
    --dry-run) dry_run=1; shift ;;
    --uninstall) uninstall=1; shift ;;
    --place-orders) place_orders=1; shift ;;
    --no-start) start=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" 2 ;;
  esac
done
[ -z "$out" ] || [ $dry_run -eq 1 ] || die "--out is only for --dry-run" 2

# Every change to the system goes through `act`: printed always, executed only for real.
act() {
  if [ $dry_run -eq 1 ]; then say "would run: $*"; else say "+ $*"; "$@"; fi
}

# Runs a command as `$1` (npm as the checkout's owner so files keep it; the config check as the service user).
as_user() {
  local user=$1; shift
  if [ "$(id -u)" -eq 0 ] && [ "$user" != root ]; then runuser -u "$user" -- "$@"; else "$@"; fi
}

act_as() {
  local user=$1; shift
  if [ $dry_run -eq 1 ]; then say "would run as $user: $*"; else say "+ ($user) $*"; as_user "$user" "$@"; fi
}

need_root() {
  [ $dry_run -eq 1 ] || [ "$(id -u)" -eq 0 ] || die "run with sudo (or try --dry-run first)"
}

do_uninstall() {
  need_root
  if [ $dry_run -eq 1 ] || systemctl list-unit-files "$SERVICE.service" >/dev/null 2>&1; then
    act systemctl disable --now "$SERVICE.service" || true
  fi
  act rm -f "$UNIT_PATH"
  act systemctl daemon-reload
  act systemctl reset-failed "$SERVICE.service" || true
  say "removed the service; kept $ENV_FILE, $APP_DIR/data (logs, state, journal) and the user"
}

check_node() {
  [ -n "$node_bin" ] && [ -x "$node_bin" ] || die "node not found: install Node.js ≥ $MIN_NODE_MAJOR (see README, Running on the Raspberry Pi)"
  local version major
  version=$("$node_bin" -p 'process.versions.node')
  major=${version%%.*}
  [ "$major" -ge $MIN_NODE_MAJOR ] 2>/dev/null || die "Node.js $version at $node_bin is too old: optbot needs ≥ $MIN_NODE_MAJOR"
  say "Node.js $version at $node_bin"
}

# The service user: --user, else the owner of the checkout, never root.
choose_user() {
  owner=$(stat -c %U "$APP_DIR")
  if [ -z "$svc_user" ]; then
    if [ "$owner" = root ]; then svc_user=$SERVICE; else svc_user=$owner; fi
  fi
  [ "$svc_user" != root ] || die "refusing to run the service as root: pass --user NAME" 2
  if id -u "$svc_user" >/dev/null 2>&1; then
    svc_group=$(id -gn "$svc_user")
  else
    svc_group=$svc_user
    act useradd --system --user-group --home-dir "$APP_DIR" --no-create-home --shell /usr/sbin/nologin "$svc_user"
  fi
}

# `npm ci --omit=dev` alone cannot work: `prepare` compiles TypeScript, a dev dependency. So install
# everything (prepare builds dist/), then drop the dev packages.
build() {
  act_as "$owner" npm ci --no-audit --no-fund
  [ $dry_run -eq 1 ] || [ -f "$APP_DIR/dist/src/cli/main.js" ] || die "npm ci did not build dist/src/cli/main.js"
  act_as "$owner" npm prune --omit=dev --no-audit --no-fund
}

make_dirs() {
  local d
  for d in data data/logs data/state; do
    act install -d -m 0750 -o "$svc_user" -g "$svc_group" "$APP_DIR/$d"
  done
}

# The same validation as the live command; runs even in dry-run (it only reads).
validate_config() {
  local main="$APP_DIR/dist/src/cli/main.js" args=(config check --config "$config_abs")
  [ -f "$main" ] || die "$main is missing: build first (npm ci, or npm run build)"
  [ $place_orders -eq 0 ] || args+=(--place-orders)
  local user=$svc_user
  [ $dry_run -eq 0 ] || user=$(id -un)
  local status=0
  (cd "$APP_DIR" && as_user "$user" "$node_bin" "$main" "${args[@]}" >/dev/null) || status=$?
  [ $status -ne 2 ] || die "config $config is not valid (see above); nothing was installed" 2
  [ $status -eq 0 ] || die "optbot config check failed as $user (exit $status): can $user read $APP_DIR?"
  say "config $config is valid"
}

render_unit() {
  local value
  for value in "$APP_DIR" "$config_abs" "$node_bin" "$svc_user" "$ENV_FILE"; do
    case $value in *[[:space:]\|\&\\]*) die "unsupported character in path or name: '$value'" 2 ;; esac
  done
  local orders=""
  [ $place_orders -eq 0 ] || orders=" --place-orders"
  sed -e "s|@APP_DIR@|$APP_DIR|g" -e "s|@USER@|$svc_user|g" -e "s|@GROUP@|$svc_group|g" \
    -e "s|@NODE@|$node_bin|g" -e "s|@CONFIG@|$config_abs|g" -e "s|@PLACE_ORDERS@|$orders|g" \
    -e "s|@ENV_FILE@|$ENV_FILE|g" "$TEMPLATE_DIR/$SERVICE.service"
}

install_unit() {
  local unit
  unit=$(render_unit)
  if [ $dry_run -eq 1 ]; then
    if [ -n "$out" ]; then
      mkdir -p "$out"
      printf '%s\n' "$unit" >"$out/$SERVICE.service"
      cp "$TEMPLATE_DIR/$SERVICE.env" "$out/$SERVICE.env"
      say "rendered $out/$SERVICE.service and $out/$SERVICE.env"
    else
      printf '%s\n' "$unit"
    fi
    say "would write $UNIT_PATH and, if absent, $ENV_FILE"
  else
    local tmp
    tmp=$(mktemp)
    printf '%s\n' "$unit" >"$tmp"
    install -m 0644 "$tmp" "$UNIT_PATH"
    rm -f "$tmp"
    say "wrote $UNIT_PATH"
    if [ ! -e "$ENV_FILE" ]; then install -m 0644 "$TEMPLATE_DIR/$SERVICE.env" "$ENV_FILE"; say "wrote $ENV_FILE"; fi
  fi
  act systemctl daemon-reload
}

enable_service() {
  # The unit runs `optbot live`; until a build has that command, enabling it would only crash-loop.
  local commands
  commands=$("$node_bin" "$APP_DIR/dist/src/cli/main.js" --help 2>/dev/null || true)
  if ! grep -qE '^ +live\b' <<<"$commands"; then
    say "this build has no \`optbot live\` yet: the unit is left disabled and stopped; rerun after updating"
    return
  fi
  act systemctl enable "$SERVICE.service"
  if [ $start -eq 1 ]; then act systemctl restart "$SERVICE.service"; else say "not started (--no-start)"; fi
}

if [ $uninstall -eq 1 ]; then do_uninstall; exit 0; fi

need_root
check_node
case $config in /*) config_abs=$config ;; *) config_abs="$APP_DIR/$config" ;; esac
[ -f "$config_abs" ] || die "config file not found: $config_abs" 2
choose_user
build
make_dirs
validate_config
install_unit
enable_service
if [ $dry_run -eq 1 ]; then say "dry run: nothing was changed"; else say "done: journalctl -u $SERVICE -f, and \`npx optbot status\`"; fi
