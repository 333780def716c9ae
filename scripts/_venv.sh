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
# Share posters draw Chinese with this one font file (POSTER_FONT, see
# app/sharing/fonts.py): Debian's fonts-wqy-microhei, for the run command too.
FONT=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
if [ -z "${POSTER_FONT:-}" ] && [ ! -f "$FONT" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "[setup] installing Debian's fonts-wqy-microhei"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null
  else
    echo "[setup] posters need a CJK font: sudo apt-get install fonts-wqy-microhei" >&2
  fi
fi
