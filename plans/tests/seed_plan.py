"""The seed plan's real sentences as data: a realistic plan for PDF tests and benchmarks, built without the importer."""

from __future__ import annotations

from plans.models import Assignment, ContentArea, Duty, Item, Plan, Recipient, ReportingPeriod
from plans.tests.factories import PERIODS_2026, PlanFactory

PREAMBLE = (
    "Thực hiện Luật Thực hiện dân chủ ở cơ sở ngày 10/11/2022; Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của "
    "Chính phủ quy định chi tiết một số điều của Luật Thực hiện dân chủ ở cơ sở;\n"
    "Thực hiện Kế hoạch số 347/KH-UBND ngày 26/12/2025 của UBND thành phố Hải Phòng triển khai thực hiện Nghị "
    "quyết số 82/NQ-HĐND ngày 11/12/2025 của Hội đồng nhân dân thành phố về việc quyết định các biện pháp bảo "
    "đảm dân chủ ở cơ sở, UBND xã Cẩm Giang xây dựng Kế hoạch thực hiện dân chủ ở cơ sở trên địa bàn xã năm "
    "2026, như sau:"
)

PURPOSES = (
    "Quán triệt, triển khai thực hiện có hiệu quả chủ trương, quan điểm của Đảng, chính sách, pháp luật của Nhà "
    "nước, các văn bản của Trung ương, của thành phố về xây dựng và thực hiện dân chủ ở cơ sở nhằm tăng cường "
    "nhận thức của cán bộ, đảng viên, công chức, viên chức, người lao động và Nhân dân về dân chủ và thực hành "
    "dân chủ.\n"
    "Bảo đảm công khai, minh bạch hoạt động của cơ quan, đơn vị, địa phương, gắn với sự lãnh đạo của tổ chức "
    "đảng, sự quản lý của chính quyền; phát huy vai trò giám sát, phản biện xã hội của Mặt trận Tổ quốc, các tổ "
    "chức chính trị - xã hội và Nhân dân; bảo đảm tính đồng bộ, thống nhất, hiệu lực, hiệu quả.\n"
    "Nâng cao vai trò, trách nhiệm của người đứng đầu cơ quan, đơn vị, địa phương; phát huy quyền làm chủ của "
    "cán bộ, công chức, viên chức, người lao động, bảo đảm quyền và lợi ích hợp pháp của Nhân dân; phòng ngừa, "
    "ngăn chặn và chống các hành vi tham nhũng, lãng phí, quan liêu, sách nhiễu, gây phiền hà cho Nhân dân."
)

REQUIREMENTS = (
    "Công tác lãnh đạo, chỉ đạo, kiểm tra, đôn đốc thực hiện dân chủ ở cơ sở phải thường xuyên dưới sự lãnh đạo "
    "của cấp ủy, chính quyền xã.\n"
    "Thực hiện dân chủ ở cơ sở phải gắn liền với thực hiện nhiệm vụ chính trị của từng cơ quan, đơn vị gắn với "
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh. Dân chủ ở cơ sở phải được thực hiện thường "
    "xuyên, liên tục trên các lĩnh vực của đời sống xã hội, nhất là các lĩnh vực liên quan trực tiếp đến quyền "
    "và lợi ích hợp pháp, chính đáng của Nhân dân; đảm bảo thiết thực, hiệu quả, nghiêm túc, phù hợp với cơ "
    "quan, đơn vị; linh hoạt trong tổ chức thực hiện."
)

AREAS = [
    (
        "Tăng cường sự lãnh đạo, chỉ đạo của các cơ quan đơn vị trong thực hiện dân chủ ở cơ sở; đẩy mạnh công tác "
        "tuyên truyền, quán triệt thực hiện dân chủ cơ sở",
        [
            (
                "a",
                "Các cơ quan, đơn vị, thôn tiếp tục triển khai, quán triệt chủ trương, đường lối của Đảng, chính sách, "
                "pháp luật của Nhà nước về thực hiện dân chủ ở cơ sở, các Nghị quyết, Kết luận, Kế hoạch của Trung ương "
                "của thành phố, của xã về công tác xây dựng, chỉnh đốn Đảng, các cuộc vận động, phong trào thi đua yêu "
                "nước đến cán bộ, đảng viên, công chức, viên chức, người lao động đảm bảo đồng bộ, đi vào chiều sâu ở "
                "các loại hình cơ sở, nhất là các lĩnh vực liên quan trực tiếp đến quyền, lợi ích hợp pháp, chính đáng "
                "của Nhân dân.",
            ),
            (
                "b",
                "Đa dạng hóa các hình thức thông tin, tuyên truyền, tạo sự chuyển biến tích cực trong nhận thức và hành "
                "động của các cơ quan, đơn vị trong hệ thống chính trị, cán bộ, công chức, viên chức, người lao động về "
                "dân chủ và thực hành dân chủ; góp phần xây dựng cơ quan, đơn vị ngày càng trong sạch, vững mạnh, hoạt "
                "động hiệu lực, hiệu quả; xây dựng đội ngũ cán bộ, công chức có đủ năng lực, phẩm chất, đáp ứng yêu cầu "
                "nhiệm vụ trong tình hình mới.",
            ),
            (
                "c",
                "Thực hiện nghiêm trách nhiệm, nhiệm vụ quy định tại Quyết định số 05/QĐ-UBND, ngày 07/11/2025 Quyết "
                "định ban hành Quy chế thực hiện dân chủ ở cơ sở xã Cẩm Giang.",
            ),
            (
                "d",
                "Tổ chức thực hiện nhiệm vụ chính trị gắn với thực hiện dân chủ, cải cách hành chính, dân vận chính "
                "quyền; thực hiện tốt công tác dân vận trong thu hồi đất, bồi thường, hỗ trợ tái định cư, giải phóng mặt "
                "bằng các công trình, dự án đầu tư, đặc biệt là các dự án đầu tư trọng điểm trên địa bàn xã.",
            ),
            (
                "e",
                "Tiếp tục triển khai xây dựng các mô hình, điển hình tiên tiến trong xây dựng và thực hiện dân chủ trong "
                "các loại hình cơ sở; kịp thời biểu dương, khen thưởng, nhân rộng các điển hình tiêu biểu trong thực "
                "hiện dân chủ ở cơ sở.",
            ),
        ],
    ),
    (
        "Thực hiện dân chủ ở xã, thôn",
        [
            (
                "a",
                "UBND xã xây dựng kế hoạch thực hiện dân chủ ở cơ sở, gắn với thực hiện nhiệm vụ chính trị của địa "
                "phương; thực hiện đầy đủ, kịp thời trách nhiệm công khai thông tin đối với người dân theo quy định. Tập "
                "trung công khai các nội dung liên quan trực tiếp đến người dân trên địa bàn xã.",
            ),
            (
                "b",
                "Đảm bảo quyền tham gia của Nhân dân trong việc bàn và quyết định các nội dung để Nhân dân phát huy "
                "quyền làm chủ của mình, tích cực tham gia đóng góp ý kiến những vấn đề liên quan đến quyền lợi của Nhân "
                "dân, góp phần phát triển kinh tế, văn hóa, xã hội trên địa bàn. UBND xã phát huy vai trò tham gia của "
                "Ban thanh tra nhân dân, Ban giám sát đầu tư cộng đồng.",
            ),
            (
                "c",
                "Thực hiện tiếp công dân của Chủ tịch UBND xã theo quy định; tập trung giải quyết đơn thư khiếu nại, tố "
                "cáo, kiến nghị, phản ánh của công dân, nhất là những vụ việc phức tạp, tồn đọng, kéo dài, dư luận quan "
                "tâm; giải quyết kịp thời những bức xúc, nguyện vọng chính đáng của người dân.",
            ),
            (
                "d",
                "Tăng cường công tác cải cách hành chính tại cơ sở, trọng tâm là cải cách thủ tục hành chính, thực hiện "
                "cơ chế “một cửa”, “một cửa liên thông”, dịch vụ công trực tuyến tại cấp xã. Việc thực hiện dân chủ ở cơ "
                "sở phải gắn với công tác cải cách hành chính với triển khai bộ tiêu chí và thang điểm xã đạt chuẩn "
                "“Chính quyền thân thiện”.",
            ),
            (
                "e",
                "Nâng cao chất lượng hoạt động của Mặt trận Tổ quốc, các tổ chức chính trị - xã hội, bí thư chi bộ, "
                "trưởng thôn, trưởng ban công tác mặt trận, các đoàn thể ở thôn, thực hiện đúng quy định đối với các nội "
                "dung phải giải trình với người dân.",
            ),
        ],
    ),
    (
        "Thực hiện dân chủ trong hoạt động của cơ quan hành chính nhà nước, đơn vị sự nghiệp công lập",
        [
            (
                "a",
                "Các cơ quan, đơn vị thực hiện công khai đầy đủ các nội dung phải công khai theo quy định. Bảo đảm quyền "
                "của công chức, viên chức, người lao động và Nhân dân tham gia ý kiến, bàn và quyết định các nội dung "
                "theo quy định của pháp luật. Duy trì và nâng cao chất lượng hoạt động của Ban Thanh tra nhân dân và các "
                "tổ chức đoàn thể, qua đó phát huy vai trò đại diện của cán bộ, công chức, viên chức, người lao động tại "
                "cơ quan, đơn vị.",
            ),
            (
                "b",
                "Chỉ đạo tăng cường thực hiện dân chủ ở cơ sở gắn với đẩy mạnh cải cách thủ tục hành chính; đánh giá kết "
                "quả thực hiện dân chủ ở cơ sở gắn với đánh giá mức độ đo lường sự hài lòng của người dân, doanh nghiệp "
                "và chỉ số cải cách hành chính tại cơ quan, đơn vị, tiếp tục đổi mới phương pháp chỉ đạo, điều hành của "
                "chính quyền theo tinh thần “kiến tạo” và “phục vụ”; đẩy mạnh phát triển chính quyền điện tử, chính "
                "quyền số; nâng cao đạo đức công vụ của cán bộ, công chức, viên chức.",
            ),
            (
                "c",
                "Tiếp tục thực hiện nghiêm túc Chỉ thị số 26/CT-TTg ngày 05/9/2016 của Thủ tướng Chính phủ về tăng cường "
                "kỷ luật, kỷ cương trong cơ quan hành chính nhà nước gắn với phát động thi đua thực hiện thắng lợi mục "
                "tiêu, nhiệm vụ phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh.",
            ),
            (
                "d",
                "Người đứng đầu cơ quan, đơn vị chủ trì tổ chức hội nghị cán bộ, công chức, viên chức của cơ quan, đơn "
                "vị.",
            ),
            (
                "đ",
                "Kịp thời sửa đổi, bổ sung hoặc ban hành mới Quy chế thực hiện dân chủ, quy chế làm việc, quy chế chi "
                "tiêu nội bộ, nội quy, quy chế tiếp công dân của đơn vị. Thực hiện sơ kết, tổng kết việc thực hiện dân "
                "chủ ở cơ sở, nhân rộng gương điển hình tiên tiến.",
            ),
            (
                "e",
                "Giữ vững đoàn kết nội bộ, phát huy quyền làm chủ, khuyến khích và tạo điều kiện cho người lao động nâng "
                "cao hiểu biết về quyền và nghĩa vụ, trách nhiệm trước pháp luật, nghiêm chỉnh chấp hành nội quy, quy "
                "chế của cơ quan, đơn vị.",
            ),
        ],
    ),
]

AREA_BODIES = "Các cơ quan, đơn vị trực thuộc UBND xã; các thôn trên địa bàn xã."

AREA_TIMING = "Thường xuyên trong năm 2026."

DUTIES = [
    (
        "Phòng Văn hóa – Xã hội",
        "Theo dõi, đôn đốc các phòng chuyên môn, đơn vị triển khai thực hiện Kế hoạch này; tổng hợp, tham mưu UBND "
        "xã báo cáo kết quả triển khai thực hiện dân chủ cơ sở theo quy định. Tham mưu kiểm tra việc thực hiện dân "
        "chủ đối với các phòng, đơn vị trên địa bàn xã hoặc lồng ghép với kế hoạch kiểm tra theo chức năng, nhiệm "
        "vụ. Phối hợp với Ủy ban Mặt trận Tổ quốc cùng cấp thông tin, tuyên truyền, triển khai thực hiện dân chủ ở "
        "cơ sở đối với cán bộ, công chức và nhân dân trên địa bàn.",
    ),
    (
        "Các phòng cơ quan, đơn vị thuộc UBND xã",
        "Theo chức năng, nhiệm vụ tổ chức triển khai thực hiện có hiệu quả nội dung Kế hoạch này. Theo dõi, hướng "
        "dẫn, đôn đốc cán bộ công chức thực hiện dân chủ tại cơ quan, đơn vị theo quy định, phù hợp với đặc thù "
        "của ngành, lĩnh vực và tình hình thực tiễn.",
    ),
    (
        "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã",
        "Tổ chức vận động Nhân dân thực hiện dân chủ ở cơ sở, hương ước, quy ước của cộng đồng dân cư.\n"
        "Thực hiện giám sát, phản biện xã hội trong việc thực hiện chính sách, pháp luật về thực hiện dân chủ. "
        "Tiếp nhận, tổng hợp phản ánh, kiến nghị của Nhân dân về thực hiện dân chủ ở cơ sở để chuyển đến cơ quan "
        "nhà nước có thẩm quyền và giám sát quá trình giải quyết phản ánh, kiến nghị của Nhân dân.",
    ),
]

REPORTING = (
    "Các cơ quan, đơn vị trên địa bàn báo cáo tình hình, kết quả thực hiện 6 tháng, hằng năm theo quy định (báo "
    "cáo 6 tháng trước ngày 05/6, báo cáo 9 tháng trước 10/9, báo cáo năm trước 10/11) về UBND xã (Qua Phòng "
    "Văn hóa – Xã hội)./."
)

RECIPIENTS = [
    "Thường trực Đảng ủy;",
    "Thường trực HĐND;",
    "Chủ tịch, các PCT UBND xã;",
    "Ủy ban MTTQ, các tổ chức CT-XH xã;",
    "Các cơ quan, đơn vị thuộc UBND xã;",
    "Các thôn trên địa bàn xã;",
    "Trang thông tin điện tử xã;",
    "Lưu VT.",
]


def seed_like_plan(bodies=(), *, number: str = "", day: int | None = None) -> Plan:
    """The seed plan (3 areas, 5 + 5 + 6 items, 3 duties, 8 recipients) with every item assigned to `bodies`."""
    plan = PlanFactory(
        number=number,
        date_day=day,
        preamble=PREAMBLE,
        purposes=PURPOSES,
        requirements=REQUIREMENTS,
        reporting_text=REPORTING,
    )
    for order, (code, label, start, end, due) in enumerate(PERIODS_2026, start=1):
        ReportingPeriod.objects.create(
            plan=plan, code=code, label=label, start=start, end=end, due_date=due, order=order
        )
    for area_order, (title, items) in enumerate(AREAS, start=1):
        area = ContentArea.objects.create(
            plan=plan,
            number=str(area_order),
            title=title,
            bodies_text=AREA_BODIES,
            timing=AREA_TIMING,
            order=area_order,
        )
        created = Item.objects.bulk_create(
            Item(area=area, label=label, text=text, order=index) for index, (label, text) in enumerate(items, start=1)
        )
        Assignment.objects.bulk_create(Assignment(item=item, body=body) for item in created for body in bodies)
    for order, (heading, text) in enumerate(DUTIES, start=1):
        Duty.objects.create(plan=plan, number=str(order), heading=heading, text=text, order=order)
    Recipient.objects.bulk_create(
        Recipient(plan=plan, text=text, order=order) for order, text in enumerate(RECIPIENTS, start=1)
    )
    return plan
