"""Tether: an interactive story about closeness, distance and feeling safe together."""

__version__ = "0.1.0"
