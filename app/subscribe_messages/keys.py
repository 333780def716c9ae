"""Every Redis key of the subscribe-messages package."""


def access_token(appid: str) -> str:
    return f"wx:{appid}:access_token"


def token_lock(appid: str) -> str:
    return f"wx:{appid}:access_token:lock"
