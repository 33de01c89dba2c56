"""The plan as data: implementing bodies, their members, the plan's structure, assignments and tasks."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from camgiang_portal import decree30
from communes.scoping import CommuneScoped

# Vietnamese alphabetical order of item letters: "đ" sorts between "d" and "e".
ITEM_LETTERS = [
    "a",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "g",
    "h",
    "i",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "x",
    "y",
]


def letter_order(label: str) -> int:
    """Position of an item label in Vietnamese order; unknown labels sort last, in their own order."""
    label = label.strip().lower()
    if label in ITEM_LETTERS:
        return ITEM_LETTERS.index(label) + 1
    return 100


CODE_SEPARATOR = "--"


def body_code(commune, code: str) -> str:
    """A body's platform-wide code for a commune other than the home one: "an-hai--thon-1"."""
    return f"{commune.slug}{CODE_SEPARATOR}{code}"


class Body(CommuneScoped):
    """An implementing body (cơ quan, đơn vị, thôn, tổ chức) named by the plan."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Phòng, ban, đơn vị thuộc UBND xã")
        VILLAGE = "village", _("Thôn, tổ dân phố")
        ORGANISATION = "organisation", _("Mặt trận Tổ quốc, tổ chức chính trị - xã hội")
        LEADERSHIP = "leadership", _("Lãnh đạo UBND xã")

    commune = models.ForeignKey(
        "communes.Commune", on_delete=models.PROTECT, related_name="bodies", verbose_name=_("xã, phường")
    )
    # Names repeat from commune to commune ("Phòng Văn hóa – Xã hội"), so they are unique per commune. Codes
    # stay unique platform-wide: the body's group is named after its code, and lookups by code are global
    # (another commune's bodies are "<slug>--<code>", see plans.onboarding).
    name = models.CharField(_("tên"), max_length=255)
    code = models.SlugField(_("mã"), max_length=40, unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    email = models.EmailField(_("thư điện tử liên hệ"), blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_front = models.BooleanField(
        _("là Ủy ban MTTQ"), default=False, help_text=_("Cơ quan tiếp nhận và giám sát phản ánh, kiến nghị.")
    )
    is_coordinator = models.BooleanField(
        _("là cơ quan đầu mối"),
        default=False,
        help_text=_("Cơ quan theo dõi, tổng hợp báo cáo (Phòng Văn hóa – Xã hội)."),
    )
    needs_confirmation = models.BooleanField(
        _("chờ xác nhận"), default=False, help_text=_("Được tạo khi nhập kế hoạch; cán bộ đầu mối cần xác nhận.")
    )
    group = models.OneToOneField(
        Group, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="body"
    )

    class Meta:
        ordering = ["kind", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["commune", "name"], name="body_unique_name_per_commune")]
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plans:body", args=[self.pk])

    @property
    def group_name(self) -> str:
        return f"body:{self.code}"


class Role(models.TextChoices):
    LEADERSHIP = "leadership", _("Lãnh đạo UBND xã")
    COORDINATOR = "coordinator", _("Cán bộ Phòng Văn hóa – Xã hội (đầu mối)")
    DEPARTMENT = "department", _("Cán bộ phòng, ban")
    VILLAGE_HEAD = "village_head", _("Trưởng thôn")
    MTTQ = "mttq", _("Ủy ban MTTQ")
    ADMIN = "admin", _("Quản trị hệ thống")


class Membership(CommuneScoped):
    """Which body a user belongs to (at most one) and the role they hold there."""

    commune_path = "body__commune"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships")
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên")

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"

    @property
    def group_name(self) -> str:
        return f"role:{self.role}"


class Plan(CommuneScoped):
    """A commune's yearly plan for implementing grassroots democracy (Kế hoạch thực hiện dân chủ ở cơ sở)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ISSUED = "issued", _("Đã ban hành")
        SUPERSEDED = "superseded", _("Đã được thay thế")

    commune = models.ForeignKey(
        "communes.Commune", on_delete=models.PROTECT, related_name="plans", verbose_name=_("xã, phường")
    )
    # The name as the plan's own text writes it ("Cẩm Giang", without "xã"): what its headings print.
    commune_name = models.CharField(_("tên xã, phường trong văn bản"), max_length=120)
    unit_kind = models.CharField(_("cấp"), max_length=20, default="xã")
    village_word = models.CharField(_("tên gọi thôn"), max_length=30, default="thôn")
    organisation_parent = models.CharField(_("cơ quan chủ quản"), max_length=255, blank=True)
    organisation = models.CharField(_("cơ quan ban hành"), max_length=255)
    year = models.PositiveSmallIntegerField(_("năm kế hoạch"))
    number = models.CharField(_("số"), max_length=20, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=40, default="KH-UBND")
    place = models.CharField(_("địa danh"), max_length=120)
    date_day = models.PositiveSmallIntegerField(_("ngày"), null=True, blank=True)
    date_month = models.PositiveSmallIntegerField(_("tháng"), null=True, blank=True)
    date_year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    title = models.TextField(_("trích yếu"))
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    preamble = models.TextField(_("căn cứ (đoạn mở đầu)"), blank=True)
    purposes = models.TextField(_("mục đích"), blank=True)
    requirements = models.TextField(_("yêu cầu"), blank=True)
    reporting_text = models.TextField(_("chế độ báo cáo"), blank=True)
    reporting_via = models.ForeignKey(
        Body, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("báo cáo qua")
    )
    sign_authority = models.CharField(_("thẩm quyền ký"), max_length=120, blank=True)
    sign_delegation = models.CharField(_("ký thay"), max_length=120, blank=True)
    sign_position = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    source_name = models.CharField(_("tệp nguồn"), max_length=255, blank=True)
    source_text = models.TextField(_("văn bản nguồn"), blank=True)
    supersedes = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("thay thế kế hoạch"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-created_at"]
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        permissions = [
            ("issue_plan", _("Ban hành kế hoạch")),
            ("view_audit", _("Xem lịch sử thay đổi")),
        ]

    def __str__(self) -> str:
        return self.full_title

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.pk])

    @property
    def full_title(self) -> str:
        return f"Kế hoạch {self.title}"

    @property
    def number_symbol(self) -> str:
        """ "12/KH-UBND", or "  /KH-UBND" with the number left blank while a draft."""
        return decree30.number_symbol(self.number, self.symbol)

    @property
    def date_line(self) -> str:
        """The place-and-date line as Decree 30 writes it, blanks kept for a date not yet set."""
        return decree30.date_line(self.place, self.date_day, self.date_month, self.date_year)


class LegalBasis(CommuneScoped):
    """A legal document the plan rests on (preamble) or refers to inside an item."""

    commune_path = "plan__commune"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="legal_bases")
    doc_type = models.CharField(_("loại văn bản"), max_length=60)
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    title = models.TextField(_("trích yếu"), blank=True)
    in_preamble = models.BooleanField(_("là căn cứ"), default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "-in_preamble", "order"]
        verbose_name = _("căn cứ pháp lý")
        verbose_name_plural = _("căn cứ pháp lý")

    def __str__(self) -> str:
        return " ".join(part for part in [self.doc_type, self.number] if part)


class ContentArea(CommuneScoped):
    """A content area of section II (II.1, II.2, …) with its implementing bodies and timing."""

    commune_path = "plan__commune"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="areas")
    number = models.CharField(_("số"), max_length=10)
    title = models.TextField(_("tên nội dung"))
    bodies_text = models.TextField(_("cơ quan thực hiện"), blank=True)
    timing = models.CharField(_("thời gian thực hiện"), max_length=255, blank=True)
    weight = models.PositiveSmallIntegerField(_("trọng số"), default=1)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="area_unique_number")]
        verbose_name = _("nội dung thực hiện")
        verbose_name_plural = _("nội dung thực hiện")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Item(CommuneScoped):
    """A lettered item (task) of a content area."""

    commune_path = "area__plan__commune"

    area = models.ForeignKey(ContentArea, on_delete=models.CASCADE, related_name="items")
    label = models.CharField(_("ký hiệu"), max_length=8)
    text = models.TextField(_("nội dung"))
    timing = models.CharField(_("thời gian"), max_length=255, blank=True)
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    basis = models.TextField(_("căn cứ"), blank=True)
    weight = models.PositiveSmallIntegerField(_("trọng số"), default=1)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["area__order", "order"]
        constraints = [models.UniqueConstraint(fields=["area", "label"], name="item_unique_label")]
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")

    def __str__(self) -> str:
        return f"{self.area.number}.{self.label}) {self.text[:80]}"

    @property
    def effective_timing(self) -> str:
        """When the item is done: its own timing, else its area's ("Thường xuyên trong năm 2026")."""
        return self.timing or self.area.timing

    @property
    def code(self) -> str:
        """ "II.2.đ"-style reference used in reports and spreadsheets."""
        return f"{self.area.number}.{self.label}"


class Duty(CommuneScoped):
    """A body's role in section III (Tổ chức thực hiện)."""

    commune_path = "plan__commune"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="duties")
    number = models.CharField(_("số"), max_length=10)
    heading = models.CharField(_("tiêu đề"), max_length=255)
    body = models.ForeignKey(Body, on_delete=models.SET_NULL, null=True, blank=True, related_name="duties")
    text = models.TextField(_("nhiệm vụ"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("trách nhiệm tổ chức thực hiện")
        verbose_name_plural = _("trách nhiệm tổ chức thực hiện")

    def __str__(self) -> str:
        return self.heading


class ReportingPeriod(CommuneScoped):
    """A periodic report the plan requires (III.4): what span it covers and when it is due."""

    commune_path = "plan__commune"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="periods")
    code = models.CharField(_("mã"), max_length=20)
    label = models.CharField(_("tên kỳ báo cáo"), max_length=120)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    due_date = models.DateField(_("hạn nộp"))
    grace_days = models.PositiveSmallIntegerField(
        _("số ngày gia hạn"), default=0, help_text=_("Kỳ báo cáo khóa sau hạn nộp cộng số ngày này.")
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "due_date"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="period_unique_code")]
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")

    def __str__(self) -> str:
        return f"{self.label} {self.plan.year}"


class Recipient(CommuneScoped):
    """A line of the "Nơi nhận" block, in the document's order."""

    commune_path = "plan__commune"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="recipients")
    text = models.CharField(_("nơi nhận"), max_length=255)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("nơi nhận")
        verbose_name_plural = _("nơi nhận")

    def __str__(self) -> str:
        return self.text


class Assignment(CommuneScoped):
    """An item assigned to a body, with the body's role in it."""

    commune_path = "item__area__plan__commune"

    class Role(models.TextChoices):
        LEAD = "lead", _("Chủ trì")
        IMPLEMENT = "implement", _("Thực hiện")
        COORDINATE = "coordinate", _("Phối hợp")
        SUPERVISE = "supervise", _("Giám sát")

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("nhiệm vụ"))
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("cơ quan, đơn vị")
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, default=Role.IMPLEMENT)
    history = HistoricalRecords()

    class Meta:
        ordering = ["item__area__order", "item__order", "body__kind", "body__order", "body__name"]
        constraints = [models.UniqueConstraint(fields=["item", "body"], name="assignment_unique_item_body")]
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")

    def __str__(self) -> str:
        return f"{self.item.code} – {self.body} ({self.get_role_display()})"


class Task(CommuneScoped):
    """What a body owes for one assignment in one reporting period (continuous items recur each period)."""

    commune_path = "period__plan__commune"

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="tasks")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="tasks")
    due_date = models.DateField(_("hạn"))

    class Meta:
        ordering = ["period__order", "assignment__item__area__order", "assignment__item__order"]
        constraints = [models.UniqueConstraint(fields=["assignment", "period"], name="task_unique_assignment_period")]
        verbose_name = _("nhiệm vụ theo kỳ")
        verbose_name_plural = _("nhiệm vụ theo kỳ")

    def __str__(self) -> str:
        return f"{self.assignment} – {self.period.label}"
