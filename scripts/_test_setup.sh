# Sourced by scripts/test (and once by .ci/run before legs run side by side):
# the venv and its requirements, Debian's chromium for the browser tests and
# a CJK font for their screenshots. Every step is a no-op once done.
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
if ! command -v chromium >/dev/null 2>&1; then
  # The browser tests drive Debian's chromium; never a downloaded browser.
  if [ "$(id -u)" = 0 ]; then
    echo "[setup] installing Debian's chromium"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "[setup] the browser tests need Debian's chromium: sudo apt-get install chromium" >&2
    exit 1
  fi
fi
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  # The console speaks Chinese: its screenshots need a CJK font (Debian's).
  if [ "$(id -u)" = 0 ]; then
    echo "[setup] installing Debian's fonts-wqy-microhei"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null
  else
    echo "[setup] the console's screenshots need a CJK font: sudo apt-get install fonts-wqy-microhei" >&2
  fi
fi
