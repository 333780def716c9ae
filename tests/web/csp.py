"""Content-Security-Policy violations a page reports in chromium."""

from __future__ import annotations

# the DOM event every violation fires, written to the console where Playwright hears it
REPORT = """document.addEventListener("securitypolicyviolation", (e) =>
  console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));"""


def watch(page, seen: list[str]) -> list[str]:
    """Add the page's CSP violations to `seen` (call before it loads)."""
    page.add_init_script(REPORT)
    page.on("console", lambda msg: seen.append(msg.text)
            if "CSP violation" in msg.text or "Content Security Policy" in msg.text else None)
    return seen
