#!/usr/bin/env bash
# Builds the tiny offline stand-in for `busybox:1.37` that the example project
# (examples/shop) and the integration tests use. Machines here have no image
# registry, so we wrap Debian's static busybox (package busybox-static) in a
# FROM-scratch image. A user's machine simply pulls the real busybox:1.37.
#
# Safe to re-run: a real (pulled) busybox:1.37 is never replaced, and an image
# this script built from the same busybox binary is kept as is.
# Env: DOCKER overrides the docker command; BUSYBOX overrides the binary path.
set -euo pipefail

DOCKER=${DOCKER:-docker}
BUSYBOX=${BUSYBOX:-/bin/busybox}
TAG=busybox:1.37
LABEL=org.parity.test-image
SHA_LABEL=org.parity.busybox-sha256

die() { echo "build-test-images: $*" >&2; exit 1; }

[ -x "$BUSYBOX" ] ||
  die "$BUSYBOX not found; install Debian's busybox-static package (apt-get install -y busybox-static)"
if command -v file >/dev/null 2>&1; then
  file -L "$BUSYBOX" | grep -Eq 'statically linked|static-pie linked' ||
    die "$BUSYBOX is not statically linked; install Debian's busybox-static package (not busybox)"
elif ldd "$BUSYBOX" >/dev/null 2>&1; then
  die "$BUSYBOX is dynamically linked; install Debian's busybox-static package (not busybox)"
fi

sha=$(sha256sum "$BUSYBOX" | cut -d' ' -f1)

if $DOCKER image inspect "$TAG" >/dev/null 2>&1; then
  labels=$($DOCKER image inspect -f "{{index .Config.Labels \"$LABEL\"}} {{index .Config.Labels \"$SHA_LABEL\"}}" "$TAG")
  case "$labels" in
    "true $sha") echo "$TAG: kept (up to date Parity test image)"; exit 0 ;;
    true\ *) ;; # ours, but built from another busybox: rebuild
    *) echo "$TAG: kept (existing image is not a Parity test image; leaving it alone)"; exit 0 ;;
  esac
fi

ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT
cp "$BUSYBOX" "$ctx/busybox"
cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
LABEL $LABEL="true" $SHA_LABEL="$sha"
CMD ["sh"]
DOCKERFILE

# Legacy builder: no BuildKit needed; silence its deprecation notice.
if ! out=$(DOCKER_BUILDKIT=0 $DOCKER build -q -t "$TAG" "$ctx" 2>&1); then
  printf '%s\n' "$out" >&2
  die "docker build of $TAG failed"
fi
echo "$TAG: built ($(printf '%s\n' "$out" | tail -n1 | cut -c1-19))"
