"""The WeChat Pay v3 client against a real local fake WeChat Pay (http.server
on 127.0.0.1) that checks our Authorization signature with the `cryptography`
library itself and signs its answers with its own platform key; then
app.payments.setup.build from Settings."""

from __future__ import annotations

import base64
import json
import re
import socket
from datetime import UTC, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

from app import clock
from app.config import Settings
from app.payments import crypto
from app.payments.errors import PaymentsNotConfigured, ProviderError, ProviderUnavailable
from app.payments.notices import Verifier
from app.payments.provider import RefundResult, Trade
from app.payments.sandbox import Sandbox
from app.payments.setup import build
from app.payments.wechatpay import WeChatPay
from tests.conftest import T0
from tests.loopback import serving_thread

MCHID, APPID, MCH_SERIAL, PF_SERIAL = "1900000109", "wxAPPID", "MCHSERIAL01", "PFSERIAL01"
APIV3, NOTIFY = "0123456789abcdefghijklmnopqrstuv", "https://mall.example/n"
STAMP = str(int(T0.timestamp()))
JSAPI, REFUNDS = "/v3/pay/transactions/jsapi", "/v3/refund/domestic/refunds"
QUERY = f"/v3/pay/transactions/out-trade-no/T2026001?mchid={MCHID}"
PKCS1, SHA256 = padding.PKCS1v15(), hashes.SHA256()


@pytest.fixture(scope="module")
def keys():
    """merchant, platform and a third key (a stranger, or the certificate's)."""
    return [rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(3)]


class FakeWeChatPay:
    """Routes are (method, path with query) -> (status, JSON, raw bytes or None)."""

    def __init__(self, merchant_public, platform_key):
        self.routes: dict[tuple[str, str], tuple[int, object]] = {}
        self.requests: list[dict] = []
        self.auth: list[dict] = []
        self.forge = ""  # how to spoil the answer's signature
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                self._answer()

            do_POST = do_GET  # noqa: N815

            def _answer(self):
                text = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                fake.requests.append({"method": self.command, "path": self.path,
                                      "body": json.loads(text) if text else None})
                if fake.authorized(self.command, self.path, text,
                                   self.headers.get("Authorization", "")):
                    status, data = fake.routes.get((self.command, self.path),
                                                   (404, {"code": "NOT_FOUND"}))
                else:
                    status, data = 401, {"code": "SIGN_ERROR", "message": "签名错误"}
                body = data if isinstance(data, bytes) else \
                    b"" if data is None else json.dumps(data).encode()
                self.send_response(status)
                for name, value in fake.sign(body.decode()).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.merchant_public, self.platform_key = merchant_public, platform_key
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def authorized(self, method: str, path: str, text: str, header: str) -> bool:
        scheme, _, params = header.partition(" ")
        auth = dict(re.findall(r'(\w+)="([^"]*)"', params))
        self.auth.append(auth)
        try:
            message = f"{method}\n{path}\n{auth['timestamp']}\n{auth['nonce_str']}\n{text}\n"
            self.merchant_public.verify(base64.b64decode(auth["signature"]),
                                        message.encode(), PKCS1, SHA256)
            return scheme == "WECHATPAY2-SHA256-RSA2048" and auth["mchid"] == MCHID and \
                auth["serial_no"] == MCH_SERIAL and \
                abs(int(auth["timestamp"]) - clock.now().timestamp()) <= 300
        except (KeyError, ValueError, InvalidSignature):
            return False

    def sign(self, text: str) -> dict:
        stamp = int(clock.now().timestamp()) + {"stale": -301, "future": 301}.get(self.forge, 0)
        signed = text + " " if self.forge == "bad" else text
        signature = base64.b64encode(self.platform_key.sign(
            f"{stamp}\nNONCE42\n{signed}\n".encode(), PKCS1, SHA256)).decode()
        headers = {"Content-Type": "application/json", "Wechatpay-Timestamp": str(stamp),
                   "Wechatpay-Nonce": "NONCE42", "Wechatpay-Signature": signature,
                   "Wechatpay-Serial": "OTHER" if self.forge == "serial" else PF_SERIAL}
        if self.forge == "unsigned":
            del headers["Wechatpay-Signature"]
        return {} if self.forge == "bare" else headers


@pytest.fixture
def fake(keys):
    server = FakeWeChatPay(keys[0].public_key(), keys[1])
    thread = serving_thread(server.server)
    thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()
    thread.join(timeout=5)


def client(keys, api_base: str, merchant_key=None) -> WeChatPay:
    return WeChatPay(mchid=MCHID, appid=APPID, private_key=merchant_key or keys[0],
                     serial=MCH_SERIAL, notify_url=NOTIFY, api_base=api_base,
                     verifier=Verifier({PF_SERIAL: keys[1].public_key()}, APIV3.encode()))


@pytest.fixture
def pay(keys, fake) -> WeChatPay:
    return client(keys, fake.url)


def prepay(pay: WeChatPay) -> str:
    return pay.prepay(out_trade_no="T2026001", amount_fen=1990, description="Order 7",
                      openid="o-alice", expires_at=datetime(2026, 11, 24, 10, 15,
                                                            tzinfo=timezone(timedelta(hours=8))))


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- the API calls -------------------------------------------------------------------


def test_prepay_sends_the_jsapi_order_signed_and_returns_prepay_id(pay, fake):
    fake.routes[("POST", JSAPI)] = (200, {"prepay_id": "wx24020000a1b2c3"})

    assert prepay(pay) == "wx24020000a1b2c3"
    assert fake.requests == [{"method": "POST", "path": JSAPI, "body": {
        "appid": APPID, "mchid": MCHID, "description": "Order 7", "out_trade_no": "T2026001",
        "notify_url": NOTIFY, "time_expire": "2026-11-24T10:15:00+08:00",
        "amount": {"total": 1990, "currency": "CNY"}, "payer": {"openid": "o-alice"}}}]
    [auth] = fake.auth
    assert (auth["mchid"], auth["serial_no"], auth["timestamp"]) == (MCHID, MCH_SERIAL, STAMP)
    assert re.fullmatch(r"[A-Za-z0-9]{32}", auth["nonce_str"])


def test_server_refuses_a_request_signed_with_another_key(keys, fake):
    with pytest.raises(ProviderError) as info:
        prepay(client(keys, fake.url, merchant_key=keys[2]))
    assert info.value.details == {"status": 401, "code": "SIGN_ERROR", "message": "签名错误"}


def test_query_parses_a_paid_trade_and_404_is_none(pay, fake):
    fake.routes[("GET", QUERY)] = (200, {
        "appid": APPID, "mchid": MCHID, "out_trade_no": "T2026001",
        "transaction_id": "4200001234202611240001", "trade_type": "JSAPI",
        "trade_state": "SUCCESS", "success_time": "2026-11-24T10:01:02+08:00",
        "payer": {"openid": "o-alice"},
        "amount": {"total": 1990, "payer_total": 1990, "currency": "CNY"}})

    assert pay.query("T2026001") == Trade(out_trade_no="T2026001",
                                          transaction_id="4200001234202611240001",
                                          trade_state="SUCCESS", amount_fen=1990)
    assert fake.requests == [{"method": "GET", "path": QUERY, "body": None}]
    fake.routes[("GET", QUERY)] = (404, {"code": "ORDER_NOT_EXIST", "message": "订单不存在"})
    assert pay.query("T2026001") is None


def test_close_posts_the_mchid_and_takes_204(pay, fake):
    path = "/v3/pay/transactions/out-trade-no/T2026001/close"
    fake.routes[("POST", path)] = (204, None)

    assert pay.close("T2026001") is None
    assert fake.requests == [{"method": "POST", "path": path, "body": {"mchid": MCHID}}]


def test_refund_and_query_refund(pay, fake):
    answer = {"refund_id": "50000000382019052709732678859", "out_refund_no": "R2026001",
              "transaction_id": "4200001234202611240001", "out_trade_no": "T2026001",
              "channel": "ORIGINAL", "status": "PROCESSING",
              "amount": {"refund": 500, "total": 1990, "currency": "CNY"}}
    fake.routes[("POST", REFUNDS)] = (200, answer)
    fake.routes[("GET", REFUNDS + "/R2026001")] = (200, {**answer, "status": "SUCCESS"})

    assert pay.refund(out_refund_no="R2026001", out_trade_no="T2026001", refund_fen=500,
                      total_fen=1990, reason="damaged") == RefundResult(
        out_refund_no="R2026001", refund_id="50000000382019052709732678859",
        status="PROCESSING", amount_fen=500)
    assert pay.query_refund("R2026001") == RefundResult(
        out_refund_no="R2026001", refund_id="50000000382019052709732678859",
        status="SUCCESS", amount_fen=500)
    assert fake.requests[0] == {"method": "POST", "path": REFUNDS, "body": {
        "out_trade_no": "T2026001", "out_refund_no": "R2026001", "reason": "damaged",
        "notify_url": NOTIFY, "amount": {"refund": 500, "total": 1990, "currency": "CNY"}}}
    assert fake.requests[1] == {"method": "GET", "path": REFUNDS + "/R2026001", "body": None}


def test_4xx_is_provider_error_with_the_wechat_code(pay, fake):
    fake.routes[("POST", JSAPI)] = (400, {"code": "PARAM_ERROR", "message": "参数错误"})

    with pytest.raises(ProviderError) as info:
        prepay(pay)
    assert (info.value.code, info.value.status) == ("payment_provider_error", 502)
    assert info.value.details == {"status": 400, "code": "PARAM_ERROR", "message": "参数错误"}


def test_5xx_is_provider_unavailable(pay, fake):
    fake.routes[("POST", JSAPI)] = (500, {"code": "SYSTEM_ERROR"})

    with pytest.raises(ProviderUnavailable) as info:
        prepay(pay)
    assert (info.value.code, info.value.status) == ("payment_provider_unavailable", 503)
    assert info.value.details == {"status": 500}
    assert len(fake.requests) == 1


def test_nothing_listening_is_provider_unavailable(keys):
    with pytest.raises(ProviderUnavailable) as info:
        prepay(client(keys, f"http://127.0.0.1:{closed_port()}"))
    assert (info.value.code, info.value.status) == ("payment_provider_unavailable", 503)
    assert info.value.details == {"reason": "ConnectionError"}


@pytest.mark.parametrize("forge", ["bad", "unsigned", "bare", "serial", "stale", "future"])
@pytest.mark.parametrize("call", ["prepay", "query_404"])
def test_an_answer_not_signed_by_wechat_pay_is_never_trusted(pay, fake, forge, call):
    fake.routes[("POST", JSAPI)] = (200, {"prepay_id": "wx-forged"})
    fake.routes[("GET", QUERY)] = (404, {"code": "ORDER_NOT_EXIST"})
    fake.forge = forge

    with pytest.raises(ProviderError) as info:
        prepay(pay) if call == "prepay" else pay.query("T2026001")
    assert (info.value.code, info.value.status) == ("payment_provider_error", 502)
    assert len(fake.requests) == 1  # it was sent: the caller cannot assume it was not done


@pytest.mark.parametrize(("route", "answer"), [
    (("POST", JSAPI), {"unexpected": True}), (("POST", JSAPI), {"prepay_id": 7}),
    (("POST", JSAPI), b"<html>ok</html>"), (("POST", JSAPI), []),
    (("GET", QUERY), {"out_trade_no": "T2026001", "amount": {"total": 1990}}),
])
def test_a_signed_but_malformed_answer_is_provider_error(pay, fake, route, answer):
    """Our own 500 (KeyError, JSONDecodeError) or a 400 malformed_notice would be wrong."""
    fake.routes[route] = (200, answer)

    with pytest.raises(ProviderError) as info:
        prepay(pay) if route[0] == "POST" else pay.query("T2026001")
    assert (info.value.code, info.value.status) == ("payment_provider_error", 502)


def test_request_payment_is_signed_with_the_merchant_key(pay, keys):
    params = pay.request_payment("wx24020000a1b2c3", T0)

    assert set(params) == {"appId", "timeStamp", "nonceStr", "package", "signType", "paySign"}
    assert (params["appId"], params["timeStamp"], params["package"], params["signType"]) == \
        (APPID, STAMP, "prepay_id=wx24020000a1b2c3", "RSA")
    assert re.fullmatch(r"[A-Za-z0-9]{32}", params["nonceStr"])
    message = f"{APPID}\n{STAMP}\n{params['nonceStr']}\nprepay_id=wx24020000a1b2c3\n"
    keys[0].public_key().verify(base64.b64decode(params["paySign"]), message.encode(),
                                PKCS1, SHA256)


# --- setup.build ---------------------------------------------------------------------

WECHAT_SETTINGS = ("wechatpay_mchid", "wechatpay_apiv3_key", "wechatpay_private_key_file",
                   "wechatpay_serial", "wechatpay_public_keys", "wechatpay_appid",
                   "wechat_appid", "pay_notify_url")


def settings(tmp_path, **overrides) -> Settings:
    return Settings.from_env(**{"instance_dir": str(tmp_path), "secret_key": "s",
                                "database_url": f"sqlite:///{tmp_path / 'mall.db'}",
                                **dict.fromkeys(WECHAT_SETTINGS, ""), **overrides})


def test_build_wechat_lists_the_missing_settings(tmp_path, redis):
    with pytest.raises(PaymentsNotConfigured) as info:
        build(settings(tmp_path, pay_provider="wechat", wechatpay_mchid=MCHID), redis)
    assert (info.value.code, info.value.status) == ("payments_not_configured", 503)
    assert info.value.details == {"missing": [
        "WECHATPAY_APIV3_KEY", "WECHATPAY_PRIVATE_KEY_FILE", "WECHATPAY_SERIAL",
        "WECHATPAY_PUBLIC_KEYS", "WECHATPAY_APPID"]}


@pytest.mark.parametrize("change,message", [
    ({"wechatpay_apiv3_key": "k" * 16}, "WECHATPAY_APIV3_KEY must be 32 bytes."),
    ({"wechatpay_public_keys": "no-equals-sign"},
     "WECHATPAY_PUBLIC_KEYS is SERIAL=path,SERIAL=path."),
    ({"wechatpay_public_keys": "SERIAL="}, "WECHATPAY_PUBLIC_KEYS is SERIAL=path,SERIAL=path."),
])
def test_build_wechat_refuses_bad_key_settings(tmp_path, redis, change, message):
    key_file = tmp_path / "merchant.pem"
    key_file.write_bytes(crypto.private_pem(crypto.new_private_key()))
    good = {"pay_provider": "wechat", "wechatpay_mchid": MCHID, "wechatpay_appid": "wx1",
            "wechatpay_apiv3_key": "k" * 32, "wechatpay_private_key_file": str(key_file),
            "wechatpay_serial": "S1", "wechatpay_public_keys": "S2=" + str(key_file)}
    with pytest.raises(PaymentsNotConfigured) as info:
        build(settings(tmp_path, **{**good, **change}), redis)
    assert (info.value.code, info.value.message) == ("payments_not_configured", message)


def test_build_wechat_loads_key_files_and_certificates(tmp_path, redis, keys, fake):
    merchant, platform, certified = keys
    (tmp_path / "apiclient_key.pem").write_bytes(merchant.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    (tmp_path / "pub_key.pem").write_bytes(platform.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Tenpay.com Root CA")])
    cert = x509.CertificateBuilder().subject_name(name).issuer_name(name) \
        .public_key(certified.public_key()).serial_number(0x5157F09E) \
        .not_valid_before(datetime(2026, 1, 1, tzinfo=UTC)) \
        .not_valid_after(datetime(2031, 1, 1, tzinfo=UTC)).sign(certified, hashes.SHA256())
    (tmp_path / "wechatpay_cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))

    pay = build(settings(tmp_path, pay_provider="wechat", wechatpay_mchid=MCHID,
                         wechatpay_apiv3_key=APIV3, wechat_appid=APPID,
                         wechatpay_private_key_file=str(tmp_path / "apiclient_key.pem"),
                         wechatpay_serial=MCH_SERIAL, wechatpay_api_base=fake.url,
                         public_base_url="https://mall.example.com",
                         wechatpay_public_keys=f"{PF_SERIAL}={tmp_path / 'pub_key.pem'}, "
                                               f"5157F09E = {tmp_path / 'wechatpay_cert.pem'}"),
                redis)

    assert isinstance(pay, WeChatPay)
    assert (pay.mchid, pay.appid, pay.serial, pay.api_base, pay.notify_url) == (
        MCHID, APPID, MCH_SERIAL, fake.url, "https://mall.example.com/pay/notify/wechat")
    assert pay.verifier.apiv3_key == APIV3.encode()
    assert {s: k.public_numbers() for s, k in pay.verifier.platform_keys.items()} == {
        PF_SERIAL: platform.public_key().public_numbers(),
        "5157F09E": certified.public_key().public_numbers()}
    assert pay.private_key.private_numbers() == merchant.private_numbers()
    fake.routes[("POST", JSAPI)] = (200, {"prepay_id": "wx-built"})
    assert prepay(pay) == "wx-built"  # the loaded keys sign and verify for real


@pytest.mark.parametrize(("app_env", "provider"), [("production", "sandbox"),
                                                   ("development", "alipay")])
def test_build_refuses_the_sandbox_in_production_and_unknown_providers(tmp_path, redis,
                                                                       app_env, provider):
    with pytest.raises(PaymentsNotConfigured) as info:
        build(settings(tmp_path, app_env=app_env, pay_provider=provider), redis)
    assert info.value.details == {"pay_provider": provider}
    assert not (tmp_path / "pay-sandbox").exists()


def test_build_defaults_to_a_sandbox_whose_keys_are_made_once(tmp_path, redis, monkeypatch):
    monkeypatch.delenv("PAY_PROVIDER", raising=False)
    monkeypatch.delenv("APP_ENV", raising=False)
    first, second = build(settings(tmp_path), redis), build(settings(tmp_path), redis)

    assert isinstance(first, Sandbox) and isinstance(second, Sandbox)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pay-sandbox"]
    assert sorted(p.name for p in (tmp_path / "pay-sandbox").iterdir()) == [
        "apiv3.key", "merchant_key.pem", "platform_key.pem"]
    assert re.fullmatch(r"[0-9A-F]{40}", first.keys.serial)
    assert (second.keys.serial, second.keys.apiv3_key) == (first.keys.serial,
                                                            first.keys.apiv3_key)
    assert len(first.keys.apiv3_key) == 32
    assert second.keys.merchant_key.private_numbers() == \
        first.keys.merchant_key.private_numbers()
    headers, body = first.notice({"out_trade_no": "T1"}, T0)
    assert second.verifier.notice(headers, body, T0).resource == {"out_trade_no": "T1"}
