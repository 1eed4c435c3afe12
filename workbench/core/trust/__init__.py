"""Trust: signatures (DSSE, Ed25519), the hash-chained consent ledger, identities and their
public cards, where private keys live, and sealing of stored values.

May import only the foundation modules at the core's root (errors, messages, paths, atomic,
display, progress). Nothing here knows about workspaces, reviews or packages.
"""
