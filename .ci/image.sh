#!/usr/bin/env bash
# The container image, built as users build it (docker/Dockerfile) but with buildah, which needs no
# daemon, and on stand-in base images: no registry is reachable here, so the Dockerfile's two base
# images are made from Debian packages (debootstrap bookworm + OpenJDK 17, + Maven for the build
# stage) and passed as its BUILD_IMAGE / RUNTIME_IMAGE arguments. The stand-ins' root file systems
# are cached in ~/.cache/budgetron-images (made again when missing: about 3 minutes).
#   .ci/image.sh [build|standins|node]     (root; apt-get installs buildah and debootstrap when missing)
# build (default): the stand-ins, then the image as localhost/budgetron-db:ci (prints its size).
# node: a stand-in Node image (Debian's nodejs) with Drizzle's migrator on the same ten migrations, for src/bench/image.sh
#   (localhost/budgetron-drizzle:ci; needs node and npm here, to install Drizzle).
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-build}
cache=${BUDGETRON_IMAGE_CACHE:-$HOME/.cache/budgetron-images}
mkdir -p "$cache"
B=(buildah --storage-driver vfs)
BUILD_IMAGE=localhost/budgetron-standin/maven:3.9-jdk17
RUNTIME_IMAGE=localhost/budgetron-standin/jre:17
NODE_IMAGE=localhost/budgetron-standin/node:bookworm
IMAGE=${BUDGETRON_IMAGE:-localhost/budgetron-db:ci}

if ! command -v buildah >/dev/null || ! command -v debootstrap >/dev/null; then
  echo "image: installing buildah and debootstrap"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq buildah debootstrap >/dev/null
fi

# standin NAME PACKAGE… : NAME in buildah's storage, from a cached root file system (made when missing)
standin() {
  local name=$1; shift
  local tar="$cache/$(echo "$name" | tr '/:' '__').tar"
  if "${B[@]}" inspect --type image "$name" >/dev/null 2>&1; then
    return
  fi
  if [ ! -s "$tar" ]; then
    echo "image: making the stand-in $name from Debian packages ($*)"
    local root
    root=$(mktemp -d)
    debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    mount -t proc proc "$root/proc"
    # the JDK's post-install needs /proc; the man directories keep apt quiet on a minimal base
    mkdir -p "$root"/usr/share/man/man1
    if ! chroot "$root" sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $* && apt-get clean" >"$cache/apt.log" 2>&1; then
      umount "$root/proc"; rm -rf "$root"; echo "image: apt-get in the stand-in failed" >&2; exit 1
    fi
    umount "$root/proc"
    # the build machine's Java trust store: Maven inside reaches Maven Central with it (the stock one fails every download)
    if [ -f /etc/ssl/certs/java/cacerts ] && [ -d "$root/etc/ssl/certs/java" ]; then
      cp /etc/ssl/certs/java/cacerts "$root/etc/ssl/certs/java/cacerts"
    fi
    rm -rf "$root"/var/lib/apt/lists/* "$root/etc/resolv.conf"
    tar -C "$root" -cf "$tar.part" . && mv "$tar.part" "$tar"
    rm -rf "$root"
  fi
  local c
  c=$("${B[@]}" from scratch)
  "${B[@]}" add "$c" "$tar" / >/dev/null
  "${B[@]}" config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --env LANG=C.UTF-8 "$c"
  "${B[@]}" commit -q "$c" "$name" >/dev/null
  "${B[@]}" rm "$c" >/dev/null
}

standins() {
  standin "$RUNTIME_IMAGE" openjdk-17-jre-headless ca-certificates-java passwd
  standin "$BUILD_IMAGE" openjdk-17-jdk-headless maven ca-certificates-java passwd
}

case "$what" in
  standins) standins ;;
  build)
    standins
    start=$(date +%s)
    # the build stage resolves from this machine's Maven repository (mounted), else from Maven Central
    "${B[@]}" bud --isolation chroot --pull=never --layers=false -q \
      --build-arg BUILD_IMAGE="$BUILD_IMAGE" --build-arg RUNTIME_IMAGE="$RUNTIME_IMAGE" \
      --volume "$HOME/.m2:/root/.m2" -f docker/Dockerfile -t "$IMAGE" . >/dev/null
    echo "image: built $IMAGE in $(( $(date +%s) - start )) s, $("${B[@]}" images --format '{{.Size}}' "$IMAGE" | head -1)"
    ;;
  node)
    standin "$NODE_IMAGE" nodejs
    . src/bench/lib.sh
    side=$(drizzle_side)   # Drizzle installed with npm, its migrations folder made from the changelog
    c=$("${B[@]}" from "$NODE_IMAGE")
    "${B[@]}" copy "$c" "$side" /app >/dev/null
    "${B[@]}" config --workingdir /app --env MIGRATIONS=/app/migrations "$c"
    "${B[@]}" commit -q "$c" localhost/budgetron-drizzle:ci >/dev/null
    "${B[@]}" rm "$c" >/dev/null
    echo "image: built localhost/budgetron-drizzle:ci, $("${B[@]}" images --format '{{.Size}}' localhost/budgetron-drizzle:ci | head -1)"
    ;;
  *) echo "usage: .ci/image.sh [build|standins|node]" >&2; exit 2 ;;
esac
