"""Which header of a clue-platform export feeds which CaseIntake field, and the words its cells use.

Exports differ between platform versions and between offices that retype them, so each
field accepts several headers; docs/case-import.md documents the same table for users.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from domain.cases.intake import SOURCE_LABELS, CaseSource, ProjectType


class ColumnKey(StrEnum):
    EXTERNAL_ID = "external_id"
    RECEIVED_AT = "received_at"
    COMPLAINANT_NAME = "complainant_name"
    COMPLAINANT_PHONE = "complainant_phone"
    COMPLAINANT_ID_NUMBER = "complainant_id_number"
    WORKERS_AFFECTED = "workers_affected"
    AMOUNT_CLAIMED = "amount_claimed"
    EMPLOYER_NAME = "employer_name"
    EMPLOYER_CREDIT_CODE = "employer_credit_code"
    PROJECT_NAME = "project_name"
    PROJECT_TYPE = "project_type"
    GENERAL_CONTRACTOR = "general_contractor"
    SECTOR = "sector"
    DISTRICT = "district"
    TOWN = "town"
    DESCRIPTION = "description"
    GROUP_INCIDENT = "group_incident"
    SOURCE = "source"


@dataclass(frozen=True, slots=True)
class ImportColumn:
    key: ColumnKey
    header: str  # the name used in messages when the file lacks this column
    aliases: tuple[str, ...]  # every accepted header, `header` included
    required: bool


COLUMNS: tuple[ImportColumn, ...] = (
    ImportColumn(ColumnKey.EXTERNAL_ID, "线索编号", ("线索编号", "编号", "案件编号"), True),
    ImportColumn(ColumnKey.RECEIVED_AT, "反映时间", ("反映时间", "受理时间", "登记时间"), True),
    ImportColumn(ColumnKey.COMPLAINANT_NAME, "反映人", ("反映人", "投诉人", "姓名"), True),
    ImportColumn(ColumnKey.COMPLAINANT_PHONE, "联系电话", ("联系电话", "手机号"), False),
    ImportColumn(ColumnKey.COMPLAINANT_ID_NUMBER, "身份证号", ("身份证号", "身份证号码"), False),
    ImportColumn(ColumnKey.WORKERS_AFFECTED, "涉及人数", ("涉及人数", "欠薪人数"), True),
    ImportColumn(
        ColumnKey.AMOUNT_CLAIMED, "欠薪金额", ("欠薪金额", "涉及金额（元）", "金额"), True
    ),
    ImportColumn(ColumnKey.EMPLOYER_NAME, "用人单位", ("用人单位", "被反映单位", "欠薪单位"), True),
    ImportColumn(ColumnKey.EMPLOYER_CREDIT_CODE, "统一社会信用代码", ("统一社会信用代码",), False),
    ImportColumn(ColumnKey.PROJECT_NAME, "项目名称", ("项目名称",), False),
    ImportColumn(ColumnKey.PROJECT_TYPE, "项目类型", ("项目类型",), False),
    ImportColumn(ColumnKey.GENERAL_CONTRACTOR, "总承包单位", ("总承包单位", "施工总承包"), False),
    ImportColumn(ColumnKey.SECTOR, "行业", ("行业",), True),
    ImportColumn(ColumnKey.DISTRICT, "所属区", ("所属区", "区县", "属地"), True),
    ImportColumn(ColumnKey.TOWN, "街镇", ("街镇", "乡镇"), False),
    ImportColumn(ColumnKey.DESCRIPTION, "问题描述", ("问题描述", "反映内容"), True),
    ImportColumn(ColumnKey.GROUP_INCIDENT, "是否群体性事件", ("是否群体性事件",), False),
    ImportColumn(ColumnKey.SOURCE, "来源", ("来源",), False),
)

COLUMN_BY_KEY: dict[ColumnKey, ImportColumn] = {column.key: column for column in COLUMNS}


def normalize_header(text: str) -> str:
    """Offices retype headers with full-width brackets, stray spaces and a `*` for required."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).strip("*")


HEADER_INDEX: dict[str, ColumnKey] = {
    normalize_header(alias): column.key for column in COLUMNS for alias in column.aliases
}

# Several complainants in one row: names joined by 、 or a comma, phones and ID numbers
# joined the same way in the same order.
LIST_SEPARATOR = re.compile(r"[、,，]")


def normalize_word(text: str) -> str:
    """Vocabulary cells compare like headers, and PPP is written in any case."""
    return normalize_header(text).upper()


PROJECT_TYPES: dict[str, ProjectType] = {
    normalize_word(word): project_type
    for word, project_type in (
        ("政府投资", ProjectType.GOVERNMENT),
        ("政府投资项目", ProjectType.GOVERNMENT),
        ("国企", ProjectType.SOE),
        ("国有企业", ProjectType.SOE),
        ("国企项目", ProjectType.SOE),
        ("PPP", ProjectType.PPP),
        ("PPP项目", ProjectType.PPP),
        ("社会投资", ProjectType.SOCIAL),
        ("社会投资项目", ProjectType.SOCIAL),
        ("其他", ProjectType.SOCIAL),
    )
}

SOURCES: dict[str, CaseSource] = {
    normalize_word(label): source for source, label in SOURCE_LABELS.items()
}

YES_NO: dict[str, bool] = {"是": True, "否": False}

# Where CaseIntake reports a problem (its error location without list indexes) → the
# column the user has to correct.
FIELD_COLUMNS: dict[tuple[str, ...], ColumnKey] = {
    ("source",): ColumnKey.SOURCE,
    ("external_id",): ColumnKey.EXTERNAL_ID,
    ("received_at",): ColumnKey.RECEIVED_AT,
    ("complainants",): ColumnKey.COMPLAINANT_NAME,
    ("complainants", "name"): ColumnKey.COMPLAINANT_NAME,
    ("complainants", "phone"): ColumnKey.COMPLAINANT_PHONE,
    ("complainants", "id_number"): ColumnKey.COMPLAINANT_ID_NUMBER,
    ("workers_affected",): ColumnKey.WORKERS_AFFECTED,
    ("amount_claimed",): ColumnKey.AMOUNT_CLAIMED,
    ("employer",): ColumnKey.EMPLOYER_NAME,
    ("employer", "name"): ColumnKey.EMPLOYER_NAME,
    ("employer", "credit_code"): ColumnKey.EMPLOYER_CREDIT_CODE,
    ("project",): ColumnKey.PROJECT_NAME,
    ("project", "name"): ColumnKey.PROJECT_NAME,
    ("project", "type"): ColumnKey.PROJECT_TYPE,
    ("project", "general_contractor"): ColumnKey.GENERAL_CONTRACTOR,
    ("sector",): ColumnKey.SECTOR,
    ("district",): ColumnKey.DISTRICT,
    ("town",): ColumnKey.TOWN,
    ("description",): ColumnKey.DESCRIPTION,
    ("group_incident",): ColumnKey.GROUP_INCIDENT,
}
