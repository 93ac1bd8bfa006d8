"""The e-mail for one outbox item: a subject the province can sort by (commune code, name,
bundle number), a short body with the counts and the period, the file attached."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import formatdate, make_msgid

from ..config import fmt_datetime
from ..domain.numbers import fmt_size
from ..i18n import t
from ..safe import one_line
from .outbox import OutboxItem
from .settings import MailSettings

BUNDLE_TYPE = ("application", "octet-stream")
REPORT_TYPES = {
    ".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".pdf": ("application", "pdf"),
    ".csv": ("text", "csv"),
    ".md": ("text", "markdown"),
}


class _WirePolicy(EmailPolicy):
    """The standard policy, except that the Message-ID is never folded. A 67–77 character id
    does not fit after "Message-ID: " on a 78-column line, so the email package moves it to a
    continuation line, and reads it back with a leading space: the id the outbox recorded
    would not be the one the province receives. One line of up to 998 is allowed (RFC 5322)."""

    def fold(self, name, value):
        if name.lower() == "message-id":
            return f"{name}: {str(value).strip()}{self.linesep}"
        return super().fold(name, value)

    def fold_binary(self, name, value):
        if name.lower() == "message-id":
            return self.fold(name, value).encode("utf-8" if self.utf8 else "ascii", "surrogateescape")
        return super().fold_binary(name, value)


WIRE_POLICY = _WirePolicy()


def new_message_id(settings: MailSettings, commune_code: str, item_id: int) -> str:
    domain = settings.sender.rsplit("@", 1)[-1]
    return make_msgid(idstring=f"kehoach.{commune_code or 'x'}.{item_id}", domain=domain)


def subject(item: OutboxItem, *, commune_code: str, commune_name: str, number: int) -> str:
    if item.kind == "bundle":
        s = item.summary
        return one_line(t("mail.subject_bundle", code=commune_code, name=commune_name, number=number,
                          seq_from=s.get("seq_from", "?"), seq_to=s.get("seq_to", "?")), 200)
    return one_line(t("mail.subject_report", code=commune_code, name=commune_name, label=item.label), 200)


def body(item: OutboxItem, *, commune_code: str, commune_name: str, province_name: str) -> str:
    lines = [t("mail.body_greeting"), ""]
    size = fmt_size(item.size)
    if item.kind == "bundle":
        s = item.summary
        counts = ", ".join(f"{entity}: {n}" for entity, n in sorted(s.get("counts", {}).items())) or "0"
        lines += [
            t("mail.body_bundle", name=commune_name, code=commune_code, province=province_name),
            t("mail.body_range", seq_from=s.get("seq_from", "?"), seq_to=s.get("seq_to", "?"),
              created=fmt_datetime(s.get("created_at")) or "?",
              kind=t("mail.kind_full") if s.get("kind") == "full" else t("mail.kind_incremental")),
            t("mail.body_counts", records=s.get("records", 0), counts=counts),
        ]
    else:
        lines.append(t("mail.body_report", name=commune_name, code=commune_code, label=item.label))
        if item.period:
            lines.append(t("mail.body_period", period=item.period))
    lines += [t("mail.body_file", file=item.file_name, size=size, sha=item.sha256), ""]
    if item.kind == "bundle":
        lines += [t("mail.body_import"), ""]
    lines.append(t("mail.body_footer"))
    return "\n".join(lines) + "\n"


def build_message(item: OutboxItem, data: bytes, settings: MailSettings, *, message_id: str,
                  commune_code: str, commune_name: str, province_name: str, number: int) -> EmailMessage:
    msg = EmailMessage(policy=WIRE_POLICY)
    msg["Subject"] = subject(item, commune_code=commune_code, commune_name=commune_name, number=number)
    msg["From"] = settings.sender
    msg["To"] = ", ".join(settings.recipients)
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = message_id
    msg["X-Kehoach-Commune"] = commune_code
    msg["X-Kehoach-Kind"] = item.kind
    msg["X-Kehoach-SHA256"] = item.sha256
    if item.kind == "bundle":
        msg["X-Kehoach-Seq"] = f"{item.summary.get('seq_from', '')}-{item.summary.get('seq_to', '')}"
    msg.set_content(body(item, commune_code=commune_code, commune_name=commune_name, province_name=province_name))
    suffix = "." + item.file_name.rsplit(".", 1)[-1].lower() if "." in item.file_name else ""
    maintype, subtype = BUNDLE_TYPE if item.kind == "bundle" else REPORT_TYPES.get(suffix, BUNDLE_TYPE)
    msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=item.file_name)
    return msg
