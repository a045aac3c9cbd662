"""The student's own rules: what each setting means and allows, and the settings in force."""
