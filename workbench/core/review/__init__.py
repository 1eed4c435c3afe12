"""Review: scanning a workspace, a decision for every finding, the gate that decides what may
be approved and what may leave, and applying decisions (redaction, pseudonyms).

May import the foundation, trust, ingest, pii and workspace; never package or the front ends.
"""
