#!/usr/bin/env bash
# The kernel matrix (`npm run test:kernels`, as root on an x86_64 Debian host):
# for each Debian release and architecture, build an offline box with
# debootstrap (cached), boot it through the Vagrant target under TCG, run every
# lab with `npm run verified -- --target vagrant`, which writes the record
# content/verified/vagrant-<arch>-<kernel>.json, and destroy the VM. One VM at
# a time. Prints each VM's boot, run and teardown times.
#
#   test-kernels.sh [SUITE/ARCH ...]    default: bullseye/amd64 bookworm/amd64 trixie/amd64 bookworm/arm64
#
# Debian 11 ships Linux 5.10, Debian 12 6.1, Debian 13 6.12; the arm64 box is
# the workshop VM of an Apple-silicon laptop, emulated here (qemu-system-aarch64).
set -euo pipefail
{
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
boxes=("$@")
[ ${#boxes[@]} -gt 0 ] || boxes=(bullseye/amd64 bookworm/amd64 trixie/amd64 bookworm/arm64)

t0=$(date +%s)
say() { echo "test-kernels [$(( $(date +%s) - t0 )) s] $*"; }
fail() { echo "test-kernels: ✘ $*" >&2; exit 1; }
for b in "${boxes[@]}"; do
  case "$b" in bullseye/amd64|bookworm/amd64|trixie/amd64|bullseye/arm64|bookworm/arm64|trixie/arm64) ;;
    *) echo "test-kernels: \"$b\" is not SUITE/ARCH with SUITE one of bullseye, bookworm, trixie and ARCH amd64 or arm64" >&2; exit 2 ;;
  esac
done
# shellcheck source=vm-host.sh
source "$repo/scripts/vm-host.sh"

[ "$(id -u)" = 0 ] || fail "run as root (it builds boxes with debootstrap and starts libvirtd)"
[ "$(uname -m)" = x86_64 ] || fail "the offline boxes are built and run on x86_64 hosts only"

needs_arm=
for b in "${boxes[@]}"; do [ "${b#*/}" = arm64 ] && needs_arm=arm64; done
vm_host_packages $needs_arm
vm_host_start

status=0
report=()
for b in "${boxes[@]}"; do
  suite=${b%/*} arch=${b#*/}
  t=$(date +%s)
  vm_box "$suite" "$arch"
  box_s=$(( $(date +%s) - t ))
  if ! vm_up; then
    status=1
    report+=("$(printf '%-16s box %4d s   boot FAILED' "$b" "$box_s")")
    vm_destroy
    continue
  fi
  say "npm run verified -- --target vagrant ($b)"
  t=$(date +%s)
  npm run --silent verified -- --target vagrant || status=1
  run_s=$(( $(date +%s) - t ))
  vm_destroy
  report+=("$(printf '%-16s box %4d s   boot %4d s   labs %4d s   destroy %3d s' "$b" "$box_s" "$vm_boot_s" "$run_s" "$vm_destroy_s")")
done
say "times (box: build or cache check and box add):"
printf '  %s\n' "${report[@]}"
if [ $status = 0 ]; then say "nothing failed; records are in content/verified/"; else say "✘ something failed (see above); records are in content/verified/"; fi
exit $status
}
