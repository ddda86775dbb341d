#!/usr/bin/env bash
# The steps of a MeshLint release, one at a time. .github/workflows/release.yml runs them on each
# platform's own runner; scripts/release-local.sh runs all of those that can run on this machine.
#
#   scripts/release.sh binary [RID]         Native AOT executable for RID (default: this machine's),
#                                           checked for unexpected AOT/trim warnings, archived as
#                                           dist/meshlint-VERSION-RID.tar.gz (.zip on Windows)
#                                           with a .sha256 file beside it
#   scripts/release.sh tool-package [RID]   dist/MeshLint.RID.VERSION.nupkg: the NuGet tool's Native
#                                           AOT package for RID (reuses the binary step's build)
#   scripts/release.sh common-packages      dist/MeshLint.VERSION.nupkg, the package users install
#                                           (it names one package per platform), and
#                                           dist/MeshLint.any.VERSION.nupkg, the portable fallback
#                                           (framework-dependent, for every other platform)
#   scripts/release.sh checksums            dist/SHA256SUMS over every archive and package in dist/
#   scripts/release.sh version              print the version being released
#
# DIST (default: dist) is where everything goes. Native AOT needs a C toolchain and zlib's headers
# (clang or gcc and zlib1g-dev on Debian; .ci/install-tools installs them), and builds only for
# the operating system it runs on.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
dist="${DIST:-dist}"
mkdir -p "$dist"
dist="$(cd "$dist" && pwd)"
project=src/MeshLint.Cli/MeshLint.Cli.csproj
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

version() {
    dotnet msbuild "$project" -nologo -getProperty:Version
}

host_rid() {
    dotnet msbuild "$project" -nologo -getProperty:NETCoreSdkRuntimeIdentifier
}

sha256() {
    if command -v sha256sum >/dev/null 2>&1; then sha256sum "$@"; else shasum -a 256 "$@"; fi
}

# Every AOT and trim warning of the build must be one that scripts/aot-warnings.txt lists and
# explains; anything else (a new library that reflects, reflection in MeshLint's own code) fails.
check_warnings() {
    local log=$1 found expected unexpected
    found=$(grep -Eo "warning IL[0-9]+: [^:]+" "$log" \
        | sed -E "s/^warning (IL[0-9]+): (Assembly '[^']+').*/\1 \2/; s/^warning (IL[0-9]+): /\1 /" | sort -u || true)
    expected=$(grep -Ev '^\s*(#|$)' scripts/aot-warnings.txt | sort -u)
    unexpected=$(comm -23 <(printf '%s\n' "$found" | sed '/^$/d') <(printf '%s\n' "$expected"))
    if [ -n "$unexpected" ]; then
        echo "release: AOT or trim warnings that scripts/aot-warnings.txt does not explain:" >&2
        printf '  %s\n' "$unexpected" >&2
        exit 1
    fi
    if grep -Eq ": error " "$log"; then
        grep -E ": error " "$log" | sort -u >&2
        exit 1
    fi
}

binary() {
    local rid=${1:-$(host_rid)} version build log exe archive
    version=$(version)
    build="$dist/.build/$rid"
    log="$dist/.build/publish-$rid.log"
    rm -rf "$build" "$dist/publish/$rid"
    mkdir -p "$dist/.build"
    echo "release: publishing MeshLint $version for $rid (Native AOT)"
    if ! dotnet publish "$project" -c Release -r "$rid" -p:ReleaseTool=true -o "$dist/publish/$rid" \
        --artifacts-path "$build" > "$log" 2>&1; then
        grep -E "error|warning IL" "$log" | sort -u >&2 || tail -n 40 "$log" >&2
        exit 1
    fi
    check_warnings "$log"

    exe=meshlint
    case "$rid" in win-*) exe=meshlint.exe ;; esac
    [ -f "$dist/publish/$rid/$exe" ] || { echo "release: $dist/publish/$rid/$exe was not built" >&2; exit 1; }
    if [ "$rid" = "$(host_rid)" ]; then
        "$dist/publish/$rid/$exe" --version | tr -d '\r' | grep -qx "meshlint $version" \
            || { echo "release: the built binary does not say it is $version" >&2; exit 1; }
    fi

    # The archive holds the executable alone, at its root.
    case "$rid" in
        win-*)
            archive="meshlint-$version-$rid.zip"
            rm -f "$dist/$archive"
            if command -v 7z >/dev/null 2>&1; then
                (cd "$dist/publish/$rid" && 7z a -tzip -bd "$dist/$archive" "$exe" >/dev/null)
            else
                (cd "$dist/publish/$rid" && zip -q -X "$dist/$archive" "$exe")
            fi
            ;;
        *)
            archive="meshlint-$version-$rid.tar.gz"
            if tar --version 2>/dev/null | grep -q GNU; then
                tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 \
                    -C "$dist/publish/$rid" -cf - "$exe" | gzip -n -9 > "$dist/$archive"
            else
                tar -C "$dist/publish/$rid" -cf - "$exe" | gzip -n -9 > "$dist/$archive"
            fi
            ;;
    esac
    (cd "$dist" && sha256 "$archive" > "$archive.sha256")
    echo "release: $dist/$archive ($(wc -c < "$dist/publish/$rid/$exe") bytes unpacked)"
    cat "$dist/$archive.sha256"
}

tool_package() {
    local rid=${1:-$(host_rid)}
    echo "release: packing MeshLint.$rid (Native AOT)"
    # The same properties and build folder as the binary step, so the native compile is reused.
    dotnet pack "$project" -c Release -r "$rid" -p:ReleaseTool=true -o "$dist" \
        --artifacts-path "$dist/.build/$rid" --nologo -v quiet
}

common_packages() {
    echo "release: packing MeshLint (the package users install) and MeshLint.any (portable)"
    dotnet pack "$project" -c Release -p:ReleaseTool=true -o "$dist" \
        --artifacts-path "$dist/.build/pointer" --nologo -v quiet
    dotnet pack "$project" -c Release -r any -p:ReleaseTool=true -p:PublishAot=false -o "$dist" \
        --artifacts-path "$dist/.build/any" --nologo -v quiet
}

checksums() {
    (
        cd "$dist"
        shopt -s nullglob
        files=(meshlint-*.tar.gz meshlint-*.zip MeshLint*.nupkg)
        [ "${#files[@]}" -gt 0 ] || { echo "release: nothing in $dist to checksum" >&2; exit 1; }
        sha256 "${files[@]}" > SHA256SUMS
    )
    cat "$dist/SHA256SUMS"
}

step=${1:-}
shift || true
case "$step" in
    binary) binary "$@" ;;
    tool-package) tool_package "$@" ;;
    common-packages) common_packages ;;
    checksums) checksums ;;
    version) version ;;
    *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
