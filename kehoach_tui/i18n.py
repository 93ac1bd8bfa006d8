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
    # --- plans (bundled plans, import, switching) -------------------------------------------
    "plan.level.commune": ("xã", "commune"),
    "plan.level.province": ("tỉnh", "province"),
    "plan.not_installed": ("Kế hoạch “{code}” chưa có trong cơ sở dữ liệu", "Plan “{code}” is not in this database"),
    "plan.empty": (
        "Tệp kế hoạch “{code}” không có nhiệm vụ hay chỉ tiêu nào; không nhập",
        "Plan file “{code}” has no tasks and no targets; not imported",
    ),
    "plan.needs_commune": (
        "Kế hoạch “{plan}” là kế hoạch cấp tỉnh không ghi tỉnh; hãy chọn xã: --commune MÃ_XÃ",
        "Plan “{plan}” is a province plan that names no province; choose a commune: --commune CODE",
    ),
    "plan.commune_outside": (
        "{commune} ({code}) không thuộc {province}, tỉnh của kế hoạch “{plan}”",
        "{commune} ({code}) is not in {province}, the province of plan “{plan}”",
    ),
    "plans.row": ("{name:<12} {level:<5} {tasks:>3} nhiệm vụ {targets:>3} chỉ tiêu  {issuer}", "{name:<12} {level:<9} {tasks:>3} tasks {targets:>3} targets  {issuer}"),
    "plans.use_hint": ("Dùng: kehoach init --plan TÊN, hoặc kehoach plan use TÊN", "Use: kehoach init --plan NAME, or kehoach plan use NAME"),
    "plan.created": (
        "Đã thêm kế hoạch {code}: {tasks} nhiệm vụ, {targets} chỉ tiêu",
        "Added plan {code}: {tasks} tasks, {targets} targets",
    ),
    "plan.revised": (
        "Đã sửa đổi kế hoạch {code}: thêm {added}, bỏ {removed}, sửa lời {reworded}, không đổi {unchanged} nhiệm vụ; giữ tiến độ của {kept} nhiệm vụ",
        "Revised plan {code}: {added} added, {removed} removed, {reworded} reworded, {unchanged} unchanged tasks; progress kept on {kept} tasks",
    ),
    "plan.no_change": ("Kế hoạch {code} không có gì thay đổi", "Plan {code}: nothing changed"),
    "plan.dry_run": ("Chạy thử: chưa ghi gì vào cơ sở dữ liệu", "Dry run: nothing was written"),
    "plan.line_added": ("  + {code:<8} thêm      {title}", "  + {code:<8} added     {title}"),
    "plan.line_removed": ("  - {code:<8} bỏ        {title}", "  - {code:<8} removed   {title}"),
    "plan.line_reworded": ("  ~ {code:<8} sửa lời   {fields}", "  ~ {code:<8} reworded  {fields}"),
    "plan.targets_changed": (
        "Chỉ tiêu: thêm {added}, bỏ {removed}, sửa {changed}",
        "Targets: {added} added, {removed} removed, {changed} changed",
    ),
    "plan.groups_changed": ("Nhóm: thêm {added}, bỏ {removed}, sửa {changed}", "Groups: {added} added, {removed} removed, {changed} changed"),
    "plan.schedules_changed": ("Chế độ báo cáo thay đổi: {codes}", "Reporting regime changed: {codes}"),
    "plan.activated": ("Kế hoạch đang dùng: {code}", "Active plan: {code}"),
    "plan.not_active_hint": (
        "Kế hoạch đang dùng vẫn là {current}; chuyển: kehoach plan use {code}",
        "The active plan is still {current}; switch: kehoach plan use {code}",
    ),
    "plan.other_commune": (
        "Lưu ý: kế hoạch của {plan_commune}; cơ sở dữ liệu này của {commune}",
        "Note: a plan of {plan_commune}; this database belongs to {commune}",
    ),
    "field.title": ("tên", "title"),
    "field.description": ("nội dung", "description"),
    "field.lead_units": ("chủ trì", "lead"),
    "field.partner_units": ("phối hợp", "partners"),
    "field.deadline_text": ("thời hạn", "deadline"),
    "field.gap": ("chỗ thiếu", "gap"),
    "field.group_code": ("nhóm", "group"),
    "field.parent_code": ("mục cha", "parent"),
    "plan_switch.title": ("Chọn kế hoạch", "Choose a plan"),
    "plan_switch.help": (
        "Chuyển kế hoạch đang theo dõi; mỗi kế hoạch giữ tiến độ riêng",
        "Switch the plan being followed; each plan keeps its own progress",
    ),
    "plan_switch.installed": ("Trong cơ sở dữ liệu", "In this database"),
    "plan_switch.bundled": ("Kế hoạch có sẵn (chưa dùng)", "Bundled plans (not yet used)"),
    "plan_switch.active": ("đang dùng", "active"),
    "plan_switch.hint": ("Enter: dùng kế hoạch đã chọn · Esc: đóng", "Enter: use the selected plan · Esc: close"),
    "plan_switch.switched": ("Đã chuyển sang kế hoạch {code}", "Switched to plan {code}"),
    "plan_switch.counts": ("{level} · {tasks} nhiệm vụ · {targets} chỉ tiêu", "{level} · {tasks} tasks · {targets} targets"),
    # --- checklist -------------------------------------------------------------------------
    # --- incidents -------------------------------------------------------------------------
    "incident.status.new": ("Mới", "New"),
    "incident.status.reported": ("Đã báo cáo", "Reported"),
    "incident.status.in_progress": ("Đang xử lý", "In progress"),
    "incident.status.resolved": ("Đã khắc phục", "Resolved"),
    "incident.status.closed": ("Đóng", "Closed"),
    "incident.status.reopened": ("Mở lại", "Reopened"),
    "incident.err.bad_status": ("Trạng thái không hợp lệ: {value}", "Unknown status: {value}"),
    "incident.err.same_status": ("Sự cố đang ở trạng thái {status}", "The incident is already {status}"),
    "incident.err.transition": (
        "Không thể chuyển từ {current} sang {target}; có thể chuyển sang: {allowed}",
        "Cannot move from {current} to {target}; allowed: {allowed}",
    ),
    "incident.err.close_needs_note": (
        "Đóng sự cố cần ghi cách khắc phục (ghi chú)",
        "Closing an incident needs a resolution note",
    ),
    "incident.err.no_title": ("Cần nhập tiêu đề sự cố", "An incident needs a title"),
    "incident.err.bad_category": ("Không có loại sự cố “{value}” (có: {choices})", "No incident category “{value}” (choices: {choices})"),
    "incident.err.bad_severity": ("Không có mức độ “{value}” (có: {choices})", "No severity “{value}” (choices: {choices})"),
    "incident.err.bad_channel": ("Không có kênh báo cáo “{value}” (có: {choices})", "No reporting channel “{value}” (choices: {choices})"),
    "incident.err.bad_status_name": ("Không có trạng thái “{value}” (có: {choices})", "No status “{value}” (choices: {choices})"),
    "incident.err.bad_time": (
        "Thời điểm “{value}” không hợp lệ; nhập dạng dd/mm/yyyy HH:MM",
        "Invalid time “{value}”; use dd/mm/yyyy HH:MM",
    ),
    "incident.err.future": ("Thời điểm mở sự cố không được ở tương lai", "The opening time cannot be in the future"),
    "incident.err.bad_dossiers": ("Số hồ sơ bị chậm phải là số nguyên ≥ 0: “{value}”", "Delayed dossiers must be a whole number ≥ 0: “{value}”"),
    "incident.err.not_found": ("Không tìm thấy sự cố “{ref}”", "No incident “{ref}”"),
    "incident.err.ambiguous": ("“{ref}” khớp nhiều sự cố; hãy ghi đủ mã", "“{ref}” matches several incidents; give the full id"),
    "incident.err.no_category_name": ("Cần nhập tên loại sự cố", "A category needs a name"),
    "incident.err.category_exists": ("Đã có loại sự cố “{name}”", "Category “{name}” already exists"),
    "incident.dur.days": ("{n} ngày", "{n} d"),
    "incident.dur.hours": ("{n} giờ", "{n} h"),
    "incident.dur.minutes": ("{n} phút", "{n} min"),
    "incident.paste.head": ("[SỰ CỐ CNTT] #{number}: {title}", "[IT INCIDENT] #{number}: {title}"),
    "incident.paste.time": ("- Thời gian: {value}", "- Time: {value}"),
    "incident.paste.place": ("- Địa điểm: {value}", "- Place: {value}"),
    "incident.paste.category": ("- Loại: {category}; mức độ: {severity}", "- Category: {category}; severity: {severity}"),
    "incident.paste.systems": ("- Hệ thống bị ảnh hưởng: {value}", "- Systems affected: {value}"),
    "incident.paste.item": ("- Hạng mục kiểm tra không đạt: {value}", "- Failed check item: {value}"),
    "incident.paste.description": ("- Mô tả: {value}", "- Description: {value}"),
    "incident.paste.impact": ("- Ảnh hưởng người dân: {value}", "- Impact on citizens: {value}"),
    "incident.paste.interrupted": ("gián đoạn phục vụ", "service interrupted"),
    "incident.paste.not_interrupted": ("không gián đoạn phục vụ", "service not interrupted"),
    "incident.paste.dossiers": ("; {n} hồ sơ bị chậm", "; {n} dossiers delayed"),
    "incident.paste.status": ("- Tình trạng: {status} (từ {since})", "- Status: {status} (since {since})"),
    "incident.paste.downtime": ("- Thời gian gián đoạn: {value}", "- Downtime: {value}"),
    "incident.paste.resolution": ("- Cách khắc phục: {value}", "- Resolution: {value}"),
    "incident.paste.reported": ("- Đã báo qua: {value}", "- Reported via: {value}"),
    "incident.paste.contact": ("- Liên hệ: {value}", "- Contact: {value}"),
    "incident.note.opened": ("Mở sự cố", "Incident opened"),
    "incident.overview.open": ("{n} sự cố chưa đóng", "{n} open incidents"),
    "incident.overview.none_open": ("Không có sự cố chưa đóng", "No open incidents"),
    "incident.overview.high": ("{n} mức Cao", "{n} high severity"),
    "incident.overview.down": ("{n} đang gián đoạn", "{n} still down"),
    "incident.overview.latest": ("Mới nhất: #{number} {title}", "Latest: #{number} {title}"),
    "incident.filter.search": ("Tìm sự cố (không cần dấu)…", "Search incidents…"),
    "incident.filter.open": ("Chưa đóng", "Open"),
    "incident.filter.all_status": ("Mọi trạng thái", "Any status"),
    "incident.filter.all_categories": ("Mọi loại", "Any category"),
    "incident.filter.all_severities": ("Mọi mức độ", "Any severity"),
    "incident.period.all": ("Mọi thời gian", "Any time"),
    "incident.period.today": ("Hôm nay", "Today"),
    "incident.period.7d": ("7 ngày qua", "Last 7 days"),
    "incident.period.30d": ("30 ngày qua", "Last 30 days"),
    "incident.period.month": ("Tháng này", "This month"),
    "incident.period.last_month": ("Tháng trước", "Last month"),
    "incident.period.year": ("Năm nay", "This year"),
    "incident.list.count": ("{total} sự cố", "{total} incidents"),
    "incident.list.empty": ("Chưa có sự cố nào. Nhấn N để ghi nhận sự cố.", "No incidents yet. Press N to log one."),
    "incident.col.number": ("Số", "No."),
    "incident.col.date": ("Ngày", "Date"),
    "incident.col.severity": ("Mức độ", "Severity"),
    "incident.col.status": ("Trạng thái", "Status"),
    "incident.col.category": ("Loại", "Category"),
    "incident.col.title": ("Sự cố", "Incident"),
    "incident.key.new": ("Mở sự cố", "New incident"),
    "incident.key.search": ("Tìm", "Search"),
    "incident.key.view": ("Xem", "View"),
    "incident.key.status": ("Trạng thái", "Status"),
    "incident.key.text": ("Văn bản báo", "Text to paste"),
    "incident.key.edit": ("Sửa", "Edit"),
    "incident.key.save": ("Lưu", "Save"),
    "incident.key.cancel": ("Hủy", "Cancel"),
    "incident.key.copy": ("Sao chép", "Copy"),
    "incident.key.close": ("Đóng cửa sổ", "Close"),
    "incident.palette.new": ("Mở sự cố mới", "Log a new incident"),
    "incident.palette.new_help": ("Ghi nhận một sự cố CNTT (nhiệm vụ 4.5.đ)", "Log an IT incident (task 4.5.đ)"),
    "incident.form.new": ("Ghi nhận sự cố", "Log an incident"),
    "incident.form.edit": ("Sửa sự cố #{number}", "Edit incident #{number}"),
    "incident.form.title": ("Tiêu đề", "Title"),
    "incident.form.category": ("Loại sự cố", "Category"),
    "incident.form.severity": ("Mức độ", "Severity"),
    "incident.form.opened_at": ("Thời điểm xảy ra", "Happened at"),
    "incident.form.reporter": ("Người phát hiện", "Reported by"),
    "incident.form.location": ("Nơi xảy ra", "Where"),
    "incident.form.systems": ("Hệ thống ảnh hưởng", "Systems affected"),
    "incident.form.description": ("Mô tả", "Description"),
    "incident.form.interrupted": ("Gián đoạn phục vụ", "Service interrupted"),
    "incident.form.interrupted_yes": ("Có, người dân phải chờ", "Yes, citizens are kept waiting"),
    "incident.form.dossiers": ("Số hồ sơ bị chậm", "Dossiers delayed"),
    "incident.form.via": ("Báo qua", "Reported via"),
    "incident.form.to": ("Báo cho", "Reported to"),
    "incident.form.contact": ("Điện thoại liên hệ", "Contact phone"),
    "incident.form.item": ("Hạng mục kiểm tra", "Check item"),
    "incident.form.not_reported": ("Chưa báo", "Not yet"),
    "incident.form.hint": ("Enter: ô tiếp theo · Ctrl+S: lưu · Esc: hủy", "Enter: next field · Ctrl+S: save · Esc: cancel"),
    "incident.detail.opened": ("Xảy ra lúc", "Happened at"),
    "incident.detail.status": ("Trạng thái", "Status"),
    "incident.detail.downtime": ("Thời gian gián đoạn", "Downtime"),
    "incident.detail.impact": ("Ảnh hưởng", "Impact"),
    "incident.detail.reported": ("Đã báo", "Reported"),
    "incident.detail.resolution": ("Cách khắc phục", "Resolution"),
    "incident.detail.timeline": ("Diễn biến xử lý", "Timeline"),
    "incident.col.officer": ("Cán bộ", "Officer"),
    "incident.col.note": ("Ghi chú", "Note"),
    "incident.move.title": ("Chuyển trạng thái sự cố #{number} ({status})", "Change status of incident #{number} ({status})"),
    "incident.move.note": ("Ghi chú (bắt buộc khi Đóng: cách khắc phục)", "Note (needed when closing: the resolution)"),
    "incident.move.hint": ("Chọn trạng thái, Enter; ghi chú, Enter để lưu · Esc: hủy", "Pick a status, Enter; type a note, Enter to save · Esc: cancel"),
    "incident.move.done": ("Đã chuyển sang {status}", "Moved to {status}"),
    "incident.text.title": ("Văn bản báo cáo nhanh (dán vào Zalo, thư điện tử)", "Summary to paste (Zalo, e-mail)"),
    "incident.text.copied": (
        "Đã gửi vào bộ nhớ tạm (nếu terminal hỗ trợ). Nếu không dán được: chọn văn bản dưới đây bằng chuột rồi sao chép.",
        "Sent to the clipboard (where the terminal allows). If pasting fails, select the text below and copy it.",
    ),
    "incident.saved": ("Đã lưu sự cố #{number}", "Incident #{number} saved"),
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
