"""One-time subscribe messages: each user's credits per event (and target),
spent one per message, and the senders that deliver them (WeChat when
configured, a log sender otherwise). Features call `triggers`."""
