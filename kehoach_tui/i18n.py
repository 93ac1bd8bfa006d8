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
    "col.updated": ("Cập nhật", "Updated"),
    "col.when": ("Thời gian", "When"),
    "col.who": ("Người", "Who"),
    "col.change": ("Thay đổi", "Change"),
    "col.subject": ("Mục", "Item"),
    "col.note": ("Ghi chú", "Note"),
    "status.short.not_started": ("Chưa bắt đầu", "Not started"),
    "status.short.in_progress": ("Đang làm", "In progress"),
    "status.short.done": ("Hoàn thành", "Done"),
    "status.short.blocked": ("Vướng mắc", "Blocked"),
    "status.short.not_applicable": ("Không áp dụng", "N/A"),
    "task.bad_progress": (
        "Tiến độ “{value}” không hợp lệ: cần số nguyên từ 0 đến 100",
        "Progress “{value}” is not valid: a whole number from 0 to 100 is needed",
    ),
    "task.bad_status": ("Trạng thái “{value}” không có; chọn: {choices}", "Unknown status “{value}”; choose: {choices}"),
    "task.evidence_bad_date": ("Ngày “{date}” trong căn cứ không có thật", "The date “{date}” in the evidence does not exist"),
    "task.evidence_future": (
        "Ngày {date} trong căn cứ ở tương lai; hãy kiểm tra lại số, ngày văn bản",
        "The date {date} in the evidence is in the future; check the document number and date",
    ),
    "task.parent_derived": (
        "Nhiệm vụ có mục con: trạng thái và tiến độ tính từ các mục con; chỉ ghi được ghi chú và căn cứ",
        "This task has sub-items: status and progress come from them; only a note and evidence can be recorded",
    ),
    "task.done_below_100": (
        "Hoàn thành nhưng tiến độ {progress}%: xác nhận để giữ {progress}%, hoặc đặt 100%",
        "Done but progress {progress}%: confirm to keep {progress}%, or set 100%",
    ),
    "task.done_below_100_cli": (
        "Hoàn thành nhưng tiến độ {progress}%: bỏ --progress để đặt 100%, hoặc thêm --yes để giữ {progress}%",
        "Done but progress {progress}%: drop --progress to set 100%, or add --yes to keep {progress}%",
    ),
    "task.nothing_to_record": (
        "Không có gì để ghi: trạng thái, tiến độ không đổi và không có ghi chú, căn cứ",
        "Nothing to record: status and progress unchanged, no note or evidence",
    ),
    "task.not_found": ("Không có nhiệm vụ mã “{code}”", "No task with code “{code}”"),
    "task.not_trigger": (
        "Nhiệm vụ {code} không có thời hạn chờ sự kiện; không cần ghi ngày sự kiện",
        "Task {code} does not wait for an event; no event date is needed",
    ),
    "task.trigger_future": ("Ngày sự kiện {date} ở tương lai", "The event date {date} is in the future"),
    "task.trigger_note": ("{event} ngày {date}", "{event} on {date}"),
    "task.bad_date": ("Ngày “{value}” không hợp lệ: cần dạng dd/mm/yyyy", "Date “{value}” is not valid: use dd/mm/yyyy"),
    "task.evidence": ("Căn cứ", "Evidence"),
    "task.partners": ("Phối hợp", "Partners"),
    "tasks.key.search": ("Tìm", "Search"),
    "tasks.key.update": ("Cập nhật", "Update"),
    "tasks.key.status": ("Trạng thái", "Status"),
    "tasks.key.group": ("Nhóm", "Group"),
    "tasks.key.lead": ("Đơn vị", "Unit"),
    "tasks.key.overdue": ("Quá hạn", "Overdue"),
    "tasks.key.due_soon": ("Sắp hạn", "Due soon"),
    "tasks.key.sort": ("Sắp xếp", "Sort"),
    "tasks.key.clear": ("Bỏ lọc", "Clear filters"),
    "tasks.key.targets": ("Chỉ tiêu", "Targets"),
    "tasks.key.history": ("Lịch sử", "History"),
    "tasks.key.open": ("Chi tiết", "Details"),
    "tasks.key.trigger": ("Ngày sự kiện", "Event date"),
    "tasks.key.record": ("Ghi giá trị", "Record value"),
    "dialog.save": ("Lưu", "Save"),
    "dialog.cancel": ("Huỷ", "Cancel"),
    "dialog.progress": ("Tiến độ (0–100%)", "Progress (0–100%)"),
    "dialog.evidence": ("Căn cứ (số, ngày văn bản; đường dẫn tệp)", "Evidence (document no., date; file path)"),
    "dialog.evidence_placeholder": ("vd. Số 123/KH-UBND ngày 05/8/2025", "e.g. Số 123/KH-UBND ngày 05/8/2025"),
    "dialog.officer": ("Cán bộ", "Officer"),
    "dialog.update_title": ("Cập nhật {code}:", "Update {code}:"),
    "dialog.confirm_again": ("nhấn Lưu lần nữa để giữ", "press Save again to keep it"),
    "dialog.trigger_title": ("Ngày sự kiện của nhiệm vụ {code}", "Event date of task {code}"),
    "dialog.trigger_date": ("Ngày {event} (dd/mm/yyyy)", "Date of: {event} (dd/mm/yyyy)"),
    "dialog.target_title": ("Ghi giá trị chỉ tiêu {code}", "Record a value for target {code}"),
    "dialog.period": ("Tháng (mm/yyyy hoặc YYYY-MM)", "Month (mm/yyyy or YYYY-MM)"),
    "dialog.value": ("Giá trị", "Value"),
    "dialog.source": ("Nguồn số liệu", "Source"),
    "detail.updates": ("Các lần cập nhật", "Updates"),
    "detail.no_deadline": ("(không ghi)", "(none written)"),
    "detail.from_parent": ("(theo mục {code})", "(from {code})"),
    "detail.deadline_written": ("Thời hạn (văn bản)", "Deadline (as written)"),
    "detail.deadline_understood": ("Thời hạn (hiểu là)", "Deadline (understood)"),
    "detail.trigger_hint": ("nhấn t để ghi ngày sự kiện", "press t to record the event date"),
    "detail.parent_rule": (
        "Trạng thái và tiến độ tính từ các mục con (trung bình, bỏ mục Không áp dụng).",
        "Status and progress come from the sub-items (mean, leaving out Not applicable).",
    ),
    "detail.no_updates": ("Chưa có lần cập nhật nào", "No updates yet"),
    "detail.last_update": ("Cập nhật gần nhất", "Last update"),
    "detail.needs_note": ("chưa ghi trong kỳ báo cáo này", "nothing recorded this report period"),
    "targets.title": ("Chỉ tiêu của kế hoạch", "Plan targets"),
    "targets.latest": ("Mới nhất", "Latest"),
    "targets.target": ("Mục tiêu", "Target"),
    "targets.state": ("Đánh giá", "Status"),
    "targets.trend": ("Xu hướng", "Trend"),
    "history.title": ("Lịch sử thay đổi", "Change history"),
    "history.placeholder": ("/ Mã nhiệm vụ (vd. 1.1) hoặc từ cần tìm", "/ Task code (e.g. 1.1) or words"),
    "tasks.search_placeholder": ("/ Tìm: mã, nội dung, ghi chú (không cần dấu)", "/ Search: code, text, notes"),
    "tasks.no_filter": ("s g e o d: lọc", "s g e o d: filter"),
    "tasks.filter_prefix": ("Lọc: ", "Filter: "),
    "tasks.group_n": ("Nhóm {code}", "Group {code}"),
    "tasks.sort.title": ("theo tên", "by title"),
    "tasks.sort.due": ("theo hạn", "by due date"),
    "tasks.count": ("{shown}/{total} nhiệm vụ", "{shown}/{total} tasks"),
    "tasks.count_overdue": ("{n} quá hạn", "{n} overdue"),
    "tasks.count_due_soon": ("{n} sắp đến hạn (7 ngày)", "{n} due within 7 days"),
    "tasks.count_needs_note": ("⚑ {n} thường xuyên chưa ghi kỳ này", "⚑ {n} recurring without a note this period"),
    "tasks.palette.targets": ("Xem và ghi giá trị các chỉ tiêu", "See and record target values"),
    "tasks.palette.history": ("Ai đã thay đổi gì, khi nào", "Who changed what, and when"),
    "tasks.palette.update": ("Cập nhật nhiệm vụ đang chọn", "Update the selected task"),
    "tasks.palette.update_help": ("Trạng thái, tiến độ, ghi chú, căn cứ", "Status, progress, note, evidence"),
    "tasks.palette.overdue": ("Lọc nhiệm vụ quá hạn", "Show overdue tasks"),
    "tasks.palette.overdue_help": ("Bật/tắt lọc quá hạn", "Toggle the overdue filter"),
    "tasks.palette.due_soon": ("Lọc nhiệm vụ sắp đến hạn", "Show tasks due soon"),
    "tasks.palette.due_soon_help": ("Đến hạn trong 7 ngày", "Due within 7 days"),
    "tasks.palette.clear_help": ("Bỏ mọi bộ lọc và ô tìm", "Clear every filter and the search"),
    "task.trigger_date": ("Ngày sự kiện", "Event date"),
    "task.saved": ("Đã ghi cập nhật cho {code}: {status}, {progress}%", "Update recorded for {code}: {status}, {progress}%"),
    "task.trigger_saved": ("Đã ghi ngày sự kiện của {code}: {date}; hạn mới: {due}", "Event date of {code} recorded: {date}; due: {due}"),
    "target.bad_value": ("Giá trị “{value}” không phải số", "Value “{value}” is not a number"),
    "target.bad_period": ("Kỳ “{value}” không hợp lệ: cần dạng YYYY-MM hoặc mm/yyyy", "Period “{value}” is not valid: use YYYY-MM or mm/yyyy"),
    "target.future_period": ("Kỳ {value} chưa đến", "Period {value} has not started yet"),
    "target.not_found": ("Không có chỉ tiêu mã “{code}”", "No target with code “{code}”"),
    "target.saved": ("Đã ghi {code} kỳ {period}: {value}", "Recorded {code} for {period}: {value}"),
    "target.state.met": ("Đạt", "Met"),
    "target.state.on_track": ("Đúng tiến độ", "On track"),
    "target.state.behind": ("Chậm", "Behind"),
    "target.state.late": ("Quá hạn", "Late"),
    "target.state.no_data": ("Chưa có số liệu", "No data"),
    "target.state_short.met": ("Đạt", "Met"),
    "target.state_short.on_track": ("Kịp", "On track"),
    "target.state_short.behind": ("Chậm", "Behind"),
    "target.state_short.late": ("Trễ", "Late"),
    "target.state_short.no_data": ("Chưa có", "No data"),
    "history.update": ("{before} → {after}, {progress}%", "{before} → {after}, {progress}%"),
    "history.trigger": ("Ghi ngày sự kiện: {note}", "Event date recorded: {note}"),
    "history.target_value": ("Kỳ {period}: {value}", "Period {period}: {value}"),
    "history.setting": ("Cài đặt {name} = {value}", "Setting {name} = {value}"),
    "history.insert": ("Thêm {entity}", "Added {entity}"),
    "history.delete": ("Xoá {entity}", "Deleted {entity}"),
    "history.no_visible_change": ("(không đổi nội dung)", "(no visible change)"),
    "entity.tasks": ("nhiệm vụ", "task"),
    "entity.task_updates": ("cập nhật", "update"),
    "entity.targets": ("chỉ tiêu", "target"),
    "entity.target_values": ("giá trị chỉ tiêu", "target value"),
    "entity.plans": ("kế hoạch", "plan"),
    "entity.plan_groups": ("nhóm nhiệm vụ", "task group"),
    "entity.report_schedules": ("chế độ báo cáo", "report schedule"),
    # --- checklist -------------------------------------------------------------------------
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
