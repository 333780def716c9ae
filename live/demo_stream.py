"""The demo stream: a short test pattern (colour bars, a running clock and a
tone) cut into HLS segments under the instance folder by the ffmpeg that the
imageio-ffmpeg wheel ships (no internet, nothing installed from elsewhere).
The development CDN (live/dev_cdn.py) plays it to every room in a loop."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

PLAYLIST = "index.m3u8"
FLV = "demo.flv"  # the same pattern as one HTTP-FLV file (played by mpegts.js)
SEGMENT = "seg{:03d}.ts"
SEGMENT_S = 1  # each segment one second, starting on a key frame


def folder(instance_dir: str) -> Path:
    return Path(instance_dir) / "live-demo"


def ffmpeg() -> str:
    import imageio_ffmpeg  # a wheel carrying its own ffmpeg binary

    return imageio_ffmpeg.get_ffmpeg_exe()


def make(instance_dir: str, *, seconds: int = 20, size: str = "360x640",
         rate: int = 15) -> Path:
    """Write the stream once (kept if already there); returns its folder.
    Written beside it and moved in whole, so a reader never sees half of it."""
    out = folder(instance_dir)
    if (out / PLAYLIST).exists() and (out / FLV).exists():
        return out
    shutil.rmtree(out, ignore_errors=True)  # made by an older version: made again
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".live-demo-", dir=out.parent))
    encode = ["-t", str(seconds), "-c:v", "libx264", "-preset", "ultrafast",
              "-profile:v", "baseline", "-pix_fmt", "yuv420p", "-g", str(rate * SEGMENT_S),
              "-keyint_min", str(rate * SEGMENT_S), "-sc_threshold", "0",
              "-c:a", "aac", "-b:a", "32k"]
    try:
        subprocess.run([
            ffmpeg(), "-hide_banner", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", f"testsrc2=size={size}:rate={rate}",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
            *encode, "-f", "hls", "-hls_time", str(SEGMENT_S),
            "-hls_list_size", "0", "-hls_segment_filename", str(work / "seg%03d.ts"),
            str(work / PLAYLIST), *encode, "-f", "flv", str(work / FLV)],
            check=True, timeout=120)
        try:
            work.rename(out)
        except OSError:  # another process made it first
            if not (out / PLAYLIST).exists():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def segments(out: Path) -> list[float]:
    """The durations of the stream's segments, in order (from its playlist)."""
    return [float(line.split(":", 1)[1].rstrip(",").split(",")[0])
            for line in (out / PLAYLIST).read_text().splitlines()
            if line.startswith("#EXTINF:")]
