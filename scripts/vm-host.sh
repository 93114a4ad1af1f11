# Sourced by ci-vagrant.sh and test-kernels.sh: what running offline-box VMs on
# this kind of host takes (Debian 12, root, no systemd, TCG only; see the notes
# in those scripts). The caller sets `repo` and defines say() and fail(); this
# file defines the steps and, through vm_host_start, the EXIT trap that undoes
# them: the VM destroyed, the daemons it started stopped, by pid.
#
#   vm_host_packages [arm64]    apt-get what is missing (arm64: qemu-system-arm, qemu-user-static)
#   vm_host_start               virtlogd, libvirtd, the storage pool
#   vm_box SUITE ARCH           build the box (cached) and add it as xdp-labs/SUITE-ARCH; select it
#   vm_up                       boot it (sets vm_boot_s)
#   vm_destroy                  destroy it (sets vm_destroy_s)

state=${XDP_LABS_CI_STATE:-/var/lib/xdp-labs}
run_dir=$state/run
pool_name=xdp-labs
pool_dir=$state/pool
# Boxes and the .debs they are made from live outside the clone, so a fresh
# clone (CI) does not build them again while the package list is unchanged.
export XDP_LABS_BOX_DIR=${XDP_LABS_BOX_DIR:-$state/boxes}

# libvirt's qemu user cannot read anything under /root (mode 0700): boxes and
# disks live under $state instead.
export VAGRANT_HOME=$state/vagrant.d
export VAGRANT_DEFAULT_PROVIDER=libvirt
export VAGRANT_CHECKPOINT_DISABLE=1
export XDP_LABS_BOX=offline
export XDP_LABS_ACCEL=tcg
export XDP_LABS_LIBVIRT_POOL=$pool_name
export XDP_LAB_TARGET=vagrant

vm_host_packages() {
  local packages=(vagrant vagrant-libvirt libvirt-daemon-system libvirt-clients qemu-system-x86 qemu-utils debootstrap rsync)
  [ "${1:-}" = arm64 ] && packages+=(qemu-system-arm qemu-user-static)
  local missing=() p
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
}

started_pids=()
vm_created=0
vm_host_cleanup() {
  local code=$?
  set +e
  if [ $vm_created = 1 ]; then
    if [ "${XDP_LABS_KEEP_VM:-0}" = 1 ]; then
      say "halting the VM (XDP_LABS_KEEP_VM=1)"
      (cd "$repo/labs" && timeout 180 vagrant halt) >/dev/null 2>&1
    else
      vm_destroy
    fi
  fi
  local i pid
  for ((i = ${#started_pids[@]} - 1; i >= 0; i--)); do
    pid=${started_pids[$i]}
    say "stopping $(ps -o comm= -p "$pid" 2>/dev/null || echo daemon) (pid $pid)"
    kill "$pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  say "done, exit $code"
  exit $code
}

vm_start_daemon() { # name, then its command line; skipped when one already runs
  local name=$1 pidfile=$run_dir/$1.pid; shift
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then say "$name already running (pid $(cat "$pidfile"))"; return; fi
  # A live one (zombies do not count) that someone else started is used and left alone.
  if [ -n "$(ps -C "$name" -o stat= | grep -v '^Z' || true)" ]; then say "$name already running (not ours, left alone)"; return; fi
  # Started nice: the VM's qemu inherits it and yields to everyone else on a shared machine.
  nice -n "${XDP_LABS_VM_NICE:-10}" "$@" --daemon --pid-file "$pidfile"
  for _ in $(seq 100); do [ -s "$pidfile" ] && break; sleep 0.1; done
  [ -s "$pidfile" ] || fail "$name did not start"
  started_pids+=("$(cat "$pidfile")")
  say "started $name (pid $(cat "$pidfile"))"
}

vm_host_start() {
  mkdir -p "$run_dir" "$pool_dir" "$VAGRANT_HOME" "$XDP_LABS_BOX_DIR"
  trap vm_host_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  vm_start_daemon virtlogd virtlogd
  vm_start_daemon libvirtd libvirtd
  for _ in $(seq 100); do virsh -c qemu:///system version >/dev/null 2>&1 && break; sleep 0.2; done
  virsh -c qemu:///system version >/dev/null || fail "libvirtd does not answer"
  if ! virsh -q pool-info "$pool_name" >/dev/null 2>&1; then
    virsh -q pool-define-as "$pool_name" dir --target "$pool_dir" >/dev/null
    virsh -q pool-build "$pool_name" >/dev/null 2>&1 || true
  fi
  local pool_state
  pool_state=$(virsh -q pool-info "$pool_name" | awk '/^State:/ {print $2}')
  [ "$pool_state" = running ] || virsh -q pool-start "$pool_name" >/dev/null
  # A VM disk whose VM no longer exists (a run killed before its destroy) makes the next
  # `vagrant up` refuse with "Volume for domain is already created": the pool is ours, remove it.
  local vol
  for vol in $(virsh -q vol-list "$pool_name" 2>/dev/null | awk '$1 ~ /_default\.img$/ {print $1}'); do
    virsh -q dominfo "${vol%.img}" >/dev/null 2>&1 && continue
    say "removing ${vol}, the disk of a VM that no longer exists"
    virsh -q vol-delete --pool "$pool_name" "$vol" >/dev/null
  done
}

# Build (cached) and add one box; later vagrant commands use it.
vm_box() {
  local suite=$1 arch=$2
  local name=xdp-labs/$suite-$arch box=$XDP_LABS_BOX_DIR/xdp-labs-$suite-$arch.box
  local added=$VAGRANT_HOME/xdp-labs-$suite-$arch.inputs
  say "the $suite $arch box (built once, then cached)"
  bash "$repo/scripts/build-box.sh" --suite "$suite" --arch "$arch"
  if [ "$(cat "$added" 2>/dev/null)" != "$(cat "$box.inputs")" ]; then
    say "vagrant box add $name"
    # The previous box's disk, uploaded to the pool by vagrant-libvirt, would otherwise be reused.
    local vol
    for vol in $(virsh -q vol-list "$pool_name" 2>/dev/null | awk -v v="xdp-labs-VAGRANTSLASH-$suite-${arch}_" 'index($1, v) == 1 {print $1}'); do
      virsh -q vol-delete --pool "$pool_name" "$vol" >/dev/null
    done
    vagrant box add --force --name "$name" "$box" >/dev/null
    cp "$box.inputs" "$added"
  fi
  export XDP_LABS_OFFLINE_BOX=$name
  export XDP_LABS_GUEST_ARCH=$arch
}

vm_up() {
  local t marker=$repo/labs/.vagrant/xdp-labs-box wanted
  wanted="$XDP_LABS_OFFLINE_BOX $(cat "$VAGRANT_HOME/xdp-labs-${XDP_LABS_OFFLINE_BOX#xdp-labs/}.inputs")"
  # A VM left by an earlier run (XDP_LABS_KEEP_VM) keeps the box it was made from: another box needs a new VM.
  if [ -f "$marker" ] && [ "$(cat "$marker")" != "$wanted" ]; then
    say "the VM left from an earlier run has another box: destroying it"
    (cd "$repo/labs" && timeout 180 vagrant destroy -f) >/dev/null 2>&1
  fi
  mkdir -p "$(dirname "$marker")"
  echo "$wanted" > "$marker"
  t=$(date +%s)
  vm_created=1
  say "npm run lab -- vm up ($XDP_LABS_OFFLINE_BOX)"
  # Explicit: callers test vm_up with `if`, where set -e does not stop at a failure.
  (cd "$repo" && npm run --silent lab -- vm up) || return 1
  vm_boot_s=$(( $(date +%s) - t ))
  say "$XDP_LABS_OFFLINE_BOX booted in $vm_boot_s s"
}

vm_destroy() {
  local t pidfile pid
  t=$(date +%s)
  say "destroying the VM ($XDP_LABS_OFFLINE_BOX)"
  (cd "$repo/labs" && timeout 180 vagrant destroy -f) >/dev/null 2>&1
  # If Vagrant could not stop it, stop its qemu by the pid libvirt recorded.
  for pidfile in /run/libvirt/qemu/labs_default*.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile"); say "stopping leftover qemu (pid $pid)"; kill "$pid" 2>/dev/null
  done
  rm -f "$repo/labs/.vagrant/xdp-labs-box"
  vm_created=0
  vm_destroy_s=$(( $(date +%s) - t ))
}
