"""Stream URLs signed as Tencent Cloud CSS signs them (txSecret =
md5(key + stream + txTime), txTime the expiry in uppercase hex seconds),
and the development CDN that plays the demo stream only at a good,
unexpired signature."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from app import clock
from live import demo_stream, dev_cdn, signing

NEW_YEAR = 1_767_225_600  # 2026-01-01T00:00:00Z, 0x6955B900


def test_signed_urls_are_exact_for_a_fixed_key_and_time():
    assert signing.tx_time(NEW_YEAR) == "6955B900"
    assert signing.signed_url("https://play.example.com/live", "room7", ".flv", "abc123",
                              NEW_YEAR) == ("https://play.example.com/live/room7.flv"
                                            "?txSecret=a43d26e5a46a828412806bf4d34334df"
                                            "&txTime=6955B900")
    assert signing.signed_url("rtmp://push.example.com/live/", "room7", "", "pushkey",
                              NEW_YEAR) == ("rtmp://push.example.com/live/room7"
                                            "?txSecret=623ccd021954e66a9f32a4a67aeaf3ef"
                                            "&txTime=6955B900")
    assert signing.signed_url("https://play.example.com/live", "room7", ".m3u8", "",
                              NEW_YEAR) == "https://play.example.com/live/room7.m3u8"


def test_verify_takes_the_signature_until_its_time_and_refuses_the_rest():
    good = "a43d26e5a46a828412806bf4d34334df"
    signing.verify("abc123", "room7", good, "6955B900", NEW_YEAR - 1)
    signing.verify("abc123", "room7", good.upper(), "6955B900", NEW_YEAR - 1)
    cases = [(good, "6955B900", NEW_YEAR, "stream_url_expired"),
             (good, "6955B901", 0, "stream_signature_invalid"),
             (good, "6955b900", 0, "stream_signature_invalid"),
             (None, "6955B900", 0, "stream_signature_invalid"),
             (good, None, 0, "stream_signature_invalid"),
             ("0" * 32, "6955B900", 0, "stream_signature_invalid")]
    for secret, txtime, now_s, refused in cases:
        with pytest.raises(signing.Refused) as caught:
            signing.verify("abc123", "room7", secret, txtime, now_s)
        assert caught.value.code == refused, (secret, txtime)
    with pytest.raises(signing.Refused):
        signing.verify("abc123", "room8", good, "6955B900", 0)


def test_a_rooms_urls_are_signed_with_the_configured_keys(app, client, room, make,
                                                           monkeypatch):
    r = room(live=False)
    settings = app.extensions["mall.settings"]
    monkeypatch.setattr(settings, "live_pull_base", "https://play.example.com/live")
    monkeypatch.setattr(settings, "live_push_base", "rtmp://push.example.com/live")
    monkeypatch.setattr(settings, "live_pull_key", "abc123")
    monkeypatch.setattr(settings, "live_push_key", "pushkey")
    monkeypatch.setattr(settings, "live_url_ttl_s", 3600)
    clock.freeze(datetime.fromtimestamp(NEW_YEAR - 3600, UTC))
    stream = f"room{r.id}"
    want = {fmt: f"https://play.example.com/live/{stream}{suffix}?txSecret="
            f"{signing.tx_secret('abc123', stream, '6955B900')}&txTime=6955B900"
            for fmt, suffix in (("hls", ".m3u8"), ("flv", ".flv"))}
    shown = client.get(f"/mp/v1/live/rooms/{r.id}").json
    assert (shown["pull_url"], shown["pull_urls"]) == (want["hls"], want)
    assert "push_url" not in shown
    staff = client.get(f"/api/v1/merchants/{r.merchant_id}/live/rooms/{r.id}",
                       headers=make.login("host")).json
    assert staff["push_url"] == (f"rtmp://push.example.com/live/{stream}?txSecret="
                                 f"{signing.tx_secret('pushkey', stream, '6955B900')}"
                                 "&txTime=6955B900")
    monkeypatch.setattr(settings, "live_pull_format", "flv")
    assert client.get(f"/mp/v1/live/rooms/{r.id}").json["pull_url"] == want["flv"]


def test_the_demo_stream_is_short_hls_segments(demo_stream):
    assert demo_stream.name == "live-demo"
    assert demo_stream_durations(demo_stream) == [1.0, 1.0, 1.0, 1.0]
    assert sorted(p.name for p in demo_stream.glob("*.ts")) == [
        "seg000.ts", "seg001.ts", "seg002.ts", "seg003.ts"]
    assert (demo_stream / "demo.flv").read_bytes()[:4] == b"FLV\x01"


def demo_stream_durations(folder):
    return [round(d, 3) for d in demo_stream.segments(folder)]


def test_the_demo_playlist_loops_the_segments_for_half_an_hour(monkeypatch):
    monkeypatch.setattr(dev_cdn, "PLAY_S", 5)
    text = dev_cdn.playlist([1.0, 1.0], "q=1", "room7")
    head = ("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:0\n"
            "#EXT-X-PLAYLIST-TYPE:VOD\n")
    loop = "#EXTINF:1.000,\nroom7/0.ts?q=1\n#EXTINF:1.000,\nroom7/1.ts?q=1\n"
    assert text == head + loop + ("#EXT-X-DISCONTINUITY\n" + loop) * 2 + "#EXT-X-ENDLIST\n"
    monkeypatch.setattr(dev_cdn, "PLAY_S", 1800)
    assert dev_cdn.playlist([1.0] * 4, "q=1", "room7").count(".ts?q=1") == 1800


def test_the_development_cdn_plays_only_at_a_good_unexpired_signature(app, client, room,
                                                                      demo_stream):
    r = room()
    pull = client.get(f"/mp/v1/live/rooms/{r.id}").json["pull_url"]
    path = pull.split("://", 1)[1].split("/", 1)[1]
    assert path.startswith(f"cdn/live/room{r.id}.m3u8?txSecret=")
    listed = client.get("/" + path)
    assert listed.status_code == 200
    assert listed.headers["Content-Type"] == "application/vnd.apple.mpegurl"
    query = path.split("?", 1)[1]
    segments = re.findall(rf"^room{r.id}/(\d)\.ts\?(.*)$", listed.text, re.M)
    assert len(segments) == 1800 and all(q == query for _, q in segments)
    assert [i for i, _ in segments[:6]] == ["0", "1", "2", "3", "0", "1"]
    first = client.get(f"/cdn/live/room{r.id}/{segments[0][0]}.ts?{query}")
    assert (first.status_code, first.headers["Content-Type"]) == (200, "video/mp2t")
    assert first.data == (demo_stream / f"seg00{segments[0][0]}.ts").read_bytes()

    flv = client.get(f"/mp/v1/live/rooms/{r.id}").json["pull_urls"]["flv"]
    got = client.get("/" + flv.split("://", 1)[1].split("/", 1)[1])
    assert (got.status_code, got.headers["Content-Type"]) == (200, "video/x-flv")
    assert got.data == (demo_stream / "demo.flv").read_bytes()

    def refused(url):
        got = client.get(url)
        return got.status_code, got.json["error"]["code"]
    other = query.replace(f"txSecret={query[9:41]}", "txSecret=" + "0" * 32)
    assert refused(f"/cdn/live/room{r.id}.m3u8?{other}") == (403, "stream_signature_invalid")
    assert refused(f"/cdn/live/room{r.id}.m3u8") == (403, "stream_signature_invalid")
    assert refused(f"/cdn/live/room{r.id + 1}.m3u8?{query}") == (403, "stream_signature_invalid")
    assert refused(f"/cdn/live/room{r.id}/0.ts?{other}") == (403, "stream_signature_invalid")
    assert refused(f"/cdn/live/room{r.id}/9.ts?{query}") == (404, "stream_not_found")
    assert refused(f"/cdn/live/room{r.id}.flv?{other}") == (403, "stream_signature_invalid")
    assert refused(f"/cdn/other/room{r.id}.m3u8?{query}") == (404, "stream_not_found")
    ttl = app.extensions["mall.settings"].live_url_ttl_s
    clock.advance(timedelta(seconds=ttl))
    assert refused(f"/cdn/live/room{r.id}.m3u8?{query}") == (403, "stream_url_expired")
