"""The words each notice starts with; the coordinator may change them (NoticeTemplate rows)."""

from django.utils.translation import gettext_lazy as _

from .models import NoticeKind

# Variables every reminder gets: body, period_year (Báo cáo 6 tháng năm 2026; Báo cáo năm 2026), period, year,
# due_date (dd/mm/yyyy), today, days_left, days_late, notice (in words: 7 ngày trước hạn …), url (the body's form).
# Digest and leadership summaries: period_year, period, due_date, today, week, expected_count, submitted_count,
# missing_count, returned_count, url; the leadership's also committee (UBND phường An Hải: the words are the same
# for every commune, its name is not).
VARIABLES = {
    NoticeKind.BEFORE: ["body", "period_year", "period", "year", "due_date", "today", "days_left", "notice", "url"],
    NoticeKind.DUE: ["body", "period_year", "period", "year", "due_date", "today", "notice", "url"],
    NoticeKind.OVERDUE: ["body", "period_year", "period", "year", "due_date", "today", "days_late", "notice", "url"],
    NoticeKind.DIGEST: ["week", "today", "periods_count", "url"],
    NoticeKind.LEADERSHIP: [
        "committee",
        "period_year",
        "period",
        "year",
        "due_date",
        "today",
        "expected_count",
        "submitted_count",
        "missing_count",
        "returned_count",
        "url",
    ],
}

# What each variable stands for, as the legend beside each template says it.
MEANINGS = {
    "body": _("tên cơ quan, đơn vị nhận thư"),
    "period_year": _("kỳ báo cáo và năm, như câu chữ viết (Báo cáo 6 tháng năm 2026; Báo cáo năm 2026)"),
    "period": _("tên kỳ báo cáo"),
    "year": _("năm của kế hoạch"),
    "due_date": _("hạn nộp báo cáo (ngày/tháng/năm)"),
    "today": _("ngày gửi thư (ngày/tháng/năm)"),
    "days_left": _("số ngày còn lại đến hạn nộp"),
    "days_late": _("số ngày đã quá hạn nộp"),
    "notice": _("mốc nhắc (trước hạn, đúng hạn hoặc sau hạn bao nhiêu ngày)"),
    "url": _("đường dẫn đến biểu mẫu báo cáo của đơn vị trên Cổng"),
    "week": _("tuần trong năm (tuần/năm)"),
    "periods_count": _("số kỳ báo cáo đang theo dõi"),
    "expected_count": _("số đơn vị phải nộp báo cáo"),
    "submitted_count": _("số đơn vị đã nộp"),
    "missing_count": _("số đơn vị chưa nộp"),
    "returned_count": _("số báo cáo bị trả lại, chờ bổ sung"),
    "committee": _("tên Ủy ban nhân dân của xã, phường (UBND xã Cẩm Giang)"),
}
# The summaries link to the coordinator's or leadership's page, not to one body's form.
SUMMARY_URL_MEANING = _("đường dẫn đến trang theo dõi trên Cổng")

# The leadership's words before the committee's name was a variable: a commune that never edited them is moved to
# today's (migration reminders 0006), so a phường is not addressed as "UBND xã".
LEADERSHIP_BODY_BEFORE_COMMITTEE = (
    "Kính gửi Lãnh đạo UBND xã,\n\n"
    "Đến hết hạn nộp {{ period }} năm {{ year }} (ngày {{ due_date }}), {{ submitted_count }}/{{ expected_count }} "
    "đơn vị đã nộp báo cáo; {{ missing_count }} đơn vị chưa nộp; {{ returned_count }} báo cáo bị trả lại "
    "chờ bổ sung."
)

# The words wrote "{{ period }} năm {{ year }}" before period_year, which for the annual report read "Báo cáo năm
# năm 2026": words a commune never edited are moved to today's (migration reminders 0007).
PERIOD_AND_YEAR_BEFORE = "{{ period }} năm {{ year }}"

DEFAULTS: dict[str, tuple[str, str]] = {
    NoticeKind.BEFORE: (
        "Nhắc nộp {{ period_year }} – hạn {{ due_date }}",
        "Kính gửi {{ body }},\n\n"
        "Đơn vị chưa nộp {{ period_year }}. Hạn nộp là ngày {{ due_date }} (còn {{ days_left }} ngày).\n\n"
        "Đề nghị đơn vị hoàn thành và nộp báo cáo trên Cổng thực hiện dân chủ ở cơ sở: {{ url }}",
    ),
    NoticeKind.DUE: (
        "Hôm nay là hạn nộp {{ period_year }} ({{ due_date }})",
        "Kính gửi {{ body }},\n\n"
        "Hôm nay, ngày {{ due_date }}, là hạn cuối nộp {{ period_year }}; đơn vị chưa nộp báo cáo.\n\n"
        "Đề nghị đơn vị nộp báo cáo trong ngày trên Cổng thực hiện dân chủ ở cơ sở: {{ url }}",
    ),
    NoticeKind.OVERDUE: (
        "Quá hạn nộp {{ period_year }} (hạn {{ due_date }})",
        "Kính gửi {{ body }},\n\n"
        "Đơn vị đã quá hạn nộp {{ period_year }} {{ days_late }} ngày (hạn nộp ngày {{ due_date }}).\n\n"
        "Đề nghị đơn vị khẩn trương nộp báo cáo: {{ url }}\n"
        "Nếu kỳ báo cáo đã khóa, đơn vị liên hệ Phòng Văn hóa – Xã hội để được mở lại.",
    ),
    NoticeKind.DIGEST: (
        "Tổng hợp tình hình nộp báo cáo – tuần {{ week }}",
        "Kính gửi Phòng Văn hóa – Xã hội,\n\nTình hình nộp báo cáo của các đơn vị đến ngày {{ today }}:",
    ),
    NoticeKind.LEADERSHIP: (
        "Tình hình nộp {{ period_year }} sau hạn {{ due_date }}",
        "Kính gửi Lãnh đạo {{ committee }},\n\n"
        "Đến hết hạn nộp {{ period_year }} (ngày {{ due_date }}), {{ submitted_count }}/{{ expected_count }} "
        "đơn vị đã nộp báo cáo; {{ missing_count }} đơn vị chưa nộp; {{ returned_count }} báo cáo bị trả lại "
        "chờ bổ sung.",
    ),
}
