#!/usr/bin/env bash
# Downloads MeshLint's release binary for this machine, checks it against the SHA-256 recorded in
# this repository, and installs or runs it. The Action and the meshlint-bin pre-commit hook use it.
#
#   scripts/release-binary.sh locate         print version=, rid=, archive=, sha256= of the release
#                                            this checkout names (its Directory.Build.props version)
#   scripts/release-binary.sh install DIR    download, verify and unpack the binary into DIR
#   scripts/release-binary.sh run [ARGS...]  run the binary with ARGS, installing it first into the
#                                            cache folder when it is not there yet
#
# The version is the one this checkout of the repository carries, so a pinned Action ref or
# pre-commit rev always gets the same binary; the checksum comes from
# scripts/release-checksums.txt in the same checkout, never from the download site. Nothing is
# looked up on the network but the archive itself, at
#   $MESHLINT_RELEASE_URL/vVERSION/meshlint-VERSION-RID.tar.gz (.zip on Windows)
# where MESHLINT_RELEASE_URL defaults to the project's GitHub releases (tests point it at a local
# server). The cache folder is $MESHLINT_CACHE_DIR, else $XDG_CACHE_HOME/meshlint, else
# ~/.cache/meshlint (%LOCALAPPDATA%\meshlint on Windows).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
base_url="${MESHLINT_RELEASE_URL:-https://github.com/meshlint/meshlint/releases/download}"

fail() {
    echo "meshlint: $*" >&2
    exit 2
}

platform() {
    local os arch
    case "${RUNNER_OS:-$(uname -s)}" in
        Linux) os=linux ;;
        Darwin | macOS) os=osx ;;
        Windows | MINGW* | MSYS* | CYGWIN*) os=win ;;
        *) fail "no release binary for this operating system ($(uname -s)); install the .NET tool instead (dotnet tool install -g MeshLint)" ;;
    esac
    case "${RUNNER_ARCH:-$(uname -m)}" in
        X64 | x86_64 | amd64) arch=x64 ;;
        ARM64 | arm64 | aarch64) arch=arm64 ;;
        *) fail "no release binary for this processor ($(uname -m)); install the .NET tool instead (dotnet tool install -g MeshLint)" ;;
    esac
    [ "$os-$arch" != win-arm64 ] || fail "no release binary for Windows on ARM; install the .NET tool instead (dotnet tool install -g MeshLint)"
    echo "$os-$arch"
}

sha256_of() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d' ' -f1
    else
        shasum -a 256 "$1" | cut -d' ' -f1
    fi
}

# Sets version, rid, archive and sha256 for the release this checkout names.
locate() {
    version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/Directory.Build.props" | head -n 1)
    [ -n "$version" ] || fail "no <Version> in $repo/Directory.Build.props"
    rid=$(platform)
    case "$rid" in
        win-*) archive="meshlint-$version-$rid.zip" ;;
        *) archive="meshlint-$version-$rid.tar.gz" ;;
    esac
    sha256=$(awk -v name="$archive" '$2 == name || $2 == "*" name { print $1; exit }' "$here/release-checksums.txt")
    [ -n "$sha256" ] || fail "MeshLint $version has no release binary for $rid recorded in scripts/release-checksums.txt (an unreleased commit?): pin a release tag, or build from source"
}

download() {
    local url=$1 to=$2
    if command -v curl >/dev/null 2>&1; then
        curl --fail --silent --show-error --location --retry 3 --output "$to" "$url"
    elif command -v wget >/dev/null 2>&1; then
        wget --quiet --tries=3 --output-document="$to" "$url"
    else
        fail "curl or wget is needed to download $url"
    fi
}

install() {
    local dir=$1 work got exe
    locate
    work=$(mktemp -d)
    trap 'rm -rf "$work"' RETURN
    download "$base_url/v$version/$archive" "$work/$archive" || fail "could not download $base_url/v$version/$archive"
    got=$(sha256_of "$work/$archive")
    if [ "$got" != "$sha256" ]; then
        fail "$archive has SHA-256 $got, but scripts/release-checksums.txt records $sha256: not installed"
    fi
    mkdir -p "$work/unpacked"
    case "$archive" in
        *.zip)
            if command -v unzip >/dev/null 2>&1; then
                unzip -q "$work/$archive" -d "$work/unpacked"
            else
                7z x -bd -o"$work/unpacked" "$work/$archive" >/dev/null
            fi
            exe=meshlint.exe
            ;;
        *)
            tar -xzf "$work/$archive" -C "$work/unpacked"
            exe=meshlint
            ;;
    esac
    [ -f "$work/unpacked/$exe" ] || fail "$archive holds no $exe"
    chmod +x "$work/unpacked/$exe"
    # Moved into place whole, so an interrupted install never leaves a partial binary behind.
    mkdir -p "$dir"
    mv -f "$work/unpacked/$exe" "$dir/$exe.partial"
    mv -f "$dir/$exe.partial" "$dir/$exe"
}

cache_root() {
    if [ -n "${MESHLINT_CACHE_DIR:-}" ]; then
        echo "$MESHLINT_CACHE_DIR"
    elif [ -n "${XDG_CACHE_HOME:-}" ]; then
        echo "$XDG_CACHE_HOME/meshlint"
    elif [ -n "${LOCALAPPDATA:-}" ]; then
        echo "$LOCALAPPDATA/meshlint"
    else
        echo "$HOME/.cache/meshlint"
    fi
}

run() {
    local dir exe
    locate
    # The checksum names the folder, so a changed release is never mistaken for a cached one.
    dir="$(cache_root)/$version-$rid-${sha256:0:16}"
    exe="$dir/meshlint"
    case "$rid" in win-*) exe="$dir/meshlint.exe" ;; esac
    if [ ! -x "$exe" ]; then
        install "$dir"
    fi
    exec "$exe" "$@"
}

command=${1:-}
shift || true
case "$command" in
    locate)
        locate
        printf 'version=%s\nrid=%s\narchive=%s\nsha256=%s\n' "$version" "$rid" "$archive" "$sha256"
        ;;
    install)
        [ $# -eq 1 ] || fail "usage: release-binary.sh install DIR"
        install "$1"
        ;;
    run) run "$@" ;;
    *) fail "usage: release-binary.sh locate | install DIR | run [ARGS...]" ;;
esac
