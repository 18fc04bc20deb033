"""Modules generated from forms/*.ui by packaging/build_forms.py."""
