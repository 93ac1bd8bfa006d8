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
    "checklist.card": ("{done}/{total} mục đã kiểm tra, {failed} lỗi", "{done}/{total} items checked, {failed} failed"),
    "checklist.card_finished": (", hoàn thành {time}", ", finished {time}"),
    "checklist.card_late": (" (muộn)", " (late)"),
    "checklist.card_open": (", chưa hoàn thành", ", not finished"),
    "checklist.err_title_empty": ("tên mục không được để trống", "the item title is empty"),
    "checklist.err_title_long": ("tên mục dài quá 200 ký tự", "the item title is longer than 200 characters"),
    "checklist.err_time": ("giờ không hợp lệ: “{text}” (cần dạng HH:MM, ví dụ 08:00)", "bad time “{text}” (use HH:MM, e.g. 08:00)"),
    "checklist.err_no_item_given": ("chưa nêu mục kiểm tra", "no item given"),
    "checklist.err_ambiguous": ("“{text}” khớp nhiều mục: {codes}", "“{text}” matches several items: {codes}"),
    "checklist.err_no_item": ("không có mục kiểm tra “{text}”", "no check item “{text}”"),
    "checklist.err_probe": ("kiểm tra tự động không có: {probe} (có: {names})", "no such probe: {probe} (known: {names})"),
    "checklist.err_code_taken": ("mã {code} đã có", "code {code} is taken"),
    "checklist.err_bad_code": ("mã “{code}” chỉ gồm A-Z, 0-9, _ (tối đa 24 ký tự)", "code “{code}” may use A-Z, 0-9, _ (24 at most)"),
    "checklist.err_future": ("không ghi kiểm tra cho ngày chưa tới ({date})", "cannot record a check for a future date ({date})"),
    "checklist.err_state": ("trạng thái không hợp lệ: {state} (ok, fail, na)", "bad state: {state} (ok, fail, na)"),
    "checklist.err_days": ("số ngày phải từ 1 đến 3660", "days must be between 1 and 3660"),
    "checklist.finished_row": ("Hoàn thành: ✓ đúng giờ, ! muộn", "Finished: ✓ on time, ! late"),
    "checklist.month_label": ("T{month}", "M{month}"),
    "cstate.ok": ("OK", "OK"),
    "cstate.fail": ("Lỗi", "Failed"),
    "cstate.na": ("Không áp dụng", "N/A"),
    "cstate.unchecked": ("Chưa kiểm tra", "Not checked"),
    "checklist.title": ("Kiểm tra đầu giờ {date}", "Morning check {date}"),
    "checklist.officer": ("Cán bộ: {name}", "Officer: {name}"),
    "checklist.not_started": ("Chưa bắt đầu", "Not started"),
    "checklist.started": ("Bắt đầu {time}", "Started {time}"),
    "checklist.finished": ("Hoàn thành {time}", "Finished {time}"),
    "checklist.late": ("MUỘN (sau {time})", "LATE (after {time})"),
    "checklist.on_time": ("đúng giờ", "on time"),
    "checklist.progress": ("{done}/{total} đã kiểm tra · {failed} lỗi", "{done}/{total} checked · {failed} failed"),
    "checklist.col_item": ("Mục kiểm tra", "Item"),
    "checklist.col_state": ("Kết quả", "Result"),
    "checklist.col_note": ("Ghi chú / bằng chứng", "Note / evidence"),
    "checklist.col_code": ("Mã", "Code"),
    "checklist.col_category": ("Nhóm", "Category"),
    "checklist.col_required": ("Bắt buộc", "Required"),
    "checklist.col_probe": ("Tự động", "Probe"),
    "checklist.col_active": ("Đang dùng", "Active"),
    "checklist.col_avail": ("Sẵn sàng", "Avail."),
    "checklist.key_ok": ("OK", "OK"),
    "checklist.key_fail": ("Lỗi", "Fail"),
    "checklist.key_na": ("K.AD", "N/A"),
    "checklist.key_unchecked": ("Chưa KT", "Unset"),
    "checklist.key_note": ("Ghi chú", "Note"),
    "checklist.key_probe": ("Tự động", "Probes"),
    "checklist.key_finish": ("Hoàn thành", "Finish"),
    "checklist.key_incident": ("Sự cố", "Incident"),
    "checklist.key_history": ("Lịch sử", "History"),
    "checklist.key_items": ("Danh mục", "Items"),
    "checklist.hint": ("h lịch sử · s danh mục", "h history · s items"),
    "checklist.key_days": ("30/90 ngày", "30/90 days"),
    "checklist.key_add": ("Thêm", "Add"),
    "checklist.key_edit": ("Sửa", "Edit"),
    "checklist.key_up": ("Lên", "Up"),
    "checklist.key_down": ("Xuống", "Down"),
    "checklist.key_active": ("Bật/tắt", "On/off"),
    "checklist.note_title": ("Ghi chú cho “{item}”", "Note for “{item}”"),
    "checklist.note_hint": ("Enter: lưu · Esc: bỏ qua", "Enter: save · Esc: cancel"),
    "checklist.confirm_finish": (
        "Còn {count} mục chưa kiểm tra ({required} mục bắt buộc): {names}. Vẫn hoàn thành?",
        "{count} items not checked ({required} required): {names}. Finish anyway?",
    ),
    "checklist.yes": ("Có (y)", "Yes (y)"),
    "checklist.no": ("Không (n)", "No (n)"),
    "checklist.finished_msg": ("Đã hoàn thành kiểm tra lúc {time}", "Check finished at {time}"),
    "checklist.finished_late_msg": ("Đã hoàn thành lúc {time} — muộn (sau {late_after})",
                                    "Finished at {time} — late (after {late_after})"),
    "checklist.probe_running": ("Đang chạy {done}/{total}…", "Running {done}/{total}…"),
    "checklist.probe_done": ("Tự động: điền {filled} mục", "Probes: {filled} items filled"),
    "checklist.probe_kept": ("{count} mục giữ nguyên kết quả do cán bộ nhập", "{count} items kept the officer's answer"),
    "checklist.probes_title": ("Kiểm tra tự động lúc {time}", "Automatic checks at {time}"),
    "checklist.incident_only_fail": ("Chỉ báo sự cố cho mục bị Lỗi", "Only a failed item can be reported"),
    "checklist.incident_pending": (
        "Chưa có sổ sự cố: ghi chú lỗi được giữ trên mục “{item}”",
        "No incident log yet: the failure note stays on “{item}”",
    ),
    "checklist.history_title": ("Lịch sử kiểm tra {days} ngày ({start} – {end})", "Check history, {days} days ({start} – {end})"),
    "checklist.history_summary": (
        "Ngày làm việc: {work} · đã kiểm tra: {checked} ({checked_pct}) · đúng giờ: {on_time} ({on_time_pct}) · muộn: {late}",
        "Working days: {work} · checked: {checked} ({checked_pct}) · on time: {on_time} ({on_time_pct}) · late: {late}",
    ),
    "checklist.legend": ("● OK  ✗ Lỗi  – Không áp dụng  · chưa kiểm tra  (trống: ngày nghỉ)",
                         "● OK  ✗ Failed  – N/A  · not checked  (blank: day off)"),
    "checklist.items_title": ("Danh mục kiểm tra đầu giờ", "Morning check items"),
    "checklist.item_form_add": ("Thêm mục kiểm tra", "Add an item"),
    "checklist.item_form_edit": ("Sửa mục {code}", "Edit item {code}"),
    "checklist.field_title": ("Tên mục", "Title"),
    "checklist.field_category": ("Nhóm", "Category"),
    "checklist.field_probe": ("Kiểm tra tự động ({names}; để trống nếu không)", "Probe ({names}; blank for none)"),
    "checklist.field_required": ("Bắt buộc", "Required"),
    "checklist.save": ("Lưu", "Save"),
    "checklist.cancel": ("Bỏ qua", "Cancel"),
    "checklist.yes_short": ("có", "yes"),
    "checklist.no_short": ("không", "no"),
    "checklist.saved": ("Đã lưu", "Saved"),
    "checklist.marked": ("{item}: {state}", "{item}: {state}"),
    "checklist.no_item": ("Không có mục nào", "No items"),
    "probe.internet": ("Internet", "Internet"),
    "probe.disk": ("Ổ dữ liệu còn trống {free} GB / {total} GB ({percent}%)", "Data drive: {free} GB free of {total} GB ({percent}%)"),
    "probe.timeout": ("Quá thời gian chờ {seconds} giây, đã dừng", "No answer within {seconds} s, stopped"),
    "probe.error": ("Không kiểm tra được: {reason}", "Could not check: {reason}"),
    "probe.unknown": ("Không có kiểm tra tự động này", "No such probe"),
    "probe.no_hosts": ("Chưa đặt máy chủ để kiểm tra", "No hosts configured"),
    "probe.bad_host": ("Địa chỉ kiểm tra không hợp lệ: {host}", "Bad host entry: {host}"),
    "probe.dns_timeout": ("{host}: phân giải tên miền quá {seconds} giây", "{host}: name lookup took over {seconds} s"),
    "probe.dns_failed": ("{host}: không phân giải được tên miền ({reason})", "{host}: name lookup failed ({reason})"),
    "probe.tcp_failed": ("{host}: không kết nối được ({reason})", "{host}: cannot connect ({reason})"),
    "probe.tcp_ok": ("Kết nối {host} được ({ms} ms)", "Connected to {host} ({ms} ms)"),
    "probe.http_failed": ("{host}: không có phản hồi HTTP ({reason})", "{host}: no HTTP answer ({reason})"),
    "probe.http_status": ("{host}: phản hồi HTTP {status} (có thể bị chặn)", "{host}: HTTP {status} (blocked?)"),
    "probe.http_ok": ("{host} phản hồi HTTP {status} ({ms} ms)", "{host} answered HTTP {status} ({ms} ms)"),
    "probe.printers_no_tool": (
        "Bỏ qua: máy này không có lpstat hay PowerShell để xem máy in",
        "Skipped: neither lpstat nor PowerShell is available to list printers",
    ),
    "probe.printers_none": ("Chưa cài máy in nào", "No printer installed"),
    "probe.printers_virtual_only": ("Chỉ có máy in ảo (PDF/XPS)", "Only virtual printers (PDF/XPS)"),
    "probe.printers_ok": ("Máy in sẵn sàng: {names}", "Printers ready: {names}"),
    "probe.printers_some": ("Sẵn sàng: {ready}; lỗi: {broken}", "Ready: {ready}; not ready: {broken}"),
    "probe.printers_broken": ("Máy in không sẵn sàng: {names}", "Printers not ready: {names}"),
    "probe.clock_nothing": ("Chưa có dữ liệu để so đồng hồ", "Nothing recorded yet to compare the clock with"),
    "probe.clock_ok": ("Đồng hồ máy hợp lý", "Clock looks right"),
    "probe.clock_behind": (
        "Đồng hồ máy chạy lùi: sớm hơn lần ghi gần nhất ({last}); kiểm tra pin CMOS, giờ hệ thống",
        "Clock is behind the last recorded change ({last}); check the CMOS battery and system time",
    ),
    "probe.db_ok": ("Cơ sở dữ liệu nguyên vẹn (quick_check)", "Database intact (quick_check)"),
    "probe.db_bad": ("Cơ sở dữ liệu có lỗi: {reason}", "Database damaged: {reason}"),
    "probe.db_unknown": ("Không kiểm tra được cơ sở dữ liệu", "Database not checked"),
    "probe.backup_none": ("Chưa có bản sao lưu", "No backup yet"),
    "probe.backup_age": ("Bản sao lưu gần nhất cách đây {days} ngày ({name})", "Newest backup is {days} days old ({name})"),
    "probe.name.internet": ("Internet", "Internet"),
    "probe.name.disk": ("Ổ đĩa", "Disk"),
    "probe.name.printers": ("Máy in", "Printers"),
    "probe.name.clock": ("Đồng hồ", "Clock"),
    "probe.name.database": ("CSDL", "Database"),
    "probe.name.backup": ("Sao lưu", "Backup"),
    "cli.checklist_marked": ("{date} · {item}: {state}", "{date} · {item}: {state}"),
    "cli.checklist_probe_kept": ("{item}: giữ kết quả cán bộ đã nhập", "{item}: kept the officer's answer"),
    "cli.checklist_bad_date": ("Ngày không hợp lệ: “{text}” (cần dd/mm/yyyy)", "Bad date: “{text}” (use dd/mm/yyyy)"),
    "cli.checklist_unchecked_left": (
        "Còn {count} mục chưa kiểm tra: {names}; thêm --yes để vẫn hoàn thành",
        "{count} items not checked: {names}; add --yes to finish anyway",
    ),
    # --- incidents -------------------------------------------------------------------------
    # --- reports ---------------------------------------------------------------------------
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
