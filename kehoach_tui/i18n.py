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
        "Không ghi được: thư mục hoặc tệp dữ liệu chỉ đọc; dữ liệu đã lưu vẫn còn nguyên và vẫn xem được",
        "Cannot write: the data folder or file is read-only; saved data is intact and can still be read",
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
    # --- reports ---------------------------------------------------------------------------
    # --- sync ------------------------------------------------------------------------------
    # --- mail ------------------------------------------------------------------------------
    # --- safety (backup, restore, doctor) --------------------------------------------------
    "error.db_full": (
        "Không ghi được: ổ đĩa đầy; dữ liệu đã lưu vẫn còn nguyên và vẫn xem được. Hãy giải phóng dung lượng rồi thử lại",
        "Cannot write: the disk is full; saved data is intact and can still be read. Free some space and try again",
    ),
    "error.db_damaged": (
        "Tệp cơ sở dữ liệu bị hỏng hoặc không phải cơ sở dữ liệu; hãy khôi phục từ bản sao lưu (kehoach restore)",
        "The database file is damaged or not a database; restore a backup (kehoach restore)",
    ),
    "error.db_io": (
        "Lỗi đọc/ghi ổ đĩa; hãy kiểm tra ổ đĩa rồi chạy kehoach doctor",
        "Disk read/write error; check the disk, then run kehoach doctor",
    ),
    "error.db_readonly_old": (
        "{path} cần nâng cấp lược đồ nhưng thư mục chỉ đọc; hãy mở ở thư mục ghi được",
        "{path} needs a schema upgrade but its folder is read-only; open it from a writable folder",
    ),
    "safety.no_database": ("Không có tệp cơ sở dữ liệu {path}", "No database file {path}"),
    "safety.no_file": ("Không có tệp {path}", "No file {path}"),
    "safety.not_a_database": ("{path} không phải tệp cơ sở dữ liệu SQLite", "{path} is not an SQLite database file"),
    "safety.not_kehoach": ("{path} không phải bản sao lưu của kehoach", "{path} is not a kehoach backup"),
    "safety.integrity_failed": ("{path} bị hỏng ({detail}); không dùng được", "{path} is damaged ({detail}); not usable"),
    "safety.backup_failed": ("Không sao lưu được: {reason}", "Backup failed: {reason}"),
    "safety.backup_onto_itself": ("Tệp đích trùng với cơ sở dữ liệu đang dùng", "The target is the database itself"),
    "safety.restore_onto_itself": ("Tệp nguồn trùng với cơ sở dữ liệu đang dùng", "The source is the database itself"),
    "safety.restore_failed": (
        "Không khôi phục được: {reason}; cơ sở dữ liệu hiện tại không thay đổi",
        "Restore failed: {reason}; the current database is unchanged",
    ),
    "safety.backup_done": ("Đã sao lưu vào {path}", "Backed up to {path}"),
    "safety.restore_kept": ("Cơ sở dữ liệu trước khi khôi phục được giữ tại {path}", "The database before the restore is kept at {path}"),
    "safety.restore_done": (
        "Đã khôi phục {db} từ {source}: {commune}, {tasks} nhiệm vụ, {changes} thay đổi, thay đổi cuối {last}",
        "Restored {db} from {source}: {commune}, {tasks} tasks, {changes} changes, last change {last}",
    ),
    "safety.daily_backup_failed": (
        "Cảnh báo: chưa tạo được bản sao lưu hôm nay: {reason}",
        "Warning: today's backup could not be made: {reason}",
    ),
    "doctor.name.database": ("Cơ sở dữ liệu", "Database"),
    "doctor.name.integrity": ("Toàn vẹn", "Integrity"),
    "doctor.name.schema": ("Lược đồ", "Schema"),
    "doctor.name.writable": ("Ghi được", "Writable"),
    "doctor.name.backup": ("Sao lưu gần nhất", "Last backup"),
    "doctor.name.keys": ("Khóa", "Keys"),
    "doctor.name.disk": ("Ổ đĩa", "Disk"),
    "doctor.no_database": ("không có tệp {path}", "no file {path}"),
    "doctor.integrity_ok": ("quick_check: ok", "quick_check: ok"),
    "doctor.schema_ok": ("phiên bản {found} (mới nhất)", "version {found} (current)"),
    "doctor.schema_old": (
        "phiên bản {found}, sẽ nâng cấp lên {known} khi mở",
        "version {found}, upgraded to {known} when opened",
    ),
    "doctor.writable": ("{path}", "{path}"),
    "doctor.not_writable": ("không ghi được vào {path}: {reason}", "cannot write to {path}: {reason}"),
    "doctor.no_backup": ("chưa có bản sao lưu nào trong {folder}", "no backup yet in {folder}"),
    "doctor.backup_damaged": ("bản sao lưu mới nhất bị hỏng: {path}", "the newest backup is damaged: {path}"),
    "doctor.backup": ("{when} ({count} bản) — {path}", "{when} ({count} files) — {path}"),
    "doctor.no_keys": ("chưa có khóa ({folder})", "no keys yet ({folder})"),
    "doctor.keys": ("{count} tệp khóa trong {folder}", "{count} key files in {folder}"),
    "doctor.free": ("còn trống {free}", "{free} free"),
    "doctor.summary_ok": ("Dữ liệu an toàn.", "Data is safe."),
    "doctor.summary_fail": ("Có vấn đề cần xử lý (xem dòng ✗).", "Something needs attention (see the ✗ lines)."),
    "safety.read_only_mode": (
        "Chế độ chỉ đọc: thư mục dữ liệu không ghi được; xem được dữ liệu nhưng không lưu được thay đổi",
        "Read-only mode: the data folder cannot be written; you can read but not save changes",
    ),
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
