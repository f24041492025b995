import pytest
from django.core.management import CommandError, call_command

from programmes.models import Country, NutsRegion

pytestmark = pytest.mark.django_db


def test_imports_the_demo_fixture_with_parents(tmp_path, settings):
    call_command("import_nuts", settings.BASE_DIR / "programmes" / "fixtures" / "nuts_demo.csv")
    vienna = NutsRegion.objects.get(code="AT130")
    assert (vienna.level, vienna.name, vienna.parent.code, vienna.parent.parent.code) == (3, "Wien", "AT13", "AT1")
    assert NutsRegion.objects.get(code="EL303").country_id == "GR"  # Eurostat's EL is ISO's GR


def test_imports_gisco_columns_and_updates_on_reimport(tmp_path):
    csv = tmp_path / "NUTS_AT_2021.csv"
    csv.write_text(
        "NUTS_ID,LEVL_CODE,CNTR_CODE,NAME_LATN\nSK,0,SK,Slovensko\nSK0,1,SK,Slovensko\n"
        "SK01,2,SK,Bratislavský kraj\nSK010,3,SK,Bratislavský kraj\n",
        encoding="utf-8",
    )
    call_command("import_nuts", csv)
    csv.write_text(
        csv.read_text(encoding="utf-8").replace("SK010,3,SK,Bratislavský kraj", "SK010,3,SK,Bratislava"),
        encoding="utf-8",
    )
    call_command("import_nuts", csv)
    assert NutsRegion.objects.filter(code__startswith="SK").count() == 4
    assert NutsRegion.objects.get(code="SK010").name == "Bratislava"
    assert Country.objects.filter(code="SK").exists()


def test_a_bad_row_imports_nothing_and_names_the_line(tmp_path):
    csv = tmp_path / "bad.csv"
    csv.write_text("NUTS_ID,LEVL_CODE,NAME_LATN\nAT,0,Österreich\nAT1,1,Ost\nAT1X!,2,Broken\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Line 4"):
        call_command("import_nuts", csv)
    assert not NutsRegion.objects.exists()


def test_a_file_without_a_code_column_is_refused(tmp_path):
    csv = tmp_path / "other.csv"
    csv.write_text("id,label\n1,x\n", encoding="utf-8")
    with pytest.raises(CommandError, match="No NUTS code column"):
        call_command("import_nuts", csv)
