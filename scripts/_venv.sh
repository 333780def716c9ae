# Sourced by scripts/run and scripts/test: make .venv with Python 3.11 and
# install the pinned requirements into it (quietly, with a progress line).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=${PYTHON:-$(command -v python3.11 || command -v python3)}
if [ ! -x .venv/bin/python ]; then
  echo "[setup] creating .venv with $($PY --version)"
  "$PY" -m venv .venv
fi
echo "[setup] installing requirements.txt"
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
