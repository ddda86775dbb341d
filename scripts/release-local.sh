#!/usr/bin/env bash
# Runs every step of the release that can run on this machine (see .github/workflows/release.yml):
# the Native AOT binary for this platform, its archive and checksum, the NuGet tool packages (this
# platform's, the one users install and the portable fallback) and SHA256SUMS, all in dist/ (or
# DIST). Then it installs the packed tool from dist/ alone, as users install it from NuGet, and
# runs it. To prove the binary, run the test suite against it:
#   MESHLINT_TEST_EXECUTABLE=dist/publish/linux-x64/meshlint dotnet test
# Needs the .NET 10 SDK, a C toolchain and zlib's headers (.ci/install-tools installs them).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
export DIST="${DIST:-$repo/dist}"
release=scripts/release.sh

rid=$(dotnet msbuild src/MeshLint.Cli -nologo -getProperty:NETCoreSdkRuntimeIdentifier)
version=$(bash "$release" version)
rm -f "$DIST"/meshlint-*.tar.gz "$DIST"/meshlint-*.zip "$DIST"/*.sha256 "$DIST"/MeshLint*.nupkg "$DIST"/SHA256SUMS

bash "$release" binary "$rid"
bash "$release" tool-package "$rid"
bash "$release" common-packages
bash "$release" checksums

# Install from dist/ and nothing else, as `dotnet tool install -g MeshLint` does from NuGet: the
# package users install names this platform's package, which brings the native binary.
check=$(mktemp -d)
trap 'rm -rf "$check"' EXIT
cat > "$check/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /><add key="dist" value="$DIST" /></packageSources></configuration>
EOF
dotnet tool install MeshLint --version "$version" --tool-path "$check/tools" --configfile "$check/nuget.config" >/dev/null
installed=$("$check/tools/meshlint" --version)
[ "$installed" = "meshlint $version" ] || { echo "release-local: the installed tool says '$installed'" >&2; exit 1; }
if [ -f "$check/tools/.store/meshlint/$version/meshlint.$rid/$version/tools/any/$rid/meshlint" ]; then
    echo "release-local: dotnet tool install took MeshLint.$rid (Native AOT)"
else
    echo "release-local: dotnet tool install did not take MeshLint.$rid" >&2
    find "$check/tools/.store" -maxdepth 6 >&2
    exit 1
fi

echo "release-local: MeshLint $version for $rid in $DIST:"
(cd "$DIST" && ls -l meshlint-* MeshLint*.nupkg SHA256SUMS)
