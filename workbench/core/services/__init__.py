"""The application layer: one module per user task, the only part of the core the front ends call.

Both front ends (`workbench/cli.py` with `workbench/terminal/`, and `workbench/gui/`) import
from the core only these modules and the foundation (errors, messages, logs, clock, paths,
atomic, display, progress). Each function takes plain arguments and returns plain frozen
dataclasses: a result, the reasons something is refused, with progress callbacks and a cancel
token where the work is long. The rules that protect the user (what may be approved, what may
leave, who may countersign, what may be opened or purged) are checked here or below, never in
a front end; a front end only shows what these functions return.

Modules: `workspaces` (create, open, unlock, lock, the employee's profile), `importing`,
`scanning`, `reviewing`, `consenting`, `exporting`, `countersigning` (HR's requests and
countersignature), `receiving` (verify, open, revocations, purge, receipts), `deadlines`,
`identities` (keys, cards, contacts, the key store).

May import every other core package; only demo, diagnostics and the front ends import it.
"""
