#!/usr/bin/env bash
# Builds an offline box (`npm run box`): a libvirt Vagrant box made from Debian
# packages alone, with every lab tool from labs/provision/packages.txt already
# installed, so a room full of laptops needs no network to start the labs, and
# so the labs can be run on each Debian kernel (npm run test:kernels).
# Runs as root on a Debian/Ubuntu x86_64 host (debootstrap, mkfs.ext4 -d, qemu-img).
#
#   build-box.sh [--suite bullseye|bookworm|trixie] [--arch amd64|arm64] [--force]
#
# The default is bookworm (Debian 12) on amd64. An arm64 box is built on the
# same host: debootstrap runs the guest's own binaries through qemu-user-static
# (binfmt_misc), which this script registers for the build and removes after.
#
# The image boots without a boot loader: the kernel and initrd travel inside the
# box and the box's own Vagrantfile hands them to libvirt (direct kernel boot).
# That keeps the build free of partitions, loop devices and grub.
#
# Output: build/box/xdp-labs-<suite>-<arch>.box (or under $XDP_LABS_BOX_DIR) (+ .inputs, a hash of the
# package list, suite, architecture and recipe version: a second run with the
# same inputs does nothing; --force rebuilds). Prints the kernel it carries.
set -euo pipefail
# The whole script is one block, read before it runs: editing the file during a
# build (minutes long) cannot change what the running build does.
{

repo=$(cd "$(dirname "$0")/.." && pwd)
packages_txt=$repo/labs/provision/packages.txt
# XDP_LABS_BOX_DIR: where boxes (and the downloaded .debs) are kept; CI keeps them outside the clone.
out_dir=${XDP_LABS_BOX_DIR:-$repo/build/box}
mirror=${XDP_LABS_DEBIAN_MIRROR:-http://deb.debian.org/debian}
disk_gib=6
vagrant_pub=${XDP_LABS_VAGRANT_PUBKEY:-/usr/share/rubygems-integration/all/gems/vagrant-$(vagrant --version 2>/dev/null | awk '{print $2}')/keys/vagrant.pub}

suite=bookworm
arch=amd64
force=0
usage() { echo "usage: build-box.sh [--suite bullseye|bookworm|trixie] [--arch amd64|arm64] [--force]" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --suite) [ $# -ge 2 ] || usage; suite=$2; shift 2 ;;
    --arch) [ $# -ge 2 ] || usage; arch=$2; shift 2 ;;
    --force) force=1; shift ;;
    *) echo "build-box.sh: unknown argument \"$1\"" >&2; usage ;;
  esac
done
case "$suite" in bullseye|bookworm|trixie) ;; *) echo "build-box.sh: suite \"$suite\" is not one the labs are tried on (bullseye, bookworm, trixie)" >&2; exit 2 ;; esac
case "$arch" in amd64|arm64) ;; *) echo "build-box.sh: architecture \"$arch\" is not built here (amd64, arm64)" >&2; exit 2 ;; esac
box=$out_dir/xdp-labs-$suite-$arch.box

started=$(date +%s)
phase_started=$started
phase() {
  local now; now=$(date +%s)
  [ -n "${current_phase:-}" ] && echo "box: ✔ $current_phase ($((now - phase_started)) s)"
  current_phase=$1; phase_started=$now
  [ -n "$1" ] && echo "box: … $1"
  return 0
}
fail() { echo "box: ✘ $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root: debootstrap and chroot need it (sudo npm run box)"
for tool in debootstrap mkfs.ext4 qemu-img tar sha256sum; do
  command -v "$tool" >/dev/null || fail "$tool is missing: apt-get install debootstrap e2fsprogs qemu-utils"
done
[ -r "$vagrant_pub" ] || fail "Vagrant's insecure public key not found at $vagrant_pub (install vagrant, or set XDP_LABS_VAGRANT_PUBKEY)"
[ "$(uname -m)" = x86_64 ] || fail "the offline boxes are built on x86_64 hosts only"
if [ "$arch" = arm64 ]; then
  [ -x /usr/bin/qemu-aarch64-static ] && [ -f /usr/lib/binfmt.d/qemu-aarch64.conf ] ||
    fail "an arm64 box needs qemu-user-static to run the guest's binaries: apt-get install qemu-user-static"
fi

# What the box is made from: the packages (names and architectures, not the
# paths the list checks them by), the suite, the architecture and the recipe's
# version. Bump recipe when a change below alters the image (not for comments or output).
recipe=6
inputs=$( (awk '!/^[[:space:]]*(#|$)/ {print $2, $3}' "$packages_txt" | sort -u; echo "recipe $recipe $suite $arch") | sha256sum | cut -d' ' -f1)
if [ $force = 0 ] && [ -f "$box" ] && [ "$(cat "$box.inputs" 2>/dev/null)" = "$inputs" ]; then
  echo "box: $box is up to date with labs/provision/packages.txt (npm run box -- --suite $suite --arch $arch --force rebuilds it)"
  exit 0
fi

# The Debian packages: the lab tools (second column of packages.txt) plus what
# a bootable, Vagrant-friendly system needs.
# Lines limited to another architecture than the box's (third column) are left out.
mapfile -t lab_packages < <(awk -v arch="$arch" '!/^[[:space:]]*(#|$)/ && ($3 == "" || $3 == arch) {print $2}' "$packages_txt" | sort -u)
system_packages=("linux-image-$arch" initramfs-tools systemd systemd-sysv udev dbus openssh-server sudo
  qemu-guest-agent rsync procps kmod ca-certificates less)
include=$(IFS=,; echo "${lab_packages[*]},${system_packages[*]}")

work=$(mktemp -d "${TMPDIR:-/tmp}/xdp-labs-box.XXXXXX")
rootfs=$work/rootfs
stage=$work/box
binfmt=/proc/sys/fs/binfmt_misc
mounted_binfmt=0
registered_binfmt=0
cleanup() {
  # debootstrap mounts /proc and /sys inside the tree; never delete through a mount.
  findmnt -R -n -o TARGET "$rootfs" 2>/dev/null | sort -r | xargs -r umount -l 2>/dev/null || true
  rm -rf --one-file-system "$work"
  # Leave binfmt_misc as it was found: only what this build added goes.
  [ $registered_binfmt = 1 ] && echo -1 > "$binfmt/qemu-aarch64" 2>/dev/null
  [ $mounted_binfmt = 1 ] && umount "$binfmt" 2>/dev/null
  return 0
}
trap cleanup EXIT
mkdir -p "$rootfs" "$stage" "$out_dir"

if [ "$arch" = arm64 ]; then
  # Without systemd nothing mounts binfmt_misc or registers qemu's handlers.
  if [ ! -e "$binfmt/register" ]; then
    mount -t binfmt_misc binfmt_misc "$binfmt" || fail "could not mount binfmt_misc (needed to run arm64 binaries under qemu-user)"
    mounted_binfmt=1
  fi
  if [ ! -e "$binfmt/qemu-aarch64" ]; then
    # The F flag makes the kernel open the interpreter now, so it works inside the chroot too.
    cat /usr/lib/binfmt.d/qemu-aarch64.conf > "$binfmt/register" || fail "could not register qemu-aarch64 with binfmt_misc"
    registered_binfmt=1
  fi
fi

phase "debootstrap $suite ($arch) with ${#lab_packages[@]} lab packages (${lab_packages[*]})"
# Downloaded .debs are kept next to the boxes so a rebuild does not fetch them again.
mkdir -p "$out_dir/debootstrap-cache"
# An older suite may not package every lab tool (Debian 11 has no xdp-tools):
# debootstrap names what it cannot find; the box is built without it, and the
# box says so in /etc/xdp-labs/unavailable-packages, where provisioning and the
# runner read it (the labs that need it skip, naming the package).
unavailable=()
while ! debootstrap --variant=minbase --arch="$arch" --cache-dir="$out_dir/debootstrap-cache" --include="$include" "$suite" "$rootfs" "$mirror" > "$work/debootstrap.log" 2>&1; do
  # shellcheck disable=SC2207 # package names: split on spaces
  absent=($(sed -n 's/^E: Couldn.t find these debs: //p' "$work/debootstrap.log"))
  for p in "${absent[@]}"; do
    [[ " ${lab_packages[*]} " == *" $p "* ]] && [[ " ${unavailable[*]-} " != *" $p "* ]] ||
      { tail -n 30 "$work/debootstrap.log" >&2; fail "debootstrap failed (full log above)"; }
  done
  [ ${#absent[@]} -gt 0 ] || { tail -n 30 "$work/debootstrap.log" >&2; fail "debootstrap failed (full log above)"; }
  unavailable+=("${absent[@]}")
  echo "box:   Debian $suite has no ${absent[*]}: building without it"
  include=$(echo ",$include," | sed "$(printf 's/,%s,/,/g;' "${absent[@]}")" | sed 's/^,//; s/,$//')
  findmnt -R -n -o TARGET "$rootfs" 2>/dev/null | sort -r | xargs -r umount -l 2>/dev/null || true
  rm -rf --one-file-system "$rootfs" && mkdir -p "$rootfs"
done
mkdir -p "$rootfs/etc/xdp-labs"
{
  echo "# Lab packages Debian $suite does not have (written by scripts/build-box.sh)."
  printf '%s\n' "${unavailable[@]}"
} > "$rootfs/etc/xdp-labs/unavailable-packages"

phase "configure the guest (vagrant user, ssh, networkd, fstab)"
echo xdp-labs > "$rootfs/etc/hostname"
printf '127.0.0.1 localhost\n127.0.1.1 xdp-labs\n::1 localhost ip6-localhost ip6-loopback\n' > "$rootfs/etc/hosts"
# No partition table: the whole disk is the ext4 root (see cmd_line in the box's Vagrantfile).
echo '/dev/vda / ext4 defaults,noatime 0 1' > "$rootfs/etc/fstab"
cat > "$rootfs/etc/systemd/network/20-dhcp.network" <<'EOF'
[Match]
Name=en* eth*

[Network]
DHCP=yes
EOF
chroot "$rootfs" systemctl enable systemd-networkd.service >/dev/null 2>&1
chroot "$rootfs" systemctl enable ssh.service >/dev/null 2>&1
# Boot faster under emulation: nothing here waits for "the network is online".
chroot "$rootfs" systemctl mask systemd-networkd-wait-online.service >/dev/null 2>&1 || true
chroot "$rootfs" useradd --create-home --shell /bin/bash vagrant
install -d -m 700 -o 1000 -g 1000 "$rootfs/home/vagrant/.ssh"
install -m 600 -o 1000 -g 1000 "$vagrant_pub" "$rootfs/home/vagrant/.ssh/authorized_keys"
chroot "$rootfs" chown -R vagrant:vagrant /home/vagrant
echo 'vagrant ALL=(ALL) NOPASSWD: ALL' > "$rootfs/etc/sudoers.d/vagrant"
chmod 440 "$rootfs/etc/sudoers.d/vagrant"
# Every VM made from this box gets its own host keys and machine id at first boot.
rm -f "$rootfs"/etc/ssh/ssh_host_*
mkdir -p "$rootfs/etc/systemd/system/ssh.service.d"
# Only an ed25519 host key, made at first boot: RSA key generation takes minutes
# on an emulated CPU. Debian's unit checks the config (sshd -t) first, which
# fails without a key, so the key is made before that check.
printf '%s\n' '[Service]' 'ExecStartPre=' \
  "ExecStartPre=/bin/sh -c 'test -e /etc/ssh/ssh_host_ed25519_key || ssh-keygen -q -t ed25519 -N \"\" -f /etc/ssh/ssh_host_ed25519_key'" \
  'ExecStartPre=/usr/sbin/sshd -t' > "$rootfs/etc/systemd/system/ssh.service.d/host-keys.conf"
# Without PAM an SSH session starts without a login session: each command the
# runner sends costs a few hundred milliseconds less under emulation. Key
# authentication is all Vagrant uses; "*" (no password, not locked) lets it in.
chroot "$rootfs" usermod -p '*' vagrant
printf 'UseDNS no\nUsePAM no\nPrintMotd no\nHostKey /etc/ssh/ssh_host_ed25519_key\n' > "$rootfs/etc/ssh/sshd_config.d/xdp-labs.conf"
: > "$rootfs/etc/machine-id"
rm -f "$rootfs/var/lib/dbus/machine-id"
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/tmp/*
# A small initrd with only what this VM boots from (virtio disk, ext4): it
# loads in a fraction of the time of Debian's "most modules" one under emulation.
sed -i 's/^MODULES=.*/MODULES=list/' "$rootfs/etc/initramfs-tools/initramfs.conf"
printf '%s\n' virtio_pci virtio_blk virtio_net ext4 >> "$rootfs/etc/initramfs-tools/modules"
chroot "$rootfs" update-initramfs -u -k all >/dev/null 2>&1 || fail "update-initramfs failed in the image"
kernel=$(ls "$rootfs"/boot/vmlinuz-* | sort -V | tail -n 1)
initrd=$(ls "$rootfs"/boot/initrd.img-* | sort -V | tail -n 1)
[ -f "$kernel" ] && [ -f "$initrd" ] || fail "no kernel or initrd in the image"
echo "box:   kernel $(basename "$kernel"), rootfs $(du -sxh "$rootfs" | cut -f1)"

phase "make a ${disk_gib} GiB ext4 image and compress it to qcow2"
truncate -s "${disk_gib}G" "$work/root.raw"
mkfs.ext4 -q -F -L xdp-labs -d "$rootfs" "$work/root.raw"
# zstd compresses several times faster than the default zlib (qemu 5.1+ reads it).
qemu-img convert -c -O qcow2 -o compression_type=zstd -m 4 -W "$work/root.raw" "$stage/box.img"
rm -f "$work/root.raw"
cp "$kernel" "$stage/vmlinuz"
cp "$initrd" "$stage/initrd.img"

phase "write the box (metadata.json, Vagrantfile, tar)"
printf '{"provider": "libvirt", "format": "qcow2", "virtual_size": %d}\n' "$disk_gib" > "$stage/metadata.json"
# The serial console's name differs: a PC's 16550 UART on amd64, the PL011 of qemu's "virt" machine on arm64.
console=ttyS0,115200
[ "$arch" = arm64 ] && console=ttyAMA0,115200
cat > "$stage/Vagrantfile" <<EOF
# Shipped inside the xdp-labs offline box (Debian $suite, $arch): boot the kernel
# and initrd that come with the box directly (the disk has no boot loader and
# no partition table).
Vagrant.configure("2") do |config|
  config.vm.provider :libvirt do |libvirt|
    box_dir = File.dirname(__FILE__)
    libvirt.kernel = File.join(box_dir, "vmlinuz")
    libvirt.initrd = File.join(box_dir, "initrd.img")
    libvirt.cmd_line = "root=/dev/vda rw console=$console net.ifnames=0"
    libvirt.disk_bus = "virtio"
  end
end
EOF
tar -C "$stage" -cf "$box.partial" metadata.json Vagrantfile box.img vmlinuz initrd.img
mv "$box.partial" "$box"
echo "$inputs" > "$box.inputs"
phase ""
echo "box: $box ($(du -h "$box" | cut -f1)) built in $(( $(date +%s) - started )) s"
echo "box: add it with: vagrant box add --force --name xdp-labs/offline $box"
[ "$arch" = amd64 ] || echo "box: and boot it with XDP_LABS_GUEST_ARCH=$arch (labs/Vagrantfile)"
exit 0
}
