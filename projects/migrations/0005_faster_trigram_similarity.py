# Near-miss acronyms: the similarity of two trigram arrays in PL/pgSQL. The SQL version (two set operations in
# subqueries) cost about 20 µs a row, so a common word's few thousand trigram candidates cost 140 ms; this one
# counts the query's trigrams found in the acronym's, about 5 µs a row. Both arrays come from portal_trigrams,
# which gives each trigram once, so shared / (|a| + |b| - shared) is the same Jaccard similarity as before.

from django.db import migrations

PLPGSQL = """
CREATE OR REPLACE FUNCTION portal_similarity(a text[], b text[]) RETURNS real LANGUAGE plpgsql IMMUTABLE STRICT
PARALLEL SAFE AS $$
DECLARE
  shared int := 0;
  trigram text;
BEGIN
  IF cardinality(a) + cardinality(b) = 0 THEN
    RETURN 0;
  END IF;
  FOREACH trigram IN ARRAY b LOOP
    IF trigram = ANY(a) THEN
      shared := shared + 1;
    END IF;
  END LOOP;
  RETURN shared::real / (cardinality(a) + cardinality(b) - shared);
END
$$;
"""
SQL = """
CREATE OR REPLACE FUNCTION portal_similarity(a text[], b text[]) RETURNS real LANGUAGE sql IMMUTABLE STRICT
PARALLEL SAFE AS $$
  SELECT CASE WHEN cardinality(a) + cardinality(b) = 0 THEN 0::real ELSE
    (SELECT count(*) FROM (SELECT unnest(a) INTERSECT SELECT unnest(b)) AS shared)::real
    / (SELECT count(*) FROM (SELECT unnest(a) UNION SELECT unnest(b)) AS every) END
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("projects", "0004_assessment_items")]

    operations = [migrations.RunSQL(PLPGSQL, SQL)]
