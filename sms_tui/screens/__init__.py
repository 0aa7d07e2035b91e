"""One module per screen or dialog, each with a sibling .tcss whose rules start with its type."""
