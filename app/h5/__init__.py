"""The buyers' mobile web app at /h5/: pages only, a client of /mp/v1."""
