"""What a student sits: study, quiz, cram and exam sessions, and exam reports."""
