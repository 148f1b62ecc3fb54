#!/usr/bin/env bash
# Brings the PublicAPI.Unshipped.txt files of src/ in line with the code after a deliberate change of the public API:
# adds what the analyzer reports as undeclared (RS0016), removes what it reports as gone (RS0017), then rebuilds.
# Review the diff: it is the API change.
#
#   bash scripts/public-api.sh
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for pass in 1 2 3; do
  dotnet build BookMeAtOz.sln -c Release --nologo -p:TreatWarningsAsErrors=false >"$log" 2>&1 || true
  grep -qE 'RS001[67]' "$log" || { echo "public API files are up to date (pass $pass)"; exit 0; }
  python3 - "$log" <<'PY'
import re, sys, collections
adds, removes = collections.defaultdict(set), collections.defaultdict(set)
for line in open(sys.argv[1], encoding='utf-8'):
    project = re.search(r'\[(/[^\]]+/src/[^/\]]+)/[^/\]]+\.csproj\]', line)
    if not project:
        continue
    folder = project.group(1)
    if m := re.search(r"RS0016: Symbol '(.+?)' is not part of the declared public API", line):
        adds[folder].add(m.group(1))
    elif m := re.search(r"RS0017: Symbol '(.+?)' is part of the declared API", line):
        removes[folder].add(m.group(1))
for folder in set(adds) | set(removes):
    path = f'{folder}/PublicAPI.Unshipped.txt'
    lines = open(path, encoding='utf-8').read().splitlines()
    head = [l for l in lines if l.startswith('#')] or ['#nullable enable']
    body = (set(l for l in lines if l and not l.startswith('#')) - removes[folder]) | adds[folder]
    open(path, 'w', encoding='utf-8').write('\n'.join(head + sorted(body, key=lambda s: s.replace('~', ''))) + '\n')
    print(f'{path}: +{len(adds[folder])} -{len(removes[folder])}')
PY
done
echo "still undeclared after three passes; see: dotnet build" >&2
exit 1
