#!/usr/bin/env bash
# Every lab inside real Vagrant VMs: what CI runs, and what a developer runs
# with `npm run test:vagrant` (as root, on Debian 12 like the CI machines).
# One VM at a time, for each of CI's boxes: Debian 12 (6.1, the workshop VM)
# and Debian 11 (5.10, the oldest kernel readers commonly run).
#
#   1. apt-get install Vagrant, vagrant-libvirt, libvirt, qemu, debootstrap
#   2. start virtlogd and libvirtd by hand (no systemd here), with pid files
#   3. per box: build it (cached under /var/lib/xdp-labs/boxes: skipped when unchanged),
#      vagrant up under TCG, user-mode networking on 127.0.0.1 only
#   4. npm run lab -- doctor; npm run verified -- --target vagrant (every lab and
#      exercise, recorded); vitest project "vagrant" (on the first box); destroy the VM
#   5. always (trap): destroy the VM, stop the daemons this script started, by pid
#
# Usage: ci-vagrant.sh [RESULTS_DIR]   (vitest's JSON report goes to RESULTS_DIR/vagrant.json)
# XDP_LABS_CI_BOXES lists the boxes; the default is Debian 12 then Debian 11
# ("bookworm/amd64 bullseye/amd64"). The vitest project runs on the first only.
# XDP_LABS_KEEP_VM=1 halts the last VM instead of destroying it (a later run with
# the same box boots it again in about a minute instead of creating it).
set -euo pipefail
{
repo=$(cd "$(dirname "$0")/.." && pwd)
results_dir=${1:-}
cd "$repo"
read -r -a boxes <<< "${XDP_LABS_CI_BOXES:-bookworm/amd64 bullseye/amd64}"

t0=$(date +%s)
say() { echo "ci-vagrant [$(( $(date +%s) - t0 )) s] $*"; }
fail() { echo "ci-vagrant: ✘ $*" >&2; exit 1; }
# shellcheck source=vm-host.sh
source "$repo/scripts/vm-host.sh"

[ "$(id -u)" = 0 ] || fail "run as root (it installs packages and starts libvirtd)"
[ "$(uname -m)" = x86_64 ] || fail "the offline boxes run on x86_64 hosts only"

needs_arm=
for b in "${boxes[@]}"; do [ "${b#*/}" = arm64 ] && needs_arm=arm64; done
vm_host_packages $needs_arm
vm_host_start

status=0
timings=()
first=1
for b in "${boxes[@]}"; do
  suite=${b%/*} arch=${b#*/}
  vm_box "$suite" "$arch"
  vm_up
  # Each step runs even when an earlier one failed.
  say "npm run lab -- doctor"
  npm run --silent lab -- doctor || status=1
  # Every lab (--all) and every exercise (its solution must pass, its starter must not),
  # written as this kernel's record in content/verified/, as `npm run test:kernels` does.
  say "npm run verified -- --target vagrant"
  t=$(date +%s)
  npm run --silent verified -- --target vagrant || status=1
  run_s=$(( $(date +%s) - t ))
  if [ $first = 1 ]; then
    # The tests check the JSON report of one lab against what local runs see, plus a
    # failing lab, doctor and the exercise commands in the VM.
    say "vitest --project vagrant"
    export XDP_LABS_VM_LABS=${XDP_LABS_VM_LABS:-xdp-drop}
    if [ -n "$results_dir" ]; then
      npx vitest run --project vagrant --reporter=default --reporter=json --outputFile="$results_dir/vagrant.json" || status=1
    else
      npx vitest run --project vagrant || status=1
    fi
  fi
  first=0
  if [ "$b" = "${boxes[-1]}" ] && [ "${XDP_LABS_KEEP_VM:-0}" = 1 ]; then :; else vm_destroy; fi
  timings+=("$suite/$arch: boot $vm_boot_s s, labs and exercises $run_s s")
done
say "times: ${timings[*]/%/;}"
if [ $status = 0 ]; then say "every lab passed inside the VMs"; else say "✘ something failed inside a VM (see above)"; fi
exit $status
}
