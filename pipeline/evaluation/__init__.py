"""Evaluation: matching and scoring records against gold, error rows, rendered reports, gold
file I/O and anchors, agreement, Label Studio and the labelling workflow."""
