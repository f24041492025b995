"""The collation of each interface language, portal_<code>, and portal_sort_key (see core/collation.py).

With ICU (PostgreSQL built with it, as Debian's): portal_<code> is ICU's collation of the language and
portal_sort_key(name, code) the name itself. Without ICU (the embedded pgserver is built without it): portal_<code>
is "C" and portal_sort_key spells the name so that "C" sorts it as the language does: diacritics folded (as
projects' portal_fold), and the letters the language has of its own sorted after their base letter ("{" and "|"
come after "z" in "C"): Polish ą ć ę ł ń ó ś ź ż, Spanish ñ.
"""

from django.db import migrations

LANGUAGES = ("en", "de", "fr", "es", "pl")
FOLD_FROM = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝàáâãäåçèéêëìíîïðñòóôõöøùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĲĳĴĵĶķĹĺĻļĽľĿŀŁłŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſșȘțȚ"
FOLD_TO = "aaaaaaceeeeiiiidnoooooouuuuyaaaaaaceeeeiiiidnoooooouuuuyyaaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkllllllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzssstt"
# (letter, spelling) per language, lower and upper case: the spelling sorts after every word of the base letter
OWN_LETTERS = {
    "pl": [
        ("ą", "a{"),
        ("ć", "c{"),
        ("ę", "e{"),
        ("ł", "l{"),
        ("ń", "n{"),
        ("ó", "o{"),
        ("ś", "s{"),
        ("ź", "z{"),
        ("ż", "z|"),
    ],
    "es": [("ñ", "n{")],
}


def _spelled(language: str) -> str:
    """SQL: t with the language's own letters spelled out."""
    expression = "t"
    for letter, spelling in OWN_LETTERS.get(language, []):
        for case in (letter, letter.upper()):
            expression = f"replace({expression}, '{case}', '{spelling}')"
    return expression


_BRANCHES = " ".join(f"WHEN '{code}' THEN {_spelled(code)}" for code in OWN_LETTERS)
FALLBACK_KEY = f"""
  SELECT lower(translate(
    replace(replace(replace(replace(replace(CASE lang {_BRANCHES} ELSE t END,
      'ß', 'ss'), 'æ', 'ae'), 'Æ', 'ae'), 'œ', 'oe'), 'Œ', 'oe'),
    '{FOLD_FROM}', '{FOLD_TO}'))
"""
ICU = " ".join(
    f"CREATE COLLATION IF NOT EXISTS portal_{code} (provider = icu, locale = '{code}');" for code in LANGUAGES
)
PLAIN = " ".join(f'CREATE COLLATION IF NOT EXISTS portal_{code} FROM "C";' for code in LANGUAGES)
KEY = "CREATE OR REPLACE FUNCTION portal_sort_key(t text, lang text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE"
CREATE = f"""
DO $do$
BEGIN
  BEGIN
    {ICU}
    {KEY} AS $$ SELECT t $$;
  EXCEPTION WHEN feature_not_supported THEN  -- "ICU is not supported in this build"
    {PLAIN}
    {KEY} AS $$ {FALLBACK_KEY} $$;
  END;
END
$do$;
"""
DROP = "DROP FUNCTION IF EXISTS portal_sort_key(text, text); " + " ".join(
    f"DROP COLLATION IF EXISTS portal_{code};" for code in LANGUAGES
)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunSQL(CREATE, DROP)]
