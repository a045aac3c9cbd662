"""A revision round for a whole class: the teacher's host paces multiple-choice questions,
students answer from terminals or browser tabs, all through one round file."""
