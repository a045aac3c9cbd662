"""Questions asked of cards in every format, the cards they draw on, and papers of them."""
