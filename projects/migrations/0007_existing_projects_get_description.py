"""Every application has a description row (created with it from now on); existing ones get an empty one."""

from django.db import migrations

SQL = """
INSERT INTO projects_projectdescription (
    project_id, context, overall_objective, durability, transferability, communication,
    sustainable_development, sustainable_development_justification, equal_opportunities,
    equal_opportunities_justification, gender_equality, gender_equality_justification, version, changed_at
)
SELECT p.id, '', '', '', '', '', '', '', '', '', '', '', 1, now()
FROM projects_project p
WHERE NOT EXISTS (SELECT 1 FROM projects_projectdescription d WHERE d.project_id = p.id)
"""


class Migration(migrations.Migration):
    dependencies = [("projects", "0006_application_form")]
    operations = [migrations.RunSQL(SQL, migrations.RunSQL.noop)]
