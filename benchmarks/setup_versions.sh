#!/usr/bin/env bash
# The set-up on each Python the README claims (3.11, 3.12), and the refusal of the others:
# build a fresh venv from requirements.lock, install backstride, import it, run the CLI.
# Prints one table row per version. Usage: bash benchmarks/setup_versions.sh [VERSION ...]
set -uo pipefail
cd "$(dirname "$0")/.."
versions=("${@:-3.10 3.11 3.12 3.13}")
read -r -a versions <<< "${versions[*]}"

find_python() {  # pythonX.Y on PATH if it runs, else a pyenv install of X.Y
  local v=$1 p
  p=$(command -v "python$v" 2>/dev/null) && "$p" -c '' 2>/dev/null && { echo "$p"; return; }
  for p in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$v".*/bin/python"$v"; do
    [ -x "$p" ] && { echo "$p"; return; }
  done
}

printf '| python | make picks it | venv + lock | import + CLI | seconds |\n|---|---|---|---|---|\n'
for v in "${versions[@]}"; do
  py=$(find_python "$v")
  if [ -z "$py" ]; then printf '| %s | not installed | | | |\n' "$v"; continue; fi
  picks=$("$py" -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 12))' && echo yes || echo "no (refused)")
  dir=$(mktemp -d)
  start=$(date +%s)
  install="ok"
  "$py" -m venv "$dir/venv" >/dev/null 2>&1 \
    && "$dir/venv/bin/pip" install --quiet --upgrade pip >/dev/null 2>&1 \
    && "$dir/venv/bin/pip" install --quiet -r requirements.lock >"$dir/log" 2>&1 \
    && "$dir/venv/bin/pip" install --quiet --no-deps . >>"$dir/log" 2>&1 || install="failed: $(grep -m1 -E 'ERROR|error' "$dir/log" | cut -c1-110)"
  run="-"
  if [ "$install" = ok ]; then
    (cd "$dir" && venv/bin/python -c 'import backstride, mediapipe.python.solutions.pose, cv2, av, scipy, pandas' \
      && venv/bin/backstride --help >/dev/null) >>"$dir/log" 2>&1 && run="ok" || run="failed"
  fi
  printf '| %s | %s | %s | %s | %d |\n' "$("$py" -V 2>&1 | cut -d' ' -f2)" "$picks" "$install" "$run" $(( $(date +%s) - start ))
  rm -rf "$dir"
done
