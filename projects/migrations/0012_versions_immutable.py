"""A version, once written, is never changed or deleted: the database refuses it, whatever the code does."""

from django.db import migrations

SQL = """
CREATE OR REPLACE FUNCTION projects_version_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'application version % is immutable', OLD.id USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER projects_applicationversion_immutable
    BEFORE UPDATE OR DELETE ON projects_applicationversion
    FOR EACH ROW EXECUTE FUNCTION projects_version_immutable();
"""
REVERSE = """
DROP TRIGGER IF EXISTS projects_applicationversion_immutable ON projects_applicationversion;
DROP FUNCTION IF EXISTS projects_version_immutable();
"""


class Migration(migrations.Migration):
    dependencies = [("projects", "0011_versions_modifications_closure")]

    operations = [migrations.RunSQL(SQL, REVERSE)]
