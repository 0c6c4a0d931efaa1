"""Bitácora: turns scraped Spanish customer-service articles into a clean site and newsletter."""

__version__ = "0.1.0"
