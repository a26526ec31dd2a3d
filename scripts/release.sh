#!/usr/bin/env bash
# Builds release archives of dokaz with SHA-256 checksums into dist/.
#
#   scripts/release.sh                      the host's target only
#   scripts/release.sh TARGET...            these Rust targets
#   DIST=out scripts/release.sh             another output folder
#   PROFILE=dev scripts/release.sh          a debug build (to test this script)
#
# Each target gives dist/dokaz-<version>-<target>.tar.gz (.zip for Windows)
# holding the binary and README.md, a .sha256 file beside it, and
# dist/SHA256SUMS lists them all (check with `sha256sum -c SHA256SUMS`).
#
# A target other than the host needs its Rust standard library
# (`rustup target add TARGET`) and, for Linux aarch64, a cross linker
# (Debian: gcc-aarch64-linux-gnu). macOS and Windows archives are built on
# their own runners by the GitHub Actions recipe in docs/deploy/github/.
set -euo pipefail
cd "$(dirname "$0")/.."

dist="${DIST:-dist}"
profile="${PROFILE:-release}"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
host="$(rustc -vV | sed -n 's/^host: //p')"
[ -n "$version" ] || { echo "release: no version in Cargo.toml" >&2; exit 2; }
if [ "$#" -gt 0 ]; then targets=("$@"); else targets=("$host"); fi

sha256() {
  if command -v sha256sum >/dev/null; then sha256sum "$@"; else shasum -a 256 "$@"; fi
}

mkdir -p "$dist"
for target in "${targets[@]}"; do
  if [ "$target" != "$host" ] && command -v rustup >/dev/null &&
    ! rustup target list --installed | grep -qx "$target"; then
    echo "release: the Rust target $target is not installed (rustup target add $target)" >&2
    exit 2
  fi
  if [ "$target" = aarch64-unknown-linux-gnu ] && [ "$host" != "$target" ]; then
    linker="${CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER:-aarch64-linux-gnu-gcc}"
    command -v "$linker" >/dev/null || {
      echo "release: $target needs the cross linker $linker (apt-get install gcc-aarch64-linux-gnu)" >&2
      exit 2
    }
    export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER="$linker"
  fi

  echo "release: building dokaz $version for $target ($profile)" >&2
  dir="$profile"
  [ "$profile" = dev ] && dir=debug
  if [ "$target" = "$host" ]; then
    # The host's build lands in target/<profile>/, shared with `cargo build`.
    cargo build --locked --profile "$profile"
    out="target/$dir"
  else
    cargo build --locked --profile "$profile" --target "$target"
    out="target/$target/$dir"
  fi
  exe=dokaz
  case "$target" in *windows*) exe=dokaz.exe ;; esac
  bin="$out/$exe"
  [ -f "$bin" ] || { echo "release: $bin was not built" >&2; exit 2; }

  name="dokaz-$version-$target"
  stage="$(mktemp -d)"
  mkdir "$stage/$name"
  cp "$bin" README.md "$stage/$name/"
  case "$target" in
    *windows*)
      archive="$name.zip"
      rm -f "$dist/$archive"
      if command -v zip >/dev/null; then
        (cd "$stage" && zip -qr - "$name") >"$dist/$archive"
      else
        (cd "$stage" && 7z a -tzip -bso0 "$OLDPWD/$dist/$archive" "$name")
      fi
      ;;
    *)
      archive="$name.tar.gz"
      tar -C "$stage" -czf "$dist/$archive" "$name"
      ;;
  esac
  rm -rf "$stage"
  (cd "$dist" && sha256 "$archive" >"$archive.sha256")
  echo "release: $dist/$archive" >&2
done

# One list of every archive in dist/, including those of earlier runs
# (CI collects the archives of every runner into one folder).
(cd "$dist" && cat ./*.sha256 >SHA256SUMS && sha256 -c SHA256SUMS >/dev/null)
echo "release: $dist/SHA256SUMS" >&2
