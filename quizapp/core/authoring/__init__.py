"""For deck writers: the linter, the template, writing deck files, other tools' formats."""
