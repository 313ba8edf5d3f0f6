namespace lg {}
