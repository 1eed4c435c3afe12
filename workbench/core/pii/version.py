"""The detector's version, light to import: a scan made by another version is stale."""

# Bumped whenever recognizers or models change, so cached scan results are not reused and
# the gate asks for a new scan before anything is approved or exported.
DETECTOR_VERSION = "4.9"
