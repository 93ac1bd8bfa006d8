"""kehoach-tui: theo dõi kế hoạch chuyển đổi số cấp xã, chạy ngoại tuyến."""

__version__ = "0.1.0"
