"""What the demo's bodies write in their forms: text banks keyed by the plan's item (area number and letter
of the seed plan, plans/fixtures/ke-hoach-dan-chu-co-so-2026.md) and by the kind of body, so that each text
fits the item it is written under. Placeholders take the body's own figures, months and names, so the
sentences vary from body to body and period to period (the consolidated report groups identical texts)."""

from __future__ import annotations

import random

# Kinds of writer: a village (thôn), a department of the commune, the MTTQ and the other organisations.
VILLAGE, DEPARTMENT, FRONT = "village", "department", "front"

# (area number, item letter) → kind → templates. Placeholders: see `context` in reports.demo.
DONE: dict[tuple[str, str], dict[str, list[str]]] = {
    ("1", "a"): {
        VILLAGE: [
            "Phối hợp Chi bộ {place} tổ chức {hoi_nghi} hội nghị quán triệt chủ trương, đường lối của Đảng, chính sách, "
            "pháp luật của Nhà nước về thực hiện dân chủ ở cơ sở, có {nguoi} lượt cán bộ, đảng viên và Nhân dân tham dự.",
            "Lồng ghép tuyên truyền Luật Thực hiện dân chủ ở cơ sở và các nghị quyết của Đảng ủy xã trong {hoi_nghi} buổi "
            "sinh hoạt chi bộ, họp thôn, với {nguoi} lượt người dự; hội nghị gần nhất tổ chức {month}.",
            "Tổ chức {hoi_nghi} buổi quán triệt Nghị quyết của Đảng ủy xã và Kế hoạch thực hiện dân chủ ở cơ sở năm {year} "
            "tại nhà văn hóa {place}, thu hút {nguoi} lượt đảng viên và Nhân dân tham dự.",
        ],
        DEPARTMENT: [
            "Tổ chức {hoi_nghi} buổi quán triệt chủ trương của Đảng, chính sách, pháp luật về thực hiện dân chủ ở cơ sở "
            "cho công chức, người lao động của {body} ({nguoi} lượt người dự).",
            "Quán triệt Kế hoạch thực hiện dân chủ ở cơ sở năm {year} của UBND xã tại {hoi_nghi} cuộc họp giao ban cơ quan, "
            "với {nguoi} lượt công chức, người lao động tham dự.",
        ],
        FRONT: [
            "Phối hợp tổ chức {hoi_nghi} hội nghị tuyên truyền, quán triệt Luật Thực hiện dân chủ ở cơ sở cho cán bộ "
            "Mặt trận, các đoàn thể và Ban Công tác Mặt trận các thôn, với {nguoi} lượt người tham dự.",
            "Tổ chức {hoi_nghi} hội nghị phổ biến chủ trương của Đảng, pháp luật về dân chủ ở cơ sở tới đoàn viên, "
            "hội viên ({nguoi} lượt người dự), lồng ghép với sinh hoạt định kỳ của các chi hội.",
        ],
    },
    ("1", "b"): {
        VILLAGE: [
            "Duy trì {loa} buổi phát thanh trên hệ thống loa truyền thanh thôn về dân chủ ở cơ sở; thông báo kịp thời "
            "chủ trương, chính sách tới các hộ qua nhóm Zalo của {place}.",
            "Treo {bang} băng rôn, khẩu hiệu tuyên truyền tại nhà văn hóa và các trục đường chính của {place}; đăng tin "
            "về dân chủ ở cơ sở trên nhóm Zalo của thôn.",
        ],
        DEPARTMENT: [
            "Đăng tải {tin} tin, bài về thực hiện dân chủ ở cơ sở và cải cách hành chính trên Trang thông tin điện tử xã; "
            "cung cấp tài liệu tuyên truyền cho các thôn.",
            "Phối hợp Đài truyền thanh xã phát chuyên mục “Dân chủ ở cơ sở” hai tuần một lần ({loa} buổi); cập nhật tài "
            "liệu hỏi – đáp về Luật Thực hiện dân chủ ở cơ sở lên Trang thông tin điện tử xã.",
        ],
        FRONT: [
            "Phát hành {tin} số bản tin Mặt trận, lồng ghép nội dung về dân chủ ở cơ sở và cuộc vận động “Toàn dân đoàn "
            "kết xây dựng nông thôn mới, đô thị văn minh”.",
        ],
    },
    ("1", "c"): {
        VILLAGE: [
            "Niêm yết Quy chế thực hiện dân chủ ở cơ sở xã (Quyết định số 05/QĐ-UBND) tại nhà văn hóa thôn; phổ biến tại "
            "cuộc họp thôn {month} và hướng dẫn các hộ thực hiện.",
            "Rà soát hương ước, quy ước của {place} cho phù hợp với Quy chế thực hiện dân chủ ở cơ sở xã; lấy ý kiến các "
            "hộ tại cuộc họp thôn {month}.",
        ],
        DEPARTMENT: [
            "Thực hiện đúng trách nhiệm của {body} theo Quy chế thực hiện dân chủ ở cơ sở xã ban hành kèm theo Quyết định "
            "số 05/QĐ-UBND; trong kỳ không có trường hợp vi phạm phải xử lý.",
            "Phân công công chức theo dõi việc thực hiện Quy chế dân chủ ở cơ sở trong lĩnh vực phụ trách; báo cáo lãnh "
            "đạo UBND xã tại giao ban {month}.",
        ],
        FRONT: [
            "Giám sát việc thực hiện Quy chế dân chủ ở cơ sở xã tại {thon} thôn; kiến nghị các thôn cập nhật nội dung "
            "niêm yết tại nhà văn hóa.",
        ],
    },
    ("1", "d"): {
        VILLAGE: [
            "Vận động {ho} hộ dân bàn giao mặt bằng thi công tuyến đường liên thôn; tổ chức đối thoại với các hộ có đất "
            "bị thu hồi, không phát sinh đơn thư vượt cấp.",
            "Phối hợp tổ công tác của xã tuyên truyền, vận động {ho} hộ thực hiện chính sách bồi thường, hỗ trợ khi thu "
            "hồi đất làm kênh tưới tiêu; phương án bồi thường được niêm yết tại nhà văn hóa thôn.",
            "Gắn nhiệm vụ chính trị của thôn với công tác dân vận; vận động {ho} hộ hiến đất mở rộng đường ngõ xóm của "
            "{place}.",
        ],
        DEPARTMENT: [
            "Phối hợp tổ chức {doi_thoai} cuộc đối thoại với các hộ có đất bị thu hồi; công khai phương án bồi thường, "
            "hỗ trợ, tái định cư theo quy định.",
            "Thực hiện dân vận chính quyền trong tiếp nhận, giải quyết hồ sơ; trong kỳ không phát sinh phản ánh về thái "
            "độ phục vụ của công chức {body}.",
        ],
        FRONT: [
            "Cử đại diện Mặt trận tham gia Hội đồng bồi thường, hỗ trợ, tái định cư; giám sát việc công khai phương án "
            "bồi thường tại {thon} thôn có dự án.",
        ],
    },
    ("1", "e"): {
        VILLAGE: [
            "Duy trì mô hình “Dân vận khéo” giữ gìn vệ sinh môi trường của {place}; {mo_hinh}.",
            "Xây dựng mô hình “Con đường hoa” do chi hội phụ nữ {place} đảm nhận; {mo_hinh}.",
        ],
        DEPARTMENT: [
            "Đăng ký mô hình “Dân vận khéo” trong giải quyết thủ tục hành chính của {body}; {mo_hinh}.",
        ],
        FRONT: [
            "Phát hiện, giới thiệu các điển hình tiên tiến trong thực hiện dân chủ ở cơ sở; {mo_hinh}.",
        ],
    },
    ("2", "a"): {
        VILLAGE: [
            "Niêm yết công khai {cong_khai} nội dung tại nhà văn hóa thôn (thu, chi quỹ thôn, danh sách hộ nghèo, hộ cận "
            "nghèo, kế hoạch sử dụng đất) và thông báo trên loa truyền thanh.",
            "Công khai {cong_khai} nội dung theo quy định, trong đó có kết quả bình xét hộ nghèo, hộ cận nghèo và các "
            "khoản đóng góp của Nhân dân {place} năm {year}.",
        ],
        DEPARTMENT: [
            "Tham mưu UBND xã công khai {cong_khai} nội dung trên Trang thông tin điện tử và tại trụ sở (dự toán ngân "
            "sách, thủ tục hành chính, kế hoạch sử dụng đất).",
            "Công khai {cong_khai} nội dung thuộc lĩnh vực {body} phụ trách, niêm yết tại trụ sở UBND xã đủ 30 ngày "
            "theo quy định.",
        ],
        FRONT: [
            "Giám sát việc công khai {cong_khai} nội dung của UBND xã và các thôn; đề nghị bổ sung thời gian niêm yết tại "
            "một số thôn.",
        ],
    },
    ("2", "b"): {
        VILLAGE: [
            "Tổ chức {hop} cuộc họp thôn để Nhân dân bàn và quyết định mức đóng góp xây dựng đường giao thông nội đồng; "
            "{phan_tram}% hộ gia đình tham dự và biểu quyết thông qua.",
            "Họp thôn {hop} lần bàn và quyết định chủ trương, mức đóng góp sửa chữa nhà văn hóa thôn; kết quả biểu quyết "
            "được lập biên bản gửi UBND xã.",
            "Nhân dân {place} bàn và quyết định bầu Ban Giám sát đầu tư của cộng đồng và thông qua hương ước sửa đổi tại "
            "{hop} cuộc họp thôn ({month}).",
        ],
        DEPARTMENT: [
            "Hướng dẫn các thôn trình tự họp bàn, biểu quyết những nội dung Nhân dân bàn và quyết định; tổng hợp biên bản "
            "họp của {thon} thôn trình UBND xã.",
        ],
        FRONT: [
            "Ban Công tác Mặt trận {thon} thôn phối hợp trưởng thôn tổ chức cho Nhân dân bàn và quyết định, giám sát việc "
            "lấy ý kiến và kiểm phiếu.",
        ],
    },
    ("2", "c"): {
        VILLAGE: [
            "Tiếp nhận {don} đơn kiến nghị, phản ánh của Nhân dân; hòa giải thành {giai_quyet} vụ tại thôn, báo cáo UBND "
            "xã những nội dung vượt thẩm quyền.",
            "Tổ hòa giải {place} tiếp nhận {don} đơn, giải quyết xong {giai_quyet} đơn; không có đơn khiếu nại, tố cáo "
            "vượt cấp.",
        ],
        DEPARTMENT: [
            "Tiếp nhận {don} đơn kiến nghị, phản ánh thuộc lĩnh vực phụ trách, đã giải quyết {giai_quyet} đơn; tham gia "
            "{tiep} buổi tiếp công dân của Chủ tịch UBND xã.",
            "Tham mưu Chủ tịch UBND xã tổ chức {tiep} buổi tiếp công dân định kỳ; tiếp nhận {don} đơn, đã giải quyết "
            "{giai_quyet} đơn, số còn lại đang trong thời hạn giải quyết.",
        ],
        FRONT: [
            "Tiếp nhận {don} ý kiến, kiến nghị của Nhân dân qua tiếp xúc cử tri và hòm thư góp ý; chuyển cơ quan có thẩm "
            "quyền và theo dõi, đã có kết quả giải quyết {giai_quyet} kiến nghị.",
        ],
    },
    ("2", "d"): {
        VILLAGE: [
            "Tổ công nghệ số cộng đồng {place} hướng dẫn {luot} lượt người dân nộp hồ sơ trực tuyến và kích hoạt tài "
            "khoản định danh điện tử VNeID.",
            "Tuyên truyền, hướng dẫn Nhân dân sử dụng dịch vụ công trực tuyến; hỗ trợ {luot} lượt người cao tuổi làm thủ "
            "tục qua ứng dụng VNeID.",
        ],
        DEPARTMENT: [
            "Tiếp nhận {ho_so} hồ sơ thủ tục hành chính qua bộ phận một cửa, trong đó {truc_tuyen} hồ sơ nộp trực "
            "tuyến; tỷ lệ giải quyết đúng hạn đạt {dung_han}%.",
            "Giải quyết thủ tục hành chính thuộc lĩnh vực phụ trách theo cơ chế “một cửa”, “một cửa liên thông”; "
            "{dung_han}% hồ sơ trả kết quả đúng hạn.",
        ],
        FRONT: [
            "Giám sát việc giải quyết thủ tục hành chính tại Trung tâm Phục vụ hành chính công; lấy ý kiến {luot} lượt "
            "người dân về sự hài lòng.",
        ],
    },
    ("2", "e"): {
        VILLAGE: [
            "Ban Thanh tra nhân dân thôn giám sát {ttnd} cuộc (thu, chi quỹ thôn, bình xét hộ nghèo); Ban Giám sát đầu "
            "tư của cộng đồng giám sát {gsdtcd} công trình trên địa bàn {place}.",
            "Trưởng thôn giải trình với Nhân dân tại cuộc họp thôn {month} về việc sử dụng kinh phí sửa chữa nhà văn hóa; "
            "Ban Thanh tra nhân dân thực hiện {ttnd} cuộc giám sát.",
        ],
        DEPARTMENT: [
            "Cung cấp hồ sơ, tạo điều kiện để Ban Thanh tra nhân dân xã thực hiện {ttnd} cuộc giám sát và Ban Giám sát "
            "đầu tư của cộng đồng giám sát {gsdtcd} công trình.",
        ],
        FRONT: [
            "Chỉ đạo Ban Thanh tra nhân dân thực hiện {ttnd} cuộc giám sát, Ban Giám sát đầu tư của cộng đồng giám sát "
            "{gsdtcd} công trình; kiến nghị khắc phục các tồn tại phát hiện qua giám sát.",
        ],
    },
    ("3", "a"): {
        VILLAGE: [
            "Công khai các khoản thu, chi của {place} và kết quả bình xét thi đua tại cuộc họp thôn {month}; tạo điều "
            "kiện để Ban Thanh tra nhân dân thôn hoạt động.",
        ],
        DEPARTMENT: [
            "Công khai tại {body} kế hoạch công tác, kinh phí hoạt động, kết quả đánh giá, xếp loại công chức; công chức, "
            "người lao động được tham gia ý kiến trước khi quyết định.",
            "Niêm yết tại {body} các nội dung phải công khai với công chức, người lao động; lấy ý kiến tập thể trước khi "
            "phân công nhiệm vụ {month}.",
        ],
        FRONT: [
            "Duy trì hoạt động của Ban Thanh tra nhân dân xã; tham gia ý kiến vào các nội dung công khai của cơ quan hành "
            "chính theo quy định.",
        ],
    },
    ("3", "b"): {
        VILLAGE: [
            "Hướng dẫn người dân {place} đánh giá mức độ hài lòng khi giải quyết thủ tục hành chính qua mã QR tại Trung "
            "tâm Phục vụ hành chính công.",
            "Tuyên truyền tại cuộc họp thôn {month} về việc đánh giá sự hài lòng đối với cơ quan hành chính; {luot} lượt "
            "người dân được hướng dẫn.",
        ],
        DEPARTMENT: [
            "Khảo sát sự hài lòng của người dân, doanh nghiệp: {hai_long}% ý kiến hài lòng với việc giải quyết thủ tục "
            "hành chính; tiếp tục đẩy mạnh chính quyền số.",
            "Gắn thực hiện dân chủ với cải cách thủ tục hành chính; số hóa hồ sơ, trả kết quả điện tử, {hai_long}% người "
            "dân được khảo sát hài lòng.",
        ],
        FRONT: [
            "Tham gia đánh giá mức độ hài lòng của người dân đối với sự phục vụ của cơ quan hành chính; tổng hợp ý kiến "
            "gửi UBND xã.",
        ],
    },
    ("3", "c"): {
        VILLAGE: [
            "Cán bộ {place} chấp hành nghiêm nội quy, quy chế làm việc; tham gia đầy đủ giao ban hằng tháng tại UBND xã.",
            "Trưởng thôn, Bí thư chi bộ {place} dự đầy đủ giao ban tại UBND xã; thực hiện nghiêm chế độ thông tin, báo "
            "cáo ({month} báo cáo đột xuất về phòng, chống thiên tai).",
        ],
        DEPARTMENT: [
            "Thực hiện nghiêm Chỉ thị số 26/CT-TTg của Thủ tướng Chính phủ; 100% công chức {body} chấp hành giờ giấc làm "
            "việc, không có trường hợp vi phạm kỷ luật.",
            "Kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính {month}; công chức {body} chấp hành tốt nội quy cơ "
            "quan.",
        ],
        FRONT: [
            "Giám sát việc thực hiện kỷ luật, kỷ cương hành chính của cán bộ, công chức xã qua ý kiến của Nhân dân.",
        ],
    },
    ("3", "d"): {
        VILLAGE: [
            "Trưởng thôn, Bí thư chi bộ {place} dự Hội nghị cán bộ, công chức xã ngày {conference}; thôn không tổ chức "
            "hội nghị cán bộ, công chức riêng.",
        ],
        DEPARTMENT: [
            "Phối hợp Công đoàn cơ sở tổ chức Hội nghị cán bộ, công chức năm {year} ngày {conference}, thông qua quy chế "
            "chi tiêu nội bộ và chỉ tiêu thi đua.",
        ],
        FRONT: [
            "Dự và tham gia ý kiến tại Hội nghị cán bộ, công chức xã năm {year} ngày {conference}.",
        ],
    },
    ("3", "đ"): {
        VILLAGE: [
            "Rà soát hương ước, quy ước của {place} cho phù hợp với quy định mới; thôn không ban hành quy chế riêng.",
            "Lấy ý kiến Nhân dân {place} về sửa đổi hương ước tại cuộc họp thôn {month}; trình UBND xã công nhận.",
        ],
        DEPARTMENT: [
            "Rà soát, sửa đổi quy chế làm việc và quy chế chi tiêu nội bộ của {body}; ban hành nội quy tiếp công dân "
            "tại bộ phận một cửa.",
            "Sơ kết việc thực hiện dân chủ ở cơ sở của cơ quan {month}; bổ sung quy chế làm việc theo chức năng, nhiệm vụ "
            "mới.",
        ],
        FRONT: [
            "Góp ý dự thảo sửa đổi Quy chế thực hiện dân chủ ở cơ sở xã; đề xuất biểu dương gương điển hình tiên tiến.",
        ],
    },
    ("3", "e"): {
        VILLAGE: [
            "Giữ vững đoàn kết trong chi bộ, Ban Công tác Mặt trận và các chi hội của {place}; không có đơn thư phức "
            "tạp, kéo dài.",
        ],
        DEPARTMENT: [
            "Nội bộ {body} đoàn kết; công chức, người lao động được tạo điều kiện học tập, bồi dưỡng, nâng cao hiểu biết "
            "pháp luật.",
            "Tổ chức sinh hoạt chuyên đề về đạo đức công vụ {month}; công chức {body} chấp hành nghiêm nội quy, quy chế.",
        ],
        FRONT: [
            "Phát huy vai trò của Mặt trận trong xây dựng khối đại đoàn kết toàn dân tộc; nội bộ các tổ chức thành viên "
            "đoàn kết.",
        ],
    },
}

# A plan not built from the seed text (another commune's, or the tests' small plans): sentences that fit any
# grassroots-democracy item, chosen by the figures the item carries.
GENERIC = {
    VILLAGE: [
        "{place} triển khai nội dung này tại cuộc họp thôn {month}, thông báo trên loa truyền thanh và niêm yết tại nhà "
        "văn hóa thôn.",
        "Phối hợp Ban Công tác Mặt trận và các chi hội của {place} thực hiện; kết quả được báo cáo tại giao ban {month}.",
    ],
    DEPARTMENT: [
        "{body} triển khai theo chức năng, nhiệm vụ; phân công công chức theo dõi và báo cáo lãnh đạo UBND xã {month}.",
        "Thực hiện đúng tiến độ kế hoạch; kết quả được tổng hợp tại giao ban cơ quan {month}.",
    ],
    FRONT: [
        "Ủy ban MTTQ xã phối hợp các tổ chức thành viên giám sát việc thực hiện; tổng hợp ý kiến của Nhân dân {month}.",
    ],
}
GENERIC_BY_FIGURE = {
    "hoi-nghi": "Tổ chức {hoi_nghi} hội nghị, buổi tuyên truyền với {nguoi} lượt người tham dự.",
    "noi-dung-cong-khai": "Công khai {cong_khai} nội dung theo quy định, niêm yết tại trụ sở và nhà văn hóa thôn.",
    "hop-thon-dan-quyet": "Tổ chức {hop} cuộc họp để Nhân dân bàn và quyết định, lập biên bản gửi UBND xã.",
    "don-tiep-nhan": "Tiếp nhận {don} đơn kiến nghị, phản ánh, đã giải quyết {giai_quyet} đơn.",
    "giam-sat-ttnd": "Ban Thanh tra nhân dân thực hiện {ttnd} cuộc giám sát.",
}

DIFFICULTIES = {
    VILLAGE: {
        "1": [
            "Một số hộ đi làm ăn xa nên chưa dự đầy đủ các buổi tuyên truyền.",
            "Hệ thống loa truyền thanh thôn xuống cấp, một số cụm loa không hoạt động.",
        ],
        "2": [
            "Tỷ lệ hộ dự họp thôn vào mùa vụ còn thấp.",
            "Kinh phí hoạt động của Ban Thanh tra nhân dân thôn còn hạn chế.",
        ],
        "3": [],
    },
    DEPARTMENT: {
        "1": ["Lịch công tác dày, khó bố trí thời gian tổ chức hội nghị quán triệt riêng."],
        "2": [
            "Khối lượng hồ sơ lớn trong khi số công chức còn thiếu.",
            "Một số người dân cao tuổi chưa quen sử dụng dịch vụ công trực tuyến.",
        ],
        "3": ["Quy chế chi tiêu nội bộ cần sửa đổi theo định mức mới nhưng chưa có hướng dẫn."],
    },
    FRONT: {
        "1": ["Cán bộ Mặt trận ở thôn kiêm nhiệm nhiều việc."],
        "2": ["Một số kiến nghị của Nhân dân chậm được cơ quan chức năng trả lời."],
        "3": [],
    },
}
PROPOSALS = {
    VILLAGE: {
        "1": [
            "Đề nghị UBND xã cấp tài liệu tuyên truyền Luật Thực hiện dân chủ ở cơ sở cho thôn.",
            "Đề nghị hỗ trợ kinh phí sửa chữa hệ thống loa truyền thanh thôn.",
        ],
        "2": ["Đề nghị UBND xã tập huấn nghiệp vụ cho Ban Thanh tra nhân dân thôn."],
        "3": [],
    },
    DEPARTMENT: {
        "1": [],
        "2": ["Đề nghị bổ sung thiết bị số hóa hồ sơ cho bộ phận một cửa."],
        "3": ["Đề nghị UBND xã ban hành hướng dẫn sửa đổi quy chế chi tiêu nội bộ."],
    },
    FRONT: {
        "1": [],
        "2": ["Đề nghị các cơ quan trả lời kiến nghị của Nhân dân đúng thời hạn."],
        "3": [],
    },
}

SUMMARY = {
    VILLAGE: [
        "{period_year}, {place} triển khai đầy đủ các nội dung thực hiện dân chủ ở cơ sở; Nhân dân đồng thuận, "
        "tình hình an ninh trật tự ổn định.",
        "{period_year}, thôn duy trì họp thôn, công khai thông tin và phát huy vai trò giám sát của Nhân dân; "
        "một số nội dung cần tiếp tục thực hiện trong kỳ tới.",
    ],
    DEPARTMENT: [
        "{period_year}, {body} thực hiện nghiêm các nội dung của Kế hoạch, gắn thực hiện dân chủ với cải cách "
        "hành chính.",
        "{body} hoàn thành các nhiệm vụ được giao trong {period_lower}; tiếp tục nâng cao chất lượng phục vụ Nhân dân.",
    ],
    FRONT: [
        "{period_year}, Mặt trận và các tổ chức thành viên phát huy vai trò giám sát, phản biện xã hội trong "
        "thực hiện dân chủ ở cơ sở.",
    ],
}

# The coordinator's reasons for returning a form: each names what to fix.
RETURN_COMMENTS = [
    "Đề nghị bổ sung số lượt người tham dự các hội nghị tuyên truyền (mục 1.a) cho khớp với số hội nghị đã báo cáo.",
    "Đề nghị ghi rõ số đơn đã giải quyết và số đơn đang giải quyết (mục 2.c); số liệu chưa khớp với sổ theo dõi.",
    "Mục 2.b chưa nêu nội dung Nhân dân đã bàn và quyết định; đề nghị bổ sung và gửi kèm biên bản họp thôn.",
    "Đề nghị bổ sung kết quả giám sát của Ban Thanh tra nhân dân (mục 2.e) và hoàn thiện phần đánh giá chung.",
]
ACCEPT_COMMENTS = ["", "", "", "Báo cáo đầy đủ, đúng biểu mẫu.", "Số liệu khớp với sổ theo dõi của xã."]
RECORDED_COMMENT = "Đơn vị gửi báo cáo bằng văn bản; cán bộ đầu mối ghi nhận trên cổng."
REOPEN_COMMENT = "Mở lại để thôn bổ sung kết quả thực hiện và số liệu còn thiếu."


def models_phrase(count: int) -> str:
    if count:
        return f"đề nghị biểu dương, khen thưởng {count} tập thể, cá nhân tiêu biểu"
    return "đang lựa chọn tập thể, cá nhân tiêu biểu để đề nghị khen thưởng cuối năm"


def writer_kind(body) -> str:
    if body.kind == "village":
        return VILLAGE
    if body.kind == "department" or body.kind == "leadership":
        return DEPARTMENT
    return FRONT


def done_text(item, kind: str, context: dict, figure_codes: set[str], rng: random.Random) -> str:
    bank = DONE.get((item.area.number, item.label), {}).get(kind)
    if not bank:
        generic = [GENERIC_BY_FIGURE[code] for code in GENERIC_BY_FIGURE if code in figure_codes]
        bank = generic or GENERIC[kind]
    return rng.choice(bank).format(**context)


def side_text(bank: dict, kind: str, area_number: str, rng: random.Random, chance: float) -> str:
    """A difficulty or a proposal now and then, from those that fit the area; mostly none."""
    choices = bank.get(kind, {}).get(area_number, [])
    if not choices or rng.random() > chance:
        return ""
    return rng.choice(choices)
