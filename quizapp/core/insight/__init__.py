"""What the student sees of their progress: statistics, mastery, a card's history."""
