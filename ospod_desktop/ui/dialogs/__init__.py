"""Dialogs: each composes its generated form from forms/ and adds a little logic."""
