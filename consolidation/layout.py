"""The layout of the figures XLSX: written by consolidation.exports, read back by consolidation.imports."""

import re

FIGURES_SHEET = "Số liệu"
TOTALS_SHEET = "Tổng cộng"
INFO_SHEET = "Thông tin"
# The figures sheet as officials read it: headers in words. What the import needs to read it back sits where
# nobody looks: row 1 (hidden) names each column by a code, column A (hidden) holds each row's body code.
FIXED_COLUMNS = ["Mã đơn vị", "Cơ quan, đơn vị", "Mục", "Nhiệm vụ", "Tình trạng báo cáo", "Tình hình thực hiện"]
FIXED_CODES = ["#body", "#body-name", "#item", "#item-text", "#report-state", "#status"]  # never an indicator code
STATUS_COLUMN = FIXED_COLUMNS.index("Tình hình thực hiện")  # read back by the import, by label or code
CODES_ROW, HEADER_ROW, FIRST_DATA_ROW = 1, 2, 3
# Files exported before the codes row carried each indicator's code at the end of its header.
CODE_IN_HEADER = re.compile(r"\[([a-z0-9-]+)\]\s*$")
# The "Thông tin" sheet: label and value in words (A, B), the key and value the import reads (C, D, hidden).
INFO_KEY_COLUMN = 2
