"""Shipping: an order out in one or several packages (carrier, number, lines
and units), carriers and their number formats, batch shipping from a sheet."""
