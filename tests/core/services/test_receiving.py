"""The receiving team's task through core/services/receiving: one choice of identity for
every verify, the first refusal shown being the one open gives, nothing opened that fails a
check, and purge, revocations and receipts as plain results."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.core.test_bundle import DELETE_BY, NOW, Flow
from tests.test_cli import run
from workbench.core.errors import BadInputError, RefusedError
from workbench.core.package import custody
from workbench.core.paths import using_home
from workbench.core.services import deadlines, receiving
from workbench.core.trust import keys


def test_several_recipient_identities_are_refused_by_every_verify(flow: Flow, capsys):
    flow.export()
    flow.countersign()
    with flow.recipient:
        assert receiving.verify_package(flow.package, NOW).openable
        keys.create_identity(keys.Role.RECIPIENT, "Second team", "second@xinghe.example.com")
        with pytest.raises(keys.KeyError_) as ambiguous:
            receiving.verify_package(flow.package, NOW)
        assert ambiguous.value.code == "identity.ambiguous"
        assert "Payments AI team" in str(ambiguous.value)
        # The command line makes the same choice (it used to take the first identity).
        code, _, err = run(capsys, "verify", flow.package)
        assert code == 2 and "several receiving team identities" in err
        named = receiving.verify_package(flow.package, NOW, flow.recipient.card.fingerprint)
        assert named.openable and named.recipient == flow.recipient.card


def test_without_a_recipient_identity_a_package_is_checked_but_cannot_be_opened(flow: Flow):
    flow.export()
    flow.countersign()
    with flow.hr:
        checked = receiving.verify_package(flow.package, NOW)
        assert checked.ok and checked.refusal is None and not checked.openable
        assert "recipient" not in {c.name for c in checked.checks}
        with pytest.raises(RefusedError) as none:
            receiving.open_package(flow.package, flow.root / "out-hr", NOW)
        assert none.value.code == "identity.none"
    assert not (flow.root / "out-hr").exists()


def test_the_first_refusal_shown_is_the_one_open_refuses_with(flow: Flow):
    """A recipient who knows HR but not the employee: the employee's signature is unknown
    (checked first) and HR has not countersigned (the more fundamental refusal)."""
    flow.export()
    with using_home(flow.root / "homes" / "stranger"):
        keys.create_identity(keys.Role.RECIPIENT, "Stranger team", "stranger@example.com")
        card = flow.root / "hr.wbid.json"
        card.write_bytes(keys.card_bytes(flow.hr.card))
        keys.import_contact(card)
        checked = receiving.verify_package(flow.package, NOW)
        failed = [c.name for c in checked.failed()]
        assert failed[0] == "employee signature" and "HR countersignature" in failed
        assert checked.refusal is not None and checked.refusal.name == "HR countersignature"
        with pytest.raises(RefusedError) as refused:
            receiving.open_package(flow.package, flow.root / "stranger-out", NOW)
    assert refused.value.code == "custody.refused"
    assert checked.refusal.text() in str(refused.value)
    assert checked.refusal.title() in str(refused.value)


def test_a_package_with_a_refused_check_is_not_opened(flow: Flow):
    flow.export()  # never countersigned
    out = flow.root / "received"
    with flow.recipient:
        checked = receiving.verify_package(flow.package, NOW)
        assert not checked.openable and checked.refusal is not None
        with pytest.raises(RefusedError):
            receiving.open_package(flow.package, out, NOW)
        assert receiving.held_packages(NOW) == []
    assert not out.exists() or not any(out.iterdir())


def test_open_revoke_purge_and_receipt_as_plain_results(flow: Flow):
    flow.export()
    flow.countersign()
    with flow.recipient:
        opened = receiving.open_package(flow.package, flow.root / "received", NOW)
        (held,) = receiving.held_packages(NOW)
        assert (held.package, held.delete_by, held.status) == (opened.package, DELETE_BY,
                                                              "active")
        assert held.purgeable and held.folders == (str(opened.folder.resolve()),)
        assert held.employee == "李娜" and receiving.still_due(NOW) == 0
    revocation = flow.root / "w.revocation"
    with flow.employee:
        (row,) = deadlines.deadlines(NOW)
        assert row.side == "export" and row.status not in deadlines.FINISHED
        export = deadlines.export_to_withdraw(row.package[:16])
        assert export.present and export.package == opened.package
        withdrawn = deadlines.withdraw(export.bundle, revocation, NOW)
        assert not withdrawn.already
        assert deadlines.deadlines(NOW)[0].status in deadlines.FINISHED
    with flow.recipient:
        imported = receiving.import_revocation(revocation)
        assert imported.held and not imported.already and imported.employee == "李娜"
        assert receiving.import_revocation(revocation).already
        assert receiving.still_due(NOW) == 1
        (purged,) = receiving.purge_due(NOW, flow.root)
        assert purged.package == opened.package and not opened.folder.exists()
        (gone,) = receiving.held_packages(NOW)
        assert not gone.purgeable and gone.status == "deleted ✓" and gone.receipt
        with pytest.raises(RefusedError) as again:
            receiving.purge(opened.package, NOW)
        assert again.value.code == "custody.already-purged"
    with flow.employee:
        receipt = receiving.import_receipt(purged.receipt)
        assert (receipt.package, receipt.recipient, receipt.already) == (
            opened.package, "Payments AI team", False)
        assert receiving.import_receipt(purged.receipt).already
        assert deadlines.deadlines(NOW)[0].status == "deleted ✓"


def test_only_the_employee_the_package_names_may_withdraw(flow: Flow):
    flow.export()
    with flow.hr:
        with pytest.raises(RefusedError) as none:
            deadlines.withdraw(flow.package, flow.root / "x.revocation", NOW)
        assert none.value.code == "identity.none"
    with using_home(flow.root / "homes" / "other-employee"):
        keys.create_identity(keys.Role.EMPLOYEE, "王伟", "wei@xinghe.example.com")
        with pytest.raises(RefusedError) as other:
            deadlines.withdraw(flow.package, flow.root / "y.revocation", NOW)
        assert other.value.code == "custody.only-employee-withdraws"


def test_purge_due_stops_between_packages_when_cancelled(flow: Flow):
    from workbench.core.progress import CancelToken

    flow.export()
    flow.countersign()
    with flow.recipient:
        receiving.open_package(flow.package, flow.root / "received", NOW)
        late = NOW + timedelta(days=400)
        assert receiving.still_due(late) == 1
        token = CancelToken()
        token.cancel()
        assert receiving.purge_due(late, cancel=token) == []
        assert receiving.still_due(late) == 1
        seen: list[tuple[int, int]] = []
        (done,) = receiving.purge_due(late, progress=lambda d, t, _: seen.append((d, t)))
        assert seen[0] == (0, 1) and seen[-1] == (1, 1)
        assert custody.register_entry(done.package)["deleted_at"]


def test_open_makes_no_folder_from_a_mistyped_path(flow: Flow):
    """The command line used to check `--out` itself; the app and any other caller of the
    service made every missing folder on the way (red team)."""
    flow.export()
    flow.countersign()
    typo = flow.root / "recieved" / "deep" / "out"
    with flow.recipient:
        with pytest.raises(BadInputError) as missing:
            receiving.open_package(flow.package, typo, NOW)
        assert missing.value.code == "error.folder-missing"
        assert receiving.held_packages(NOW) == []
        a_file = flow.root / "a-file"
        a_file.write_text("x")
        with pytest.raises(BadInputError):
            receiving.open_package(flow.package, a_file, NOW)
        assert a_file.read_text() == "x"
        # A new folder whose parent exists is fine.
        opened = receiving.open_package(flow.package, flow.root / "received", NOW)
    assert not (flow.root / "recieved").exists()
    assert opened.folder.parent == flow.root / "received"


def test_withdrawing_an_export_never_revokes_another_package_at_its_path(flow: Flow):
    """Red team: a second export to the same file (`--force`) left the first export's row
    pointing at it; withdrawing the first from the Deadlines page signed a revocation of
    the second, and the first stayed open to its recipients."""
    from workbench.core.package import bundle

    with flow.employee:
        first = bundle.export(flow.ws, flow.package, flow.employee.card, NOW)
    with flow.employee:
        second = bundle.export(flow.ws, flow.package, flow.employee.card,
                               NOW + timedelta(minutes=1), force=True)
    assert first.package != second.package
    revocation = flow.root / "first.revocation"
    with flow.employee:
        export = deadlines.export_to_withdraw(first.package)
        assert export.bundle == flow.package and export.present
        with pytest.raises(RefusedError) as other:
            deadlines.withdraw(export.bundle, revocation, NOW, package=first.package)
        assert other.value.code == "custody.withdraw-other-package"
        assert not revocation.exists()
        rows = {r.package: r for r in deadlines.deadlines(NOW)}
        assert rows[second.package].status not in deadlines.FINISHED
        # The package the file does hold is withdrawn when that is the one asked for.
        done = deadlines.withdraw(flow.package, revocation, NOW, package=second.package)
        assert done.package == second.package


def test_purge_never_writes_its_receipt_over_an_existing_file_unless_forced(flow: Flow):
    """Red team: `purge A --receipt-out r.json` then `purge B --receipt-out r.json` replaced
    A's signed receipt, its only copy (A, purged, can never be purged again), so A's
    employee could never see it deleted ✓."""
    flow.export()
    flow.countersign()
    earlier = flow.root / "r.json"
    earlier.write_text('{"another package\'s receipt": true}')
    with flow.recipient:
        opened = receiving.open_package(flow.package, flow.root / "received", NOW)
        with pytest.raises(BadInputError) as exists:
            receiving.purge(opened.package, NOW, earlier)
        assert exists.value.code == "error.out-exists"
        # Refused before any work: the package is still held, its copy still there.
        assert opened.folder.exists() and receiving.held_packages(NOW)[0].purgeable
        assert earlier.read_text() == '{"another package\'s receipt": true}'
        # A folder holding a file of the receipt's name is the same case.
        folder = flow.root / "receipts"
        folder.mkdir()
        taken = folder / f"{opened.package.removeprefix('sha256:')}.receipt.json"
        taken.write_text("kept")
        with pytest.raises(BadInputError):
            receiving.purge_due(NOW + timedelta(days=3650), folder)
        assert taken.read_text() == "kept" and opened.folder.exists()
        done = receiving.purge(opened.package, NOW, earlier, force=True)
    assert done.receipt == earlier and "receipt+json" in earlier.read_text()
    assert not opened.folder.exists()
