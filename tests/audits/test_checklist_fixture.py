"""The Appendix 2 checklist fixture (fixtures/checklist/checklist_2011.json) and its extractor."""

import json
import subprocess
import sys

import pytest
from django.conf import settings

FIXTURE = settings.BASE_DIR / "fixtures" / "checklist" / "checklist_2011.json"
EXTRACTOR = settings.BASE_DIR / "scripts" / "extract_checklist.py"
SEED = settings.BASE_DIR.parent / "shared" / "seeds" / "003_40cf1adbacc85322.txt"
SCORES = ["5", "4", "3", "2", "1"]

needs_seed = pytest.mark.skipif(
    not SEED.parent.is_dir(), reason="../shared/seeds is not checked out next to the project"
)

# Rows exported with four cells (a cell merged with the row above), and the missing score.
MERGED = {
    ("2.6", 3): "5",
    ("4.4", 2): "1",
    ("4.8", 2): "1",
    ("5.1", 2): "1",
    ("5.1", 3): "1",
    ("5.4", 3): "1",
    ("5.4", 4): "1",
    ("5.7", 2): "1",
    ("5.7", 3): "1",
    ("5.7", 4): "1",
    ("5.7", 5): "1",
}


@pytest.fixture(scope="module")
def checklist():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def criteria(checklist):
    return {
        criterion["code"]: criterion
        for step in checklist["steps"]
        for criterion in step["criteria"]
    }


@pytest.fixture(scope="module")
def appendix_text():
    """Appendix 2 of the seed with whitespace collapsed, as the fixture normalises it."""
    text = SEED.read_text(encoding="utf-8")
    start = text.index("\nПриложение 2\n")
    end = text.index("\nПриложение 3\n")
    return " ".join(text[start:end].split())


def run_extractor(*args):
    return subprocess.run(
        [sys.executable, str(EXTRACTOR), *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_fixture_names_the_version_title_and_source(checklist):
    assert checklist["version"] == "2011-12-07"
    assert (
        checklist["title"] == "Чек-лист (контрольный лист оценки состояния рабочего пространства)"
    )
    assert checklist["source"].startswith("Приложение 2 к Методическим рекомендациям")
    assert "№ 414-р" in checklist["source"] and "№ 596-р" in checklist["source"]


def test_fixture_has_five_steps_named_as_in_the_regulation(checklist):
    assert [(step["number"], step["name"]) for step in checklist["steps"]] == [
        (1, "Сортировка"),
        (2, "Создание порядка"),
        (3, "Содержание в чистоте"),
        (4, "Стандартизация"),
        (5, "Совершенствование"),
    ]


def test_the_portals_step_names_are_the_fixtures(checklist):
    from django.utils import translation

    from audits.choices import STEP_NAMES

    with translation.override("ru"):
        assert {step["number"]: step["name"] for step in checklist["steps"]} == {
            number: str(name) for number, name in STEP_NAMES.items()
        }


def test_fixture_has_35_criteria_numbered_in_order_within_each_step(checklist):
    sizes = {1: 3, 2: 7, 3: 9, 4: 8, 5: 8}
    for step in checklist["steps"]:
        expected = [f"{step['number']}.{i}" for i in range(1, sizes[step["number"]] + 1)]
        assert [criterion["code"] for criterion in step["criteria"]] == expected
    assert sum(len(step["criteria"]) for step in checklist["steps"]) == 35


def test_only_the_footnoted_criteria_are_for_common_areas_or_external_data(criteria):
    common = {code for code, criterion in criteria.items() if criterion["common_areas_only"]}
    external = {code for code, criterion in criteria.items() if criterion["external_data"]}
    assert common == {"2.7", "3.2", "3.6", "3.9", "4.6"}
    assert external == {"4.3"}
    assert all(
        isinstance(criterion["common_areas_only"], bool)
        and isinstance(criterion["external_data"], bool)
        for criterion in criteria.values()
    )


def test_every_indicator_row_has_the_five_scores_in_order(criteria):
    for code, criterion in criteria.items():
        assert criterion["indicators"], code
        for row in criterion["indicators"]:
            assert list(row) == SCORES, code


def test_no_title_or_descriptor_is_empty_or_padded(criteria):
    for code, criterion in criteria.items():
        assert criterion["title"] and criterion["title"] == " ".join(criterion["title"].split())
        for row in criterion["indicators"]:
            for text in row.values():
                assert text is None or (text and text == " ".join(text.split())), code


def test_only_the_merged_cells_are_null(criteria):
    nulls = {
        (code, number): score
        for code, criterion in criteria.items()
        for number, row in enumerate(criterion["indicators"], start=1)
        for score, text in row.items()
        if text is None
    }
    assert nulls == MERGED


def test_a_merged_cell_continues_the_same_score_of_the_row_above(criteria):
    for (code, number), score in MERGED.items():
        rows = criteria[code]["indicators"]
        assert None not in rows[0].values(), code
        assert any(row[score] for row in rows[: number - 1]), (code, number)
    assert criteria["5.7"]["indicators"][0]["1"] == (
        "- не проявляет интереса к развёртыванию (функционированию) системы 5S"
    )
    assert criteria["2.6"]["indicators"][1]["5"] == (
        "- наглядно представлены схемы рационального размещения предметов"
    )


def test_rows_per_criterion_match_the_table(criteria):
    rows = {code: len(criterion["indicators"]) for code, criterion in criteria.items()}
    assert rows == {
        "1.1": 4, "1.2": 3, "1.3": 3,
        "2.1": 7, "2.2": 5, "2.3": 2, "2.4": 4, "2.5": 3, "2.6": 5, "2.7": 2,
        "3.1": 5, "3.2": 6, "3.3": 5, "3.4": 3, "3.5": 2, "3.6": 2, "3.7": 1, "3.8": 3, "3.9": 3,
        "4.1": 5, "4.2": 3, "4.3": 1, "4.4": 2, "4.5": 1, "4.6": 3, "4.7": 4, "4.8": 2,
        "5.1": 3, "5.2": 4, "5.3": 4, "5.4": 4, "5.5": 5, "5.6": 1, "5.7": 5, "5.8": 1,
    }  # fmt: skip


def test_titles_spread_over_several_lines_are_joined(criteria):
    assert criteria["1.1"]["title"] == (
        "Отсутствие в рабочем пространстве (за исключением рабочих мест) и зоне временного "
        "хранения «ненужных» предметов (носителей информации (документов, компакт-дисков, "
        "электронных файлов и т.п.) и материальных объектов (бумаги, папок -архиваторов, "
        "принадлежностей для письма, офисного оборудования, мебели и т.п.)"
    )
    assert criteria["5.3"]["title"] == (
        "Проведение 5S-командой диагностики состояния рабочего пространства (внутренний аудит "
        "и фотоотчёт) и мониторинга достижения показателей"
    )
    assert criteria["3.9"]["title"].endswith(
        "в местах общего пользования (плафонов осветительных приборов, приборов центрального "
        "отопления, подоконников, плинтусов, углов комнат, пространства между стенами и мебелью)"
    )


def test_spot_checked_descriptors_are_word_for_word(criteria):
    assert criteria["1.2"]["indicators"][1]["1"] == (
        "- присутствует избыточное количество предметов, а также предметы, явно относя-щиеся к "
        "«ненужным» (мусор, предметы интерьера и гигиены, продукты питания) и «ненужным срочно»"
    )
    assert criteria["2.6"]["indicators"][4]["4"] == (
        "- с момента обновления данных на информационном стенде прошло не более 1 месяца"
    )
    assert criteria["3.3"]["indicators"][1]["3"].endswith("«В ремонт «, «На списание» и т.п.")
    assert criteria["4.3"]["indicators"][0] == {
        "5": "- рабочие места всех сотрудников соответствуют ИТ-стандарту",
        "4": "- в единичных случаях (не более 5%) рабочие места сотрудников не соответствуют "
        "ИТ-стандарту",
        "3": "не более 25% рабочих мест сотрудников не соответствует ИТ-стандарту",
        "2": "- не более половины рабочих мест сотрудников соответствует ИТ-стандарту",
        "1": "- большинство (более половины) рабочих мест сотрудников не соответствует "
        "ИТ-стандарту",
    }
    assert criteria["4.4"]["indicators"][0]["1"].startswith("отсутствуют планы уборки-проверки")
    assert criteria["4.8"]["indicators"][1]["5"] == (
        "- актуализация 5S-стандартов проходит своевременно"
    )
    assert criteria["5.7"]["indicators"][3]["4"] == (
        "регулярно (не реже 1 раза в квартал) проводит обходы рабочих мест"
    )


@needs_seed
def test_spot_checked_strings_appear_in_the_seed_as_they_are():
    seed = SEED.read_text(encoding="utf-8")
    for text in [
        "Отсутствие на рабочих местах «ненужных» и «ненужных срочно» предметов",
        "Свободное передвижение в рабочем пространстве мест общего пользования",
        "Соответствие рабочего места ИТ-стандарту",
        "Активное использование в ОИВ ЯО (СППО) мероприятий по продвижению 5S",
        "- файлы, содержащие «ненужные срочно» документы , хранятся в архивном каталоге",
        "- регулярность проведения уборки определить невозможно,",
        "не более 25% рабочих мест сотрудников не соответствует ИТ-стандарту",
    ]:
        assert f"\n{text}\n" in seed


@needs_seed
def test_every_title_and_descriptor_appears_in_appendix_2(criteria, appendix_text):
    for code, criterion in criteria.items():
        assert criterion["title"] in appendix_text, code
        for row in criterion["indicators"]:
            for text in row.values():
                assert text is None or text in appendix_text, (code, text)


@needs_seed
def test_committed_fixture_matches_a_fresh_extraction():
    result = run_extractor(SEED, "--check", "--output", FIXTURE)
    assert result.returncode == 0, result.stderr


@needs_seed
def test_check_mode_fails_on_an_edited_fixture(tmp_path):
    edited = tmp_path / "checklist.json"
    edited.write_text(
        FIXTURE.read_text(encoding="utf-8").replace("Сортировка", "Сортировкa", 1),
        encoding="utf-8",
    )
    result = run_extractor(SEED, "--check", "--output", edited)
    assert result.returncode == 1
    assert "out of date" in result.stderr


@needs_seed
def test_extraction_is_reproducible(tmp_path):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert run_extractor(SEED, "--output", first).returncode == 0
    assert run_extractor(SEED, "--output", second).returncode == 0
    assert first.read_bytes() == second.read_bytes() == FIXTURE.read_bytes()


@needs_seed
def test_extractor_refuses_a_seed_with_a_lost_cell(tmp_path):
    seed = SEED.read_text(encoding="utf-8")
    lost = "\n- практически все запасы хранятся не на своих местах\n"
    assert seed.count(lost) == 1
    damaged = tmp_path / "seed.txt"
    damaged.write_text(seed.replace(lost, "\n"), encoding="utf-8")
    result = run_extractor(damaged, "--output", tmp_path / "out.json")
    assert result.returncode == 2
    assert "1.3 row 3" in result.stderr
    assert not (tmp_path / "out.json").exists()
