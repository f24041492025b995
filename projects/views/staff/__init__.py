"""The programme staff workspace (/staff/): dashboards, calls, applications, assessment, decisions."""
