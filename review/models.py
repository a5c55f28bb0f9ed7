"""The path from a creator's draft to publication (三审). Built out in the review workflow issue."""
