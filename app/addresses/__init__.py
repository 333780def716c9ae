"""A buyer's address book: recipient, mobile phone, region (a district of
China's administrative divisions, names derived on the server) and detail;
one default; at most 20 per buyer. Orders copy an address when they take
it (app/orders/delivery.py), so editing or deleting one changes no order."""
