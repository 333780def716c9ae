"""The carriers a package can go out with: our code, the Chinese and English
names, Kuaidi100's company code (what its subscribe and push speak) and the
shape of the carrier's tracking numbers.

Numbers are checked by shape only (letters, digits, length), as the carriers
publish no check digits we could rely on; a number of the right shape may
still name no parcel, which tracking then reports. Pure: stdlib only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_NUMBER_LEN = 32  # Kuaidi100 takes numbers of at most 32 characters
_SPACES = re.compile(r"[\s\u3000-]+")


@dataclass(frozen=True)
class Carrier:
    code: str
    name_zh: str
    name_en: str
    kuaidi100: str
    pattern: str  # the shape of a tracking number, after normalise()
    example: str  # a number of that shape (for the template and tests)
    aliases: tuple[str, ...] = ()  # other names people write in a sheet

    def matches(self, number: str) -> bool:
        return re.fullmatch(self.pattern, number) is not None


# UPU S10 (two letters, nine digits, the country): postal parcels and EMS abroad
_S10 = r"[A-Z]{2}\d{9}[A-Z]{2}"

CARRIERS: tuple[Carrier, ...] = (
    # SF + 12 or 13 digits; older waybills: 12 digits alone
    Carrier("SF", "顺丰速运", "SF Express", "shunfeng", r"SF\d{12,13}|\d{12}", "SF1234567890123",
            ("顺丰", "顺丰快递")),
    # 12 to 15 digits, never a leading 0 (73..., 75..., 78..., 5..., 3...)
    Carrier("ZTO", "中通快递", "ZTO Express", "zhongtong", r"[1-9]\d{11,14}", "731234567890123",
            ("中通",)),
    Carrier("YTO", "圆通速递", "YTO Express", "yuantong", r"YT\d{13}", "YT1234567890123",
            ("圆通", "圆通快递")),
    Carrier("STO", "申通快递", "STO Express", "shentong", r"\d{12,15}", "773123456789012",
            ("申通",)),
    # 13 digits, or 15
    Carrier("YD", "韵达快递", "Yunda Express", "yunda", r"\d{13}|\d{15}", "4312345678901",
            ("韵达", "韵达速递")),
    Carrier("JD", "京东物流", "JD Logistics", "jd", r"JD[0-9A-Z]{13,15}", "JDVA12345678901",
            ("京东", "京东快递")),
    # domestic: 13 digits; international: S10
    Carrier("EMS", "中国邮政速递物流", "China EMS", "ems", rf"\d{{13}}|{_S10}", "1136281381675",
            ("邮政EMS", "中国邮政EMS", "邮政特快专递")),
    Carrier("JTSD", "极兔速递", "J&T Express", "jtexpress", r"JT\d{13}", "JT1234567890123",
            ("极兔", "极兔快递")),
    # DPK + 12 digits; older waybills: 8 to 10 digits
    Carrier("DBL", "德邦快递", "Deppon Express", "debangwuliu", r"DPK\d{12}|\d{8,10}",
            "DPK123456789012", ("德邦", "德邦物流")),
    Carrier("YZPY", "邮政快递包裹", "China Post Parcel", "youzhengguonei", rf"\d{{13}}|{_S10}",
            "9812345678901", ("邮政包裹", "中国邮政", "邮政快递")),
)

BY_CODE = {c.code: c for c in CARRIERS}
BY_KUAIDI100 = {c.kuaidi100: c for c in CARRIERS}
# what people type or a sheet holds: our code, either name, Kuaidi100's code
_BY_NAME = {key: c for c in CARRIERS
            for key in (c.code.lower(), c.name_zh, c.name_en.lower(), c.kuaidi100,
                        *(a.lower() for a in c.aliases))}


def find(text: str) -> Carrier | None:
    """A carrier by code ("SF", "sf"), Chinese name ("顺丰速运", "顺丰"),
    English name ("SF Express") or Kuaidi100 code ("shunfeng")."""
    key = text.strip()
    return _BY_NAME.get(key) or _BY_NAME.get(key.lower())


def normalise(number: str) -> str:
    """Spaces and dashes out, letters upper case: ' sf 1234-5678 ' -> 'SF12345678'."""
    return _SPACES.sub("", number).upper()


def number_ok(carrier: Carrier, number: str) -> bool:
    """`number` (normalised) has the carrier's shape."""
    return len(number) <= MAX_NUMBER_LEN and carrier.matches(number)
