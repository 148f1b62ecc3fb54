#!/usr/bin/env bash
# Packs the three libraries (BookMeAtOz.Core, BookMeAtOz.AspNetCore, BookMeAtOz.Client) with their
# symbol packages (.snupkg) into one folder:
#
#   scripts/pack.sh                                   # -> artifacts/packages, version from VersionPrefix
#   scripts/pack.sh out/ -p:VersionSuffix=preview.3   # extra args go to every `dotnet pack`
#
# SourceLink (and deterministic /_/ paths) is switched on with -p:ContinuousIntegrationBuild=true when
# the working copy has a GitHub `origin` remote: SourceLink maps the sources to that repository's raw
# files at the packed commit. Without such a remote the packages are built without it.
set -euo pipefail

REPO_ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_ROOT"
OUT=${1:-artifacts/packages}
shift || true

extra=()
if git remote get-url origin 2>/dev/null | grep -q 'github\.com[:/]'; then
  extra+=(-p:ContinuousIntegrationBuild=true)
else
  echo "pack: no GitHub 'origin' remote: packing without SourceLink" >&2
fi

mkdir -p "$OUT"
for project in BookMeAtOz.Core BookMeAtOz.AspNetCore BookMeAtOz.Client; do
  dotnet pack "src/$project/$project.csproj" -c Release -o "$OUT" --nologo "${extra[@]}" "$@"
done
ls -1 "$OUT"
