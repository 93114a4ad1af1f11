#!/usr/bin/env bash
# Every lab inside a real Vagrant VM: what CI runs, and what a developer runs
# with `npm run test:vagrant` (as root, on Debian 12 like the CI machines).
#
#   1. apt-get install Vagrant, vagrant-libvirt, libvirt, qemu, debootstrap
#   2. start virtlogd and libvirtd by hand (no systemd here), with pid files
#   3. build the offline box (cached under build/box: skipped when unchanged)
#   4. vagrant up under TCG, user-mode networking on 127.0.0.1 only
#   5. npm run lab -- doctor; npm run lab -- --all --target vagrant; vitest project "vagrant"
#   6. always (trap): destroy the VM, stop the daemons this script started, by pid
#
# Usage: ci-vagrant.sh [RESULTS_DIR]   (vitest's JSON report goes to RESULTS_DIR/vagrant.json)
# XDP_LABS_KEEP_VM=1 halts the VM instead of destroying it (a later run boots it
# again in about a minute instead of creating it).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
results_dir=${1:-}
cd "$repo"
state=${XDP_LABS_CI_STATE:-/var/lib/xdp-labs}
run_dir=$state/run
pool_name=xdp-labs
pool_dir=$state/pool

# libvirt's qemu user cannot read anything under /root (mode 0700): boxes and
# disks live under $state instead.
export VAGRANT_HOME=$state/vagrant.d
export VAGRANT_DEFAULT_PROVIDER=libvirt
export VAGRANT_CHECKPOINT_DISABLE=1
export XDP_LABS_BOX=offline
export XDP_LABS_ACCEL=tcg
export XDP_LABS_LIBVIRT_POOL=$pool_name
export XDP_LAB_TARGET=vagrant

t0=$(date +%s)
say() { echo "ci-vagrant [$(( $(date +%s) - t0 )) s] $*"; }
fail() { echo "ci-vagrant: ✘ $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root (it installs packages and starts libvirtd)"
[ "$(uname -m)" = x86_64 ] || fail "the offline box is x86_64 only"

# --- 1. packages -------------------------------------------------------------
packages=(vagrant vagrant-libvirt libvirt-daemon-system libvirt-clients qemu-system-x86 qemu-utils debootstrap rsync)
missing=()
for p in "${packages[@]}"; do
  [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" == *"ok installed"* ]] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
fi
say "vagrant $(vagrant --version | awk '{print $2}'), $(dpkg-query -W -f='vagrant-libvirt ${Version}' vagrant-libvirt), $(qemu-system-x86_64 --version | head -n 1)"

# --- 2. daemons, cleaned up by the trap whatever happens next --------------------
mkdir -p "$run_dir" "$pool_dir" "$VAGRANT_HOME"
started_pids=()
vm_created=0
cleanup() {
  local code=$?
  set +e
  if [ $vm_created = 1 ]; then
    if [ "${XDP_LABS_KEEP_VM:-0}" = 1 ]; then
      say "halting the VM (XDP_LABS_KEEP_VM=1)"
      (cd labs && timeout 180 vagrant halt) >/dev/null 2>&1
    else
      say "destroying the VM"
      (cd labs && timeout 180 vagrant destroy -f) >/dev/null 2>&1
    fi
    # If Vagrant could not stop it, stop its qemu by the pid libvirt recorded.
    for pidfile in /run/libvirt/qemu/labs_default*.pid; do
      [ -f "$pidfile" ] || continue
      pid=$(cat "$pidfile"); say "stopping leftover qemu (pid $pid)"; kill "$pid" 2>/dev/null
    done
  fi
  for ((i = ${#started_pids[@]} - 1; i >= 0; i--)); do
    pid=${started_pids[$i]}
    say "stopping $(ps -o comm= -p "$pid" 2>/dev/null || echo daemon) (pid $pid)"
    kill "$pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  say "done, exit $code"
  exit $code
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_daemon() { # name, then its command line; skipped when one already runs
  local name=$1 pidfile=$run_dir/$1.pid; shift
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then say "$name already running (pid $(cat "$pidfile"))"; return; fi
  # A live one (zombies do not count) that someone else started is used and left alone.
  if [ -n "$(ps -C "$name" -o stat= | grep -v '^Z' || true)" ]; then say "$name already running (not ours, left alone)"; return; fi
  "$@" --daemon --pid-file "$pidfile"
  for _ in $(seq 100); do [ -s "$pidfile" ] && break; sleep 0.1; done
  [ -s "$pidfile" ] || fail "$name did not start"
  started_pids+=("$(cat "$pidfile")")
  say "started $name (pid $(cat "$pidfile"))"
}
start_daemon virtlogd virtlogd
start_daemon libvirtd libvirtd
for _ in $(seq 100); do virsh -c qemu:///system version >/dev/null 2>&1 && break; sleep 0.2; done
virsh -c qemu:///system version >/dev/null || fail "libvirtd does not answer"

if ! virsh -q pool-info "$pool_name" >/dev/null 2>&1; then
  virsh -q pool-define-as "$pool_name" dir --target "$pool_dir" >/dev/null
  virsh -q pool-build "$pool_name" >/dev/null 2>&1 || true
fi
pool_state=$(virsh -q pool-info "$pool_name" | awk '/^State:/ {print $2}')
[ "$pool_state" = running ] || virsh -q pool-start "$pool_name" >/dev/null

# --- 3. the offline box ------------------------------------------------------------
say "building the offline box (cached)"
bash scripts/build-box.sh
box=build/box/xdp-labs-offline.box
if [ "$(cat "$VAGRANT_HOME/xdp-labs-offline.inputs" 2>/dev/null)" != "$(cat "$box.inputs")" ]; then
  say "vagrant box add xdp-labs/offline"
  (cd labs && vagrant destroy -f >/dev/null 2>&1 || true)
  # The previous box's disk, uploaded to the pool by vagrant-libvirt, would otherwise be reused.
  for vol in $(virsh -q vol-list "$pool_name" 2>/dev/null | awk '/xdp-labs-VAGRANTSLASH-offline/ {print $1}'); do
    virsh -q vol-delete --pool "$pool_name" "$vol" >/dev/null
  done
  vagrant box add --force --name xdp-labs/offline "$box" >/dev/null
  cp "$box.inputs" "$VAGRANT_HOME/xdp-labs-offline.inputs"
fi

# --- 4. the VM -----------------------------------------------------------------------
vm_created=1
say "npm run lab -- vm up"
npm run --silent lab -- vm up

# --- 5. the labs, inside it (each step runs even when an earlier one failed) -----------------
status=0
say "npm run lab -- doctor"
npm run --silent lab -- doctor || status=1
say "npm run lab -- --all --target vagrant"
npm run --silent lab -- --all --target vagrant || status=1
# --all has just run every lab in the VM; the tests check the JSON report of one
# of them against what local runs see, plus a failing lab and doctor.
say "vitest --project vagrant"
export XDP_LABS_VM_LABS=${XDP_LABS_VM_LABS:-xdp-drop}
if [ -n "$results_dir" ]; then
  npx vitest run --project vagrant --reporter=default --reporter=json --outputFile="$results_dir/vagrant.json" || status=1
else
  npx vitest run --project vagrant || status=1
fi
if [ $status = 0 ]; then say "every lab passed inside the VM"; else say "✘ something failed inside the VM (see above)"; fi
exit $status
