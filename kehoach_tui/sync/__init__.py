"""Sync by file: keys, the signed bundle, export, receipts. Import the submodules you need
(this package stays light so the store can import its schema cheaply)."""
