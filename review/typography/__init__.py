"""Typography of Chinese text by GB/T 15834-2011: the check 初审 offers the editor (checker.py),
the ASCII-marks rules it shares with the demo content converter (marks.py), and accepting a fix as a
new revision of the work under review (revision.py)."""
