"""Issue 17, item 9: the Appendix 12 XLSX opens on a printable sheet laid out like the form, its
scores numeric cells; the data sheets follow."""

import io

import pytest
from openpyxl import load_workbook

from audits import services
from audits.models import Audit
from audits.selectors import final_sheet_data
from reports import documents
from tests.audits.conftest import fill

pytestmark = pytest.mark.django_db


def test_the_first_sheet_is_the_printable_form(audit, group_head, auditor, auditor2, auditor3):
    fill(audit, auditor, {"1.1": 3}, notes={"1.1": "Коробки в коридоре"})
    fill(audit, auditor2, {"1.1": 4})
    fill(audit, auditor3, {"1.1": 4})
    services.final_sheet_finalise(actor=group_head, audit=audit)
    audit = Audit.objects.get(pk=audit.pk)
    data = final_sheet_data(audit)
    book = load_workbook(io.BytesIO(documents.final_sheet_xlsx(audit)))
    form = book.worksheets[0]
    assert form.title == "Приложение 12" and book.sheetnames[1] == "Оценки"
    assert form["A1"].value == "Приложение 12 к Методическим рекомендациям"
    assert form.page_setup.orientation == "landscape"
    assert (int(form.page_setup.fitToWidth), int(form.page_setup.fitToHeight)) == (1, 0)
    assert form.print_title_rows == "$1:$5"
    header = [cell.value for cell in form[5]]
    names = [a.name for a in data.auditors]
    assert header[:2] == ["Шаг системы 5S", "Номер критерия оценки"]
    assert header[2 : 2 + len(names)] == names
    rows = list(form.iter_rows(min_row=6, values_only=True))
    by_code = {row[1]: row for row in rows if row[1]}
    line = by_code["1.1"]
    assert line[0] == "Шаг 1. " + data.steps[0].name
    assert sorted(line[2 : 2 + len(names)]) == [3, 4, 4]
    assert all(isinstance(v, int) for v in line[2 : 2 + len(names)])
    assert isinstance(line[2 + len(names)], float)
    assert "Коробки в коридоре" in line[-1]
    labels = {row[0]: row for row in rows if row[0]}
    step1 = labels["Средняя оценка шага 1"][2 + len(names)]
    assert step1 == pytest.approx(float(data.steps[0].value))
    overall = labels["Общая оценка ОИВ ЯО или СППО"][2 + len(names)]
    assert overall == pytest.approx(float(data.overall))
    assert group_head.person.full_name in labels["Руководитель рабочей группы"][-1]
