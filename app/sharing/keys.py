"""Every Redis key of the sharing package."""


def image(scene: str, fmt: str, fingerprint: str) -> str:
    """A rendered QR code or poster; the fingerprint hashes everything drawn
    (URL, title, price, ...) so a changed price never serves an old poster."""
    return f"share:{scene}:{fmt}:{fingerprint}"
