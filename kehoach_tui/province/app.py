"""Placeholder replaced below."""
def run_province_tui(store):
    raise NotImplementedError
