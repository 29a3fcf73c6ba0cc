"""IPC → SEI 2018 (CNIPA 2021 concordance) and IPC/SEI → GB/T 4754 section."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.industry_mapping import (
    IndustryMapper,
    InvalidIpcCode,
    gbt4754_decision,
    gbt4754_for,
    normalise_ipc,
    sei_for_ipc,
)
from graph.reference import DATA_DIR, ReferenceDataError, read_reference


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("H01M 4/58", "H01M4/58"),
        ("H01M4/58", "H01M4/58"),
        ("h01m4/58", "H01M4/58"),
        ("H01M0004580000", "H01M4/58"),
        ("H01M0010052500", "H01M10/0525"),
        ("H01M0010000000", "H01M10/00"),
        ("H01M  10/0525 (2010.01)", "H01M10/0525"),
        ("H01M10", "H01M10"),
        ("H01M", "H01M"),
    ],
)
def test_normalisation(text: str, expected: str) -> None:
    assert normalise_ipc(text) == expected


@pytest.mark.parametrize("bad", ["", "H01", "X01M4/58", "H01M4/", "锂电池", "H01M4/58/1"])
def test_malformed_codes_raise_unless_lenient(bad: str) -> None:
    with pytest.raises(InvalidIpcCode, match="is not an IPC code"):
        sei_for_ipc([bad])
    assert sei_for_ipc([bad, "H01M10/0525"], strict=False) == ["5.2"]


def test_table_entries() -> None:
    # H01M10/0525 (lithium-ion cells) is listed in 5.2 rule 5 only.
    assert sei_for_ipc(["H01M10/0525"]) == ["5.2"]
    assert sei_for_ipc(["H01M 10/0525"]) == sei_for_ipc(["H01M0010052500"])
    # H01M10/056 (electrolytes) is a new material (3.3 rule 22).
    assert sei_for_ipc(["H01M10/056"]) == ["3.3"]
    # H01M8* (fuel cells) is a wildcard of 5.2: every subgroup is in.
    assert "5.2" in sei_for_ipc(["H01M8/1004"])
    # A main group alone does not match subgroup entries.
    assert sei_for_ipc(["H01M10"]) == []
    # Union over a patent's codes, sorted numerically.
    assert sei_for_ipc(["H01M10/056", "H01M10/0525"]) == ["3.3", "5.2"]


def test_exclusions_are_honoured() -> None:
    # 5.2 rule 5 takes H01M2* but excludes H01M2/14; 3.4 rule 2 includes H01M2/14.
    assert "5.2" in sei_for_ipc(["H01M2/10"])
    assert sei_for_ipc(["H01M2/14"]) == ["3.4"]
    # 1.1 rule 1: G06F11* without G06F11/14 — but G06F11/14 is in 1.2 by another rule.
    assert "1.1" in sei_for_ipc(["G06F11/30"])
    assert "1.1" not in sei_for_ipc(["G06F11/14"])


def test_class_level_wildcards() -> None:
    # G16* and C08* are class-level patterns in the table.
    assert sei_for_ipc(["G16H50/20"])
    assert sei_for_ipc(["C08L23/06"])


def test_every_concordance_code_is_a_loaded_sei_class() -> None:
    mapper = IndustryMapper()
    sei = {i.code for i in read_reference().industries if i.scheme == "SEI2018" and i.level == 2}
    assert set(mapper.concordance.codes) <= sei
    assert len(mapper.concordance.rules) == 303


def test_gbt4754_derivation_steps() -> None:
    assert gbt4754_decision(["H01M10/0525"]) == ("C", "SEI", "5.2")
    assert gbt4754_decision(["G06N3/08"]) == ("I", "SEI", "1.5")
    assert gbt4754_for(["C12N15/10"]) == "A"  # 4.3 生物农业
    # Given SEI codes win over the IPC-derived ones.
    assert gbt4754_decision(["H01M10/0525"], ["8.2"]) == ("R", "SEI", "8.2")
    assert gbt4754_for([], ["9"]) == "M"
    # No SEI class: the IPC fallback by longest prefix.
    assert sei_for_ipc(["E21C25/00"]) == []
    assert gbt4754_decision(["E21C25/00"]) == ("B", "IPC", "E21")
    assert gbt4754_decision(["H01M10"]) == ("C", "IPC", "H")
    assert gbt4754_for([]) is None
    with pytest.raises(ValueError, match="not an SEI 2018 code"):
        gbt4754_for(["H01M10/0525"], ["12.7"])


def test_sections_are_real_gbt_sections() -> None:
    from graph.industry_mapping import IPC_SECTION, SEI_SECTION

    sections = {i.code for i in read_reference().industries if i.id.startswith("GBT4754:")}
    assert set(SEI_SECTION.values()) <= sections
    assert set(IPC_SECTION.values()) <= sections


def test_official_table_replaces_the_derivation(tmp_path: Path) -> None:
    (tmp_path / "ipc-gbt4754.csv").write_text(
        "IPC,行业代码\nH01M,3849\nH01M10/0525,D\nA01*,01\n", encoding="utf-8"
    )
    mapper = IndustryMapper(tmp_path)
    assert mapper.gbt4754_decision(["H01M10/0525"]) == ("D", "OFFICIAL", "H01M10/0525")
    assert mapper.gbt4754_decision(["H01M4/58"]) == ("C", "OFFICIAL", "H01M4/58")
    assert mapper.gbt4754_decision(["G06N3/08", "A01B1/00"]) == ("A", "OFFICIAL", "A01B1/00")
    assert mapper.gbt4754_decision(["G06N3/08"]) == ("I", "SEI", "1.5")
    # The concordance still comes from the bundled folder.
    assert mapper.concordance.path == DATA_DIR / "sei-ipc-concordance-2021-long.csv"


def test_official_table_errors_name_the_place(tmp_path: Path) -> None:
    (tmp_path / "ipc-gbt4754.csv").write_text("IPC,行业代码\nH01M,3849\nH01M,99X\n")
    with pytest.raises(ReferenceDataError, match=r"第 3 行，行业代码 列：'99X'"):
        IndustryMapper(tmp_path)
