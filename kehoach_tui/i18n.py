"""The one message catalogue: Vietnamese first, English second.

`t("key", name=value)` formats the message in the current language. Keys are grouped by
area; add new messages under the area's heading.
"""

from __future__ import annotations

_LANG = "vi"

MESSAGES: dict[str, tuple[str, str]] = {
    # --- app shell -------------------------------------------------------------------------
    "app.title": ("Kế hoạch chuyển đổi số", "Digital transformation plan"),
    "mode.overview": ("Tổng quan", "Overview"),
    "mode.tasks": ("Nhiệm vụ", "Tasks"),
    "mode.checklist": ("Kiểm tra đầu giờ", "Morning check"),
    "mode.incidents": ("Sự cố", "Incidents"),
    "mode.reports": ("Báo cáo", "Reports"),
    "mode.sync": ("Đồng bộ", "Sync"),
    "mode.short.overview": ("Tổng quan", "Overview"),
    "mode.short.tasks": ("Nhiệm vụ", "Tasks"),
    "mode.short.checklist": ("Kiểm tra", "Check"),
    "mode.short.incidents": ("Sự cố", "Incidents"),
    "mode.short.reports": ("Báo cáo", "Reports"),
    "mode.short.sync": ("Đồng bộ", "Sync"),
    "key.quit": ("Thoát", "Quit"),
    "key.palette": ("Lệnh", "Commands"),
    "key.back": ("Quay lại", "Back"),
    "no_data": ("Chưa có dữ liệu", "No data yet"),
    "palette.open_mode": ("Mở màn hình {name}", "Open the {name} screen"),
    "palette.quit": ("Thoát ứng dụng", "Quit the application"),
    "error.db_open": ("Không mở được cơ sở dữ liệu {path}: {reason}", "Cannot open database {path}: {reason}"),
    "error.db_newer": (
        "Cơ sở dữ liệu do phiên bản mới hơn tạo (lược đồ {found}, ứng dụng hỗ trợ đến {known}); hãy cập nhật ứng dụng",
        "The database was made by a newer version (schema {found}, this app knows up to {known}); update the app",
    ),
    "error.db_readonly": (
        "Không ghi được: thư mục dữ liệu chỉ đọc hoặc ổ đĩa đầy; dữ liệu đã lưu vẫn còn nguyên",
        "Cannot write: the data folder is read-only or the disk is full; saved data is intact",
    ),
    "error.db_busy": (
        "Cơ sở dữ liệu đang được một cửa sổ khác ghi; hãy thử lại sau giây lát",
        "The database is being written by another window; try again in a moment",
    ),
    # --- first run -------------------------------------------------------------------------
    "first.title": ("Thiết lập lần đầu", "First-run setup"),
    "first.intro": (
        "Chọn tỉnh, xã và kế hoạch. Nhấn Enter để đi tiếp; để trống là dùng giá trị mặc định.",
        "Choose province, commune and plan. Press Enter to go on; leave blank for the default.",
    ),
    "first.province": ("Tỉnh/thành phố", "Province"),
    "first.commune": ("Xã/phường", "Commune"),
    "first.officer": ("Họ tên cán bộ", "Officer's name"),
    "first.plan": ("Kế hoạch", "Plan"),
    "first.start": ("Bắt đầu", "Start"),
    "first.bad_province": ("Không tìm thấy tỉnh/thành phố “{name}”", "No province named “{name}”"),
    "first.bad_commune": ("Không tìm thấy xã/phường “{name}” trong {province}", "No commune “{name}” in {province}"),
    "first.bad_plan": ("Không có kế hoạch “{name}”", "No plan named “{name}”"),
    # --- overview --------------------------------------------------------------------------
    "overview.plan_progress": ("Tiến độ kế hoạch theo nhóm", "Plan progress by group"),
    "overview.group": ("Nhóm", "Group"),
    "overview.tasks": ("Nhiệm vụ", "Tasks"),
    "overview.done": ("Hoàn thành", "Done"),
    "overview.overdue": ("Quá hạn", "Overdue"),
    "overview.progress": ("Tiến độ", "Progress"),
    "overview.today_check": ("Kiểm tra đầu giờ hôm nay", "Today's morning check"),
    "overview.open_incidents": ("Sự cố chưa đóng", "Open incidents"),
    "overview.next_report": ("Báo cáo sắp đến hạn", "Next report due"),
    "overview.header": ("{commune} · {plan}", "{commune} · {plan}"),
    "overview.today": ("Hôm nay {date}", "Today {date}"),
    # --- tasks -----------------------------------------------------------------------------
    "status.not_started": ("Chưa bắt đầu", "Not started"),
    "status.in_progress": ("Đang thực hiện", "In progress"),
    "status.done": ("Hoàn thành", "Done"),
    "status.blocked": ("Tạm dừng, vướng mắc", "Blocked"),
    "status.not_applicable": ("Không áp dụng", "Not applicable"),
    "col.code": ("Mã", "Code"),
    "col.title": ("Nội dung", "Title"),
    "col.lead": ("Chủ trì", "Lead"),
    "col.due": ("Hạn", "Due"),
    "col.status": ("Trạng thái", "Status"),
    "col.progress": ("%", "%"),
    # --- checklist -------------------------------------------------------------------------
    # --- incidents -------------------------------------------------------------------------
    # --- reports ---------------------------------------------------------------------------
    "report.bad_day": ("Ngày không hợp lệ: “{text}” (cần dd/mm/yyyy hoặc YYYY-MM-DD)",
                       "Invalid date: “{text}” (use dd/mm/yyyy or YYYY-MM-DD)"),
    "report.bad_week": ("Tuần không hợp lệ: “{text}” (năm {year} không có tuần {week})",
                        "Invalid week: “{text}” ({year} has no week {week})"),
    "report.bad_period": ("Kỳ báo cáo không hợp lệ: “{text}” (cần {hint})", "Invalid report period: “{text}” (use {hint})"),
    "report.hint.day": ("2025-11-05 hoặc 05/11/2025", "2025-11-05 or 05/11/2025"),
    "report.hint.week": ("2025-W45 hoặc một ngày trong tuần", "2025-W45 or a date in the week"),
    "report.hint.month": ("2025-11 hoặc 11/2025", "2025-11 or 11/2025"),
    "report.hint.custom": ("01/11/2025 - 20/11/2025", "01/11/2025 - 20/11/2025"),
    "report.end_before_start": ("Ngày kết thúc {end} trước ngày bắt đầu {start}", "End date {end} is before start date {start}"),
    "report.bad_rule": ("Quy tắc lặp không hợp lệ: “{rule}” ({reason})", "Invalid recurrence rule: “{rule}” ({reason})"),
    "report.custom_needs_range": ("Báo cáo tùy chọn cần cả --from và --to", "A custom report needs both --from and --to"),
    "report.range_only_custom": ("--from/--to chỉ dùng với báo cáo tùy chọn (custom)", "--from/--to are only for custom reports"),
    "report.stdout_formats": ("--out - chỉ dùng với md, txt hoặc csv", "--out - works only with md, txt or csv"),
    "report.saved": ("Đã lưu báo cáo {period}: {path}", "Saved the report for {period}: {path}"),
    "report.sha": ("SHA-256: {sha} ({size} byte)", "SHA-256: {sha} ({size} bytes)"),
    "report.write_failed": ("Không ghi được tệp {path}: {reason}", "Cannot write {path}: {reason}"),
    "report.unknown_preset": ("Không có chế độ báo cáo “{name}” (có: {names})", "No reporting preset “{name}” (known: {names})"),
    "report.preset_applied": ("Đã áp dụng chế độ báo cáo {name}: {labels}", "Applied reporting preset {name}: {labels}"),
    "report.text_saved": ("Đã lưu nội dung mục {section} cho kỳ {period}", "Saved section {section} for {period}"),
    "report.settings_saved": ("Đã lưu thiết lập báo cáo", "Report settings saved"),
    "report.no_schedules": ("Chưa có lịch báo cáo", "No report schedule"),
    "report.next_due": ("{label}: hạn {due} — kỳ {period}", "{label}: due {due} — period {period}"),
    "report.overdue": ("QUÁ HẠN {label}: hạn {due} — kỳ {period}", "OVERDUE {label}: due {due} — period {period}"),
    "report.none_generated": ("Chưa tạo báo cáo nào", "No report generated yet"),
    "reports.kind": ("Kỳ", "Period"),
    "reports.kind.day": ("Ngày", "Day"),
    "reports.kind.week": ("Tuần", "Week"),
    "reports.kind.month": ("Tháng", "Month"),
    "reports.kind.month15": ("Tháng (15–14)", "Month (15th–14th)"),
    "reports.kind.custom": ("Tùy chọn", "Custom"),
    "reports.period": ("Kỳ/ngày", "Period/date"),
    "reports.to": ("Đến ngày", "To"),
    "reports.format": ("Định dạng", "Format"),
    "reports.preview": ("Xem trước", "Preview"),
    "reports.edit": ("Soạn nội dung", "Edit text"),
    "reports.export": ("Xuất tệp", "Export"),
    "reports.settings": ("Thiết lập", "Settings"),
    "reports.exporting": ("Đang xuất báo cáo…", "Exporting the report…"),
    "reports.saved_to": ("Đã lưu: {path}", "Saved: {path}"),
    "reports.failed": ("Không xuất được: {reason}", "Export failed: {reason}"),
    "reports.missing_text": ("Chưa nhập: {sections}", "Not written yet: {sections}"),
    "reports.edit_title": ("Nội dung do cán bộ soạn — {period}", "Officer-written text — {period}"),
    "reports.section.direction": ("I. Công tác chỉ đạo, điều hành", "I. Direction and management"),
    "reports.section.shortcomings": ("III. Tồn tại, hạn chế và nguyên nhân", "III. Shortcomings and causes"),
    "reports.section.next_focus": ("IV. Nhiệm vụ trọng tâm thời gian tới (thêm)", "IV. Priorities for the next period (extra)"),
    "reports.section.proposals": ("V. Đề xuất, kiến nghị", "V. Proposals"),
    "reports.save": ("Lưu", "Save"),
    "reports.cancel": ("Hủy", "Cancel"),
    "reports.signer_title": ("Chức danh người ký (mỗi dòng một dòng)", "Signer's title (one line each)"),
    "reports.signer_name": ("Họ tên người ký", "Signer's name"),
    "reports.doc_number": ("Số văn bản (để trống cho văn thư điền)", "Document number (blank for the clerk)"),
    "reports.recipients": ("Nơi nhận (mỗi dòng một nơi)", "Recipients (one per line)"),
    "reports.place": ("Địa danh ở dòng ngày tháng", "Place name on the date line"),
    "reports.settings_title": ("Thiết lập báo cáo", "Report settings"),
    "palette.report_export": ("Xuất báo cáo", "Export the report"),
    "palette.report_edit": ("Soạn nội dung báo cáo", "Edit the report text"),
    "palette.report_settings": ("Thiết lập báo cáo (người ký, nơi nhận)", "Report settings (signer, recipients)"),
    # --- sync ------------------------------------------------------------------------------
    # --- mail ------------------------------------------------------------------------------
    # --- safety (backup, restore, doctor) --------------------------------------------------
    # --- CLI -------------------------------------------------------------------------------
    "cli.init_done": (
        "Đã khởi tạo {db}: {commune} ({code}), kế hoạch {plan} với {tasks} nhiệm vụ",
        "Initialised {db}: {commune} ({code}), plan {plan} with {tasks} tasks",
    ),
    "cli.init_already": (
        "{db} đã được khởi tạo: {commune} ({code}), kế hoạch {plan}; không thay đổi gì",
        "{db} is already initialised: {commune} ({code}), plan {plan}; nothing changed",
    ),
    "cli.not_initialised": (
        "Cơ sở dữ liệu chưa được khởi tạo; chạy: kehoach init",
        "The database is not initialised; run: kehoach init",
    ),
    "cli.bad_commune": ("Mã xã không có trong danh mục: {code}", "Unknown commune code: {code}"),
    "cli.error": ("Lỗi: {reason}", "Error: {reason}"),
}


def set_lang(lang: str) -> None:
    global _LANG
    if lang not in ("vi", "en"):
        raise ValueError(lang)
    _LANG = lang


def get_lang() -> str:
    return _LANG


def t(key: str, **kwargs: object) -> str:
    """The message for key in the current language, formatted with kwargs."""
    pair = MESSAGES.get(key)
    if pair is None:
        return key
    text = pair[1] if _LANG == "en" else pair[0]
    return text.format(**kwargs) if kwargs else text
