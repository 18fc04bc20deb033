"""OSPOD Desktop: offline case management for unaccompanied and separated foreign children."""

__version__ = "0.1.0"
