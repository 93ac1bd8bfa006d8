"""Sync by file: keys, the signed bundle, export, receipts. Import the submodules you need
(this package stays light). Its tables and their SQL live in store/sync_state.py."""
