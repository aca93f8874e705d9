#!/usr/bin/env bash
# The set-up on each Python the README claims (3.11, 3.12, 3.13), and the refusal of the others:
# build a fresh venv from requirements.lock, install backstride, import it, run the CLI, then the
# demo (the pose model on the rendered runner, both views, the report). The weights come from
# .venv's models folder where make has fetched them, else 'backstride models fetch' downloads them.
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

models="$PWD/.venv/share/backstride/models"
printf '| python | make picks it | venv + lock | import + CLI | demo | seconds |\n|---|---|---|---|---|---|\n'
for v in "${versions[@]}"; do
  py=$(find_python "$v")
  if [ -z "$py" ]; then printf '| %s | not installed | | | | |\n' "$v"; continue; fi
  picks=$("$py" -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' && echo yes || echo "no (refused)")
  dir=$(mktemp -d)
  start=$(date +%s)
  install="ok"
  "$py" -m venv "$dir/venv" >/dev/null 2>&1 \
    && "$dir/venv/bin/pip" install --quiet --upgrade pip >/dev/null 2>&1 \
    && "$dir/venv/bin/pip" install --quiet -r requirements.lock >"$dir/log" 2>&1 \
    && "$dir/venv/bin/pip" install --quiet --no-deps . >>"$dir/log" 2>&1 || install="failed: $(grep -m1 -E 'ERROR|error' "$dir/log" | cut -c1-110)"
  run="-" demo="-"
  if [ "$install" = ok ]; then
    (cd "$dir" && venv/bin/python -c 'import backstride, ai_edge_litert.interpreter, cv2, av, scipy, pandas, weasyprint' \
      && venv/bin/backstride --help >/dev/null) >>"$dir/log" 2>&1 && run="ok" || run="failed"
  fi
  if [ "$run" = ok ]; then
    if [ -f "$models/pose_landmark_full.tflite" ]; then export BACKSTRIDE_MODELS="$models"; else "$dir/venv/bin/backstride" models fetch >>"$dir/log" 2>&1; fi
    (cd "$dir" && venv/bin/backstride demo --out demo && [ -s demo/summary.json ] && [ -s demo/report.pdf ]) >>"$dir/log" 2>&1 \
      && demo="ok" || demo="failed: $(grep -m1 -iE 'error|refused' "$dir/log" | cut -c1-110)"
  fi
  printf '| %s | %s | %s | %s | %s | %d |\n' "$("$py" -V 2>&1 | cut -d' ' -f2)" "$picks" "$install" "$run" "$demo" $(( $(date +%s) - start ))
  rm -rf "$dir"
done
