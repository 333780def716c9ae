"""app.payments.crypto (RSA-SHA256 signatures, AEAD_AES_256_GCM resources) and
the notice Verifier, fed real notices signed and sealed by a Sandbox."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.payments import crypto
from app.payments.errors import (
    BadCiphertext,
    BadSignature,
    MalformedNotice,
    StaleTimestamp,
    UnknownSerial,
)
from app.payments.notices import Notice
from app.payments.sandbox import Sandbox, SandboxKeys
from tests.conftest import T0

APIV3 = b"0123456789abcdefghijklmnopqrstuv"  # 32 bytes
RESOURCE = {"out_trade_no": "T2026001", "transaction_id": "4200001234", "trade_state": "SUCCESS",
            "amount": {"total": 1990, "currency": "CNY"}}


@pytest.fixture(scope="module")
def key():
    return crypto.new_private_key()


@pytest.fixture(scope="module")
def other_key():
    return crypto.new_private_key()


def _flip(b64: str, index: int = 0) -> str:
    raw = bytearray(base64.b64decode(b64))
    raw[index] ^= 0x01
    return base64.b64encode(bytes(raw)).decode()


# --- signatures --------------------------------------------------------------------


def test_message_is_every_part_followed_by_a_newline():
    assert crypto.message("a", "b") == b"a\nb\n"
    assert crypto.message("GET", "/p?q=1", "1", "n", "") == b"GET\n/p?q=1\n1\nn\n\n"
    assert crypto.message("价") == "价\n".encode()


def test_sign_verifies_independently_and_round_trips(key):
    signature = crypto.sign(key, "1795485600", "nonce", '{"a":1}')

    key.public_key().verify(base64.b64decode(signature), b'1795485600\nnonce\n{"a":1}\n',
                            padding.PKCS1v15(), hashes.SHA256())
    assert crypto.verify(key.public_key(), signature, "1795485600", "nonce", '{"a":1}') is None


@pytest.mark.parametrize("case", ["changed part", "extra part", "changed signature",
                                  "not base64", "empty", "other key"])
def test_verify_refuses(key, other_key, case):
    parts = ["1795485600", "nonce", '{"a":1}']
    signature = crypto.sign(key, *parts)
    public = key.public_key()
    if case == "changed part":
        parts[2] = '{"a":2}'
    elif case == "extra part":
        parts.append("")
    elif case == "changed signature":
        signature = _flip(signature, 7)
    elif case == "not base64":
        signature = "!!" + signature[2:]
    elif case == "empty":
        signature = ""
    else:
        public = other_key.public_key()

    with pytest.raises(crypto.CryptoError):
        crypto.verify(public, signature, *parts)


# --- AEAD_AES_256_GCM --------------------------------------------------------------


def test_encrypt_makes_a_wechat_resource_that_round_trips():
    resource = crypto.encrypt(APIV3, b'{"x":"\xe4\xbb\xb7"}', associated_data="transaction")

    assert set(resource) == {"algorithm", "nonce", "associated_data", "ciphertext"}
    assert resource["algorithm"] == "AEAD_AES_256_GCM"
    assert resource["associated_data"] == "transaction"
    assert len(resource["nonce"]) == 12 and resource["nonce"].isalnum()
    # ciphertext is base64(ct || 16-byte tag), as AESGCM itself reads it
    sealed = base64.b64decode(resource["ciphertext"])
    assert len(sealed) == len(b'{"x":"\xe4\xbb\xb7"}') + 16
    assert AESGCM(APIV3).decrypt(resource["nonce"].encode(), sealed, b"transaction") \
        == b'{"x":"\xe4\xbb\xb7"}'
    assert crypto.decrypt(APIV3, nonce=resource["nonce"], ciphertext=resource["ciphertext"],
                          associated_data="transaction") == b'{"x":"\xe4\xbb\xb7"}'


def test_independent_aesgcm_ciphertext_decrypts():
    sealed = AESGCM(APIV3).encrypt(b"fGWtPQ2Ljk9z", b'{"trade_state":"SUCCESS"}', b"transaction")

    assert crypto.decrypt(APIV3, nonce="fGWtPQ2Ljk9z", ciphertext=base64.b64encode(sealed).decode(),
                          associated_data="transaction") == b'{"trade_state":"SUCCESS"}'


@pytest.mark.parametrize("change", [
    {"ciphertext": "flip"}, {"associated_data": "refund"}, {"nonce": "AAAAAAAAAAAA"},
    {"key": b"vutsrqponmlkjihgfedcba9876543210"}, {"key": b"short"}, {"ciphertext": "!!"},
])
def test_decrypt_refuses_anything_changed(change):
    resource = crypto.encrypt(APIV3, b"{}", associated_data="transaction")
    args = {"key": APIV3, "nonce": resource["nonce"], "ciphertext": resource["ciphertext"],
            "associated_data": "transaction", **change}
    if args["ciphertext"] == "flip":
        args["ciphertext"] = _flip(resource["ciphertext"])

    with pytest.raises(crypto.CryptoError):
        crypto.decrypt(args.pop("key"), **args)


# --- Verifier.notice ----------------------------------------------------------------


@pytest.fixture
def sandbox(tmp_path, redis) -> Sandbox:
    return Sandbox(SandboxKeys.load_or_create(tmp_path / "k"), redis,
                   "http://127.0.0.1:9/pay/notify/wechat")


def _check(error, cls, code, status):
    assert type(error) is cls
    assert (error.code, error.status) == (code, status)


def test_notice_is_verified_and_decrypted(sandbox):
    headers, body = sandbox.notice(RESOURCE, T0, notice_id="EV-1")

    assert sandbox.verifier.notice(headers, body, T0) == Notice(
        id="EV-1", event_type="TRANSACTION.SUCCESS", original_type="transaction",
        resource=RESOURCE)


@pytest.mark.parametrize("name", ["Wechatpay-Timestamp", "Wechatpay-Nonce",
                                  "Wechatpay-Signature", "Wechatpay-Serial"])
def test_missing_header_is_malformed(sandbox, name):
    headers, body = sandbox.notice(RESOURCE, T0)
    del headers[name]

    with pytest.raises(MalformedNotice) as info:
        sandbox.verifier.notice(headers, body, T0)
    _check(info.value, MalformedNotice, "malformed_notice", 400)
    assert info.value.details == {"missing_header": name}


def test_unknown_serial(sandbox):
    headers, body = sandbox.notice(RESOURCE, T0)
    headers["Wechatpay-Serial"] = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1"

    with pytest.raises(UnknownSerial) as info:
        sandbox.verifier.notice(headers, body, T0)
    _check(info.value, UnknownSerial, "unknown_serial", 401)


@pytest.mark.parametrize("skew", [-301, 301])
def test_timestamp_more_than_300s_away_is_stale(sandbox, skew):
    headers, body = sandbox.notice(RESOURCE, T0 + timedelta(seconds=skew))

    with pytest.raises(StaleTimestamp) as info:
        sandbox.verifier.notice(headers, body, T0)
    _check(info.value, StaleTimestamp, "stale_timestamp", 401)
    assert info.value.details == {"timestamp": str(int(T0.timestamp()) + skew)}


@pytest.mark.parametrize("skew", [-300, 300])
def test_timestamp_exactly_300s_away_passes(sandbox, skew):
    headers, body = sandbox.notice(RESOURCE, T0 + timedelta(seconds=skew))

    assert sandbox.verifier.notice(headers, body, T0).resource == RESOURCE


@pytest.mark.parametrize("stamp", ["abc", "-1795485600", "", "1795485600\u00b2"])
def test_timestamp_that_is_not_a_number_is_stale(sandbox, stamp):
    """A header byte 0xB2 reads as '²' (latin-1): str.isdigit() says yes, int() says no."""
    headers, body = sandbox.notice(RESOURCE, T0)
    headers["Wechatpay-Timestamp"] = stamp

    with pytest.raises(StaleTimestamp) as info:
        sandbox.verifier.notice(headers, body, T0)
    _check(info.value, StaleTimestamp, "stale_timestamp", 401)


def test_body_changed_after_signing(sandbox):
    headers, body = sandbox.notice(RESOURCE, T0, notice_id="EV-1")

    with pytest.raises(BadSignature) as info:
        sandbox.verifier.notice(headers, body.replace(b'"EV-1"', b'"EV-2"'), T0)
    _check(info.value, BadSignature, "bad_signature", 401)


def test_body_that_is_not_utf8_is_bad_signature(sandbox):
    headers, _ = sandbox.notice(RESOURCE, T0)

    with pytest.raises(BadSignature):
        sandbox.verifier.notice(headers, b"\xff\xfe{}", T0)


def _resigned(sandbox, body: bytes, change) -> tuple[dict, bytes]:
    data = json.loads(body)
    change(data)
    text = json.dumps(data)
    return sandbox.sign(text, T0), text.encode()


def test_tampered_ciphertext_in_a_resigned_body(sandbox):
    _, body = sandbox.notice(RESOURCE, T0)
    headers, body = _resigned(sandbox, body, lambda d: d["resource"].update(
        ciphertext=_flip(d["resource"]["ciphertext"], 3)))

    with pytest.raises(BadCiphertext) as info:
        sandbox.verifier.notice(headers, body, T0)
    _check(info.value, BadCiphertext, "bad_ciphertext", 400)


@pytest.mark.parametrize("text", ["not json", "[]", '"x"', "{"])
def test_signed_body_that_is_not_a_json_object_is_malformed(sandbox, text):
    with pytest.raises(MalformedNotice) as info:
        sandbox.verifier.notice(sandbox.sign(text, T0), text.encode(), T0)
    _check(info.value, MalformedNotice, "malformed_notice", 400)


@pytest.mark.parametrize("change", [
    lambda d: d["resource"].update(algorithm="AEAD_AES_128_GCM"),
    lambda d: d["resource"].pop("nonce"),
    lambda d: d.pop("resource"),
    lambda d: d.update(id=7),
    lambda d: d.pop("event_type"),
])
def test_signed_notice_with_a_bad_shape_is_malformed(sandbox, change):
    _, body = sandbox.notice(RESOURCE, T0)
    headers, body = _resigned(sandbox, body, change)

    with pytest.raises(MalformedNotice) as info:
        sandbox.verifier.notice(headers, body, T0)
    _check(info.value, MalformedNotice, "malformed_notice", 400)


def test_a_resource_without_associated_data_is_sealed_and_opened_with_empty_data(sandbox):
    resource = crypto.encrypt(APIV3, b"{}", associated_data=None)
    assert "associated_data" not in resource
    sealed = base64.b64decode(resource["ciphertext"])
    assert AESGCM(APIV3).decrypt(resource["nonce"].encode(), sealed, b"") == b"{}"
    headers, body = sandbox.notice(RESOURCE, T0, notice_id="EV-2", associated_data=False)
    assert sandbox.verifier.notice(headers, body, T0).resource == RESOURCE
