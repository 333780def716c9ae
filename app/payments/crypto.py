"""WeChat Pay v3 cryptography, on the `cryptography` library (no hand-made crypto).

- Signatures: SHA256withRSA (PKCS#1 v1.5) over newline-terminated lines,
  base64 encoded. Requests sign `METHOD\\nURL\\ntimestamp\\nnonce\\nbody\\n`;
  WeChat Pay signs responses and notices as `timestamp\\nnonce\\nbody\\n`;
  `wx.requestPayment` is signed as `appId\\ntimeStamp\\nnonceStr\\npackage\\n`.
- Resources in notices: AEAD_AES_256_GCM with the 32-byte APIv3 key, the
  resource's nonce and associated_data (optional: absent means empty
  associated data); ciphertext is base64(ct || tag).
"""

from __future__ import annotations

import base64
import secrets
import string

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey, RSAPublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.x509 import load_pem_x509_certificate

_NONCE_CHARS = string.ascii_letters + string.digits


class CryptoError(Exception):
    """A signature does not verify or a ciphertext does not decrypt."""


def message(*parts: str) -> bytes:
    """The signed text: every part followed by a newline."""
    return "".join(f"{part}\n" for part in parts).encode()


def sign(key: RSAPrivateKey, *parts: str) -> str:
    return base64.b64encode(key.sign(message(*parts), padding.PKCS1v15(),
                                     hashes.SHA256())).decode()


def verify(key: RSAPublicKey, signature: str, *parts: str) -> None:
    """Raise CryptoError unless `signature` is the key's signature of the parts."""
    try:
        raw = base64.b64decode(signature, validate=True)
        key.verify(raw, message(*parts), padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError) as exc:
        raise CryptoError("signature does not verify") from exc


def decrypt(apiv3_key: bytes, *, nonce: str, ciphertext: str,
            associated_data: str = "") -> bytes:
    try:
        return AESGCM(apiv3_key).decrypt(nonce.encode(), base64.b64decode(ciphertext),
                                         associated_data.encode())
    except (InvalidTag, ValueError) as exc:
        raise CryptoError("ciphertext does not decrypt") from exc


def encrypt(apiv3_key: bytes, plaintext: bytes, *, associated_data: str | None) -> dict:
    """The `resource` object of a notice (the sandbox makes its notices so);
    associated_data None leaves the field out (sealed with empty data)."""
    nonce = nonce_str(12)
    sealed = AESGCM(apiv3_key).encrypt(nonce.encode(), plaintext,
                                       (associated_data or "").encode())
    resource = {"algorithm": "AEAD_AES_256_GCM", "nonce": nonce,
                "ciphertext": base64.b64encode(sealed).decode()}
    if associated_data is not None:
        resource["associated_data"] = associated_data
    return resource


def nonce_str(length: int = 32) -> str:
    return "".join(secrets.choice(_NONCE_CHARS) for _ in range(length))


def new_private_key() -> RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def private_pem(key: RSAPrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def public_pem(key: RSAPublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.PEM,
                            serialization.PublicFormat.SubjectPublicKeyInfo)


def load_private_key(pem: bytes) -> RSAPrivateKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, RSAPrivateKey):
        raise ValueError("the merchant key must be RSA")
    return key


def load_public_key(pem: bytes) -> RSAPublicKey:
    """A WeChat Pay public key (PEM) or a platform certificate (PEM)."""
    if b"BEGIN CERTIFICATE" in pem:
        key = load_pem_x509_certificate(pem).public_key()
    else:
        key = serialization.load_pem_public_key(pem)
    if not isinstance(key, RSAPublicKey):
        raise ValueError("WeChat Pay keys are RSA")
    return key
