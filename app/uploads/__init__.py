"""Uploads: images people send (product pictures, review and after-sale
photos, avatars), decoded and re-encoded with Pillow so only pixels are
kept, stored through one Storage (files under the instance folder, or an
S3-compatible store for many nodes) and served at /media/<key>."""
