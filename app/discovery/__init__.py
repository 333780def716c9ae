"""Discovery for buyers: product search that understands Chinese (a term
index kept beside the catalogue), categories, favourites and browsing
history. The activity lists (group-buys, bargains, live rooms) belong to
their own packages; the buyers' routes are in miniprogram_api."""
