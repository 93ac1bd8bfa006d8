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
