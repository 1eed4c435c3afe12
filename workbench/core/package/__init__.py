"""The package and its life: consent records and HR's requests, the skill folder, the
encrypted package (export, countersignature, checks), custody on the receiving side, purge
and deletion deadlines.

May import every other core package; only the demo and the front ends import it.
"""
