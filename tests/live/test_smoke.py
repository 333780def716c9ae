from tests.live.conftest import ack, connect


def test_join(app, room, make):
    r = room()
    v = connect(app, make.user("alice"))
    snap = ack(v, "join", {"room_id": r.id})
    assert snap["ok"], snap
    assert snap["room"]["state"] == "live"
    print(snap)
    assert ack(v, "chat", {"room_id": r.id, "text": "hi"})["ok"]
