"""Hand-off by e-mail: the outbox, sending over SMTP, the connectivity watch, .eml reading.

Import the submodules you need: this package stays light (no smtplib, no keyring). The
outbox table and its SQL live in store/outbox.py.

Password: never in the database, a log or a bundle. Where the operating system has a
keyring (Windows Credential Manager, macOS Keychain, Secret Service on Linux) the `keyring`
package keeps it (`kehoach mail configure … --save-password`); otherwise it is asked for
when sending and kept only in memory for that session (see `secret.py`).
"""
