#!/bin/sh
# Installs kehoach-tui from this folder with no network (see README.txt).
# 1. finds Python 3.11-3.13 (KEHOACH_PYTHON=/path/to/python chooses one);
# 2. verify.py checks the signed SHA-256 list: a folder that does not verify is refused
#    before anything is installed;
# 3. install.py makes ~/.local/share/kehoach-tui/venv and installs with pip --no-index.
# Arguments are passed on to install.py (--yes, --allow-downgrade, --no-shortcut).
set -eu
HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)

PY=""
for candidate in ${KEHOACH_PYTHON:-} python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
        "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] not in [(3, 11), (3, 12), (3, 13)])' 2>/dev/null; then
        PY=$(command -v "$candidate")
        break
    fi
done
if [ -z "$PY" ]; then
    echo "Không tìm thấy Python 3.11, 3.12 hoặc 3.13. Hãy cài Python (ví dụ: sudo apt install python3) rồi chạy lại." >&2
    exit 2
fi
echo "Dùng Python: $PY"

if ! "$PY" -B -I "$HERE/verify.py" "$HERE"; then
    echo "Đã từ chối cài đặt: thư mục này không đúng với chữ ký của bản phát hành." >&2
    exit 1
fi
exec "$PY" -B -I "$HERE/install.py" "$@"
