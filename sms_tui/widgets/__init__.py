"""Reusable pieces of the UI. They are given models and values; they never read the store."""
