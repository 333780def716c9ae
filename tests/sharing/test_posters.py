"""A poster for every kind of share: its QR code decodes to the share's URL,
its card says what the kind is about, and Chinese text is drawn with the
project's CJK font (the glyphs the font itself draws, not .notdef boxes)."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from app import clock
from app.catalog.models import Product
from app.db import transaction
from app.sharing import fonts, poster, poster_cards
from tests.conftest import T0
from tests.groupbuy.conftest import Shop, bargain_activity, group_activity, open_group
from tests.sharing.conftest import create
from tests.sharing.test_images import decoded

NOW = T0


def _targets(client, make) -> dict[str, int | None]:
    """One target of every kind, all of one merchant; alice shares, bob plays."""
    from community import communities
    from live import rooms

    merchant = make.merchant("owner")
    (sku,) = make.product(merchant, skus=((1250, 50),), title="安溪铁观音乌龙")
    shop = Shop(merchant, sku, make.login("owner"))
    shop.group_activity_id = group_activity(client, shop, title="铁观音三人团")
    shop.bargain_activity_id = bargain_activity(client, shop, title="砍价铁观音")
    bob = make.login("bob")
    group = open_group(client, shop, bob).json["group"]["id"]
    bargain = client.post(f"/mp/v1/bargain-activities/{shop.bargain_activity_id}/bargains",
                          headers=bob).json["id"]
    owner = make.user("owner")
    with transaction() as s:
        product = s.query(Product.id).scalar()
        room = rooms.create(s, staff_id=owner, merchant_id=merchant,
                            data={"title": "茶园直播"}, now=clock.now()).id
        community = communities.create(s, merchant_id=merchant, name="枫叶小区",
                                       leader_commission_bps=0, now=clock.now()).id
    return {"product": product, "group": group, "bargain": bargain, "room": room,
            "community": community, "invite": None}


EXPECTED_CARDS = {
    "product": poster_cards.Card("安溪铁观音乌龙", 1250, "alice 推荐给你"),
    "group": poster_cards.Card("铁观音三人团", 800, "alice 邀你一起拼团", price_label="拼团价",
                               note="3人团 · 还差3人"),
    "bargain": poster_cards.Card("安溪铁观音乌龙", 1000, "alice 请你帮忙砍一刀",
                                 price_label="当前价"),
    "room": poster_cards.Card("茶园直播", None, "alice 邀你看直播", note="直播预告",
                              banner="直播间"),
    "community": poster_cards.Card("枫叶小区", None, "alice 邀你加入社群", note="0 位成员",
                                   banner="加入社群"),
    "invite": poster_cards.Card("alice 邀请你加入", None, "来自 alice 的邀请",
                                note="扫码接受邀请，一起分享赚佣金", banner="邀请有礼"),
}


def _share(client, headers, kind, target_id) -> dict:
    body = {"kind": kind, "channel": "poster"}
    if target_id is not None:
        body["target_id"] = target_id
    resp = create(client, headers, **body)
    assert resp.status_code == 201, resp.json
    return resp.json


def test_every_kind_has_a_poster_whose_qr_decodes_to_its_share(client, make, base_url):
    alice = make.login("alice")
    made = _targets(client, make)
    for kind, target_id in made.items():
        share = _share(client, alice, kind, target_id)
        assert share["poster_url"] == f"{base_url}/mp/v1/shares/poster.png?scene={share['scene']}"
        resp = client.get("/mp/v1/shares/poster.png", query_string={"scene": share["scene"]})
        assert (resp.status_code, resp.mimetype) == (200, "image/png"), kind
        img = Image.open(BytesIO(resp.data))
        assert (img.format, img.size) == ("PNG", (750, 1334)), kind
        assert decoded(resp.data) == [f"{base_url}/s/{share['scene']}"], kind
    assert set(made) == set(EXPECTED_CARDS)


def test_each_kind_s_card_says_what_it_is_about(client, make):
    alice = make.login("alice")
    from app.sharing import service

    for kind, target_id in _targets(client, make).items():
        scene = _share(client, alice, kind, target_id)["scene"]
        with transaction() as s:
            target = service.describe(s, service.live_share(s, scene, clock.now()))
        assert poster_cards.card(kind, target, "alice", clock.now()) == EXPECTED_CARDS[kind]


def _group_target(status: str, expires_in: timedelta) -> dict:
    return {"title": "团", "price_fen": 800, "size": 3, "paid_count": 3 if status ==
            "completed" else 1, "status": status, "expires_at": (NOW + expires_in).isoformat()}


@pytest.mark.parametrize(("status", "expires_in", "note"), [
    ("open", timedelta(seconds=1), "3人团 · 还差2人"),
    ("open", timedelta(0), "拼团已结束"),  # past its expiry before the sweep closes it
    ("failed", timedelta(hours=1), "拼团已结束"),
    ("completed", timedelta(hours=1), "已成团"),
])
def test_a_group_card_tells_how_the_group_stands(status, expires_in, note):
    assert poster_cards.card("group", _group_target(status, expires_in), "a", NOW).note == note


def _text_on_white(fnt, text: str) -> Image.Image:
    img = Image.new("RGB", (poster.WIDTH - 80, poster.TITLE_LINE), poster.BACKGROUND)
    ImageDraw.Draw(img).text((0, 0), text, font=fnt, fill=poster.INK)
    return img


def test_chinese_is_drawn_with_the_font_s_own_glyphs_not_boxes():
    path = fonts.DEFAULT_PATH
    truetype = ImageFont.truetype(path, poster.TITLE_SIZE)
    assert truetype.getname() == ("WenQuanYi Micro Hei", "Regular")
    assert fonts.draws_cjk(path)
    box = bytes(truetype.getmask(fonts.NOTDEF_PROBE))
    for char in "铁观音":
        glyph = truetype.getmask(char)
        assert bytes(glyph) != box and glyph.getbbox() is not None, char
    # the poster's title area holds exactly what the font draws for the title
    png = poster.render(poster_cards.Card("铁观音", None, "alice"), photo=None,
                        qr=Image.new("RGB", (10, 10), poster.BACKGROUND), font_path=path)
    x, y = poster.TITLE_AT
    drawn = Image.open(BytesIO(png)).convert("RGB").crop(
        (x, y, x + poster.WIDTH - 80, y + poster.TITLE_LINE))
    assert ImageChops.difference(drawn, _text_on_white(truetype, "铁观音")).getbbox() is None
    boxes = _text_on_white(truetype, fonts.NOTDEF_PROBE * 3)
    assert ImageChops.difference(drawn, boxes).getbbox() is not None


def test_a_font_without_chinese_glyphs_is_told_apart():
    assert not fonts.draws_cjk("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    assert not fonts.draws_cjk("/nonexistent/font.ttc")


def test_a_card_without_a_picture_shows_its_banner_in_the_font_s_glyphs():
    """An invite has no picture: its banner is drawn on the brand red where the
    picture would be, in the font's own glyphs (not the grey placeholder)."""
    path = fonts.DEFAULT_PATH
    card = poster_cards.Card("alice 邀请你加入", None, "来自 alice 的邀请", banner="邀请有礼")
    png = Image.open(BytesIO(poster.render(card, photo=None, font_path=path,
                                           qr=Image.new("RGB", (10, 10), poster.BACKGROUND))))
    img = png.convert("RGB")
    assert img.getpixel((10, 10)) == poster.BANNER
    big = ImageFont.truetype(path, poster.BANNER_SIZE)
    width, height = (round(v) for v in big.getbbox("邀请有礼", anchor="mm")[2:])
    centre = img.crop((375 - width, 375 - height, 375 + width, 375 + height))
    expected = Image.new("RGB", centre.size, poster.BANNER)
    ImageDraw.Draw(expected).text((width, height), "邀请有礼", font=big,
                                  fill=poster.BACKGROUND, anchor="mm")
    assert ImageChops.difference(centre, expected).getbbox() is None
    assert poster.BACKGROUND in {c for _, c in centre.getcolors(maxcolors=4096)}
