#!/usr/bin/env bash
# Installs what the labs need, from Debian/Ubuntu packages, as root. Idempotent:
# only missing packages are installed, and it says which. Used for the local
# target (npm run lab provisions through it) and inside the Vagrant VM.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
list=${1:-$here/packages.txt}

if [ "$(id -u)" != 0 ]; then echo "provision.sh: run as root (sudo)" >&2; exit 1; fi
if ! command -v apt-get >/dev/null; then echo "provision.sh: needs apt-get (Debian or Ubuntu)" >&2; exit 1; fi

arch=$(dpkg --print-architecture 2>/dev/null || uname -m)
# An offline box lists the lab packages its Debian release does not have
# (scripts/build-box.sh): asking apt for them again would only fail.
unavailable_list=/etc/xdp-labs/unavailable-packages
# Only a box built for an older release has that list; elsewhere it is empty.
unavailable=" $( { [ -r "$unavailable_list" ] && grep -v '^#' "$unavailable_list"; } | tr '\n' ' ' || true) "
missing=()
not_packaged=()
while read -r what pkg only_on; do
  case "$what" in ''|'#'*) continue ;; esac
  [ -z "$only_on" ] || [ "$only_on" = "$arch" ] || continue
  case "$unavailable" in *" $pkg "*)
    case " ${not_packaged[*]-} " in *" $pkg "*) ;; *) not_packaged+=("$pkg") ;; esac
    continue ;;
  esac
  if [ "${what#/}" != "$what" ]; then [ -e "$what" ] && continue
  else command -v "$what" >/dev/null 2>&1 && continue
  fi
  case " ${missing[*]-} " in *" $pkg "*) ;; *) missing+=("$pkg") ;; esac
done < "$list"

[ ${#not_packaged[@]} -eq 0 ] || echo "provision: ${not_packaged[*]}: not packaged by this release ($unavailable_list); the labs that need it skip"
if [ ${#missing[@]} -eq 0 ]; then echo "provision: every lab tool is already installed"; exit 0; fi
echo "provision: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "provision: installed ${missing[*]}"
