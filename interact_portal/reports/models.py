"""Background-generated reports. The backbone only reserves the app; report kinds arrive with the staff workspace."""
