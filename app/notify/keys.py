"""Every Redis key of the notify package."""


def access_token(appid: str) -> str:
    return f"wx:{appid}:access_token"


def token_lock(appid: str) -> str:
    return f"wx:{appid}:access_token:lock"
