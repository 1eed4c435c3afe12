"""Arbitrary and mutated bytes into every importer, the package reader and the ledger
reader: nothing escapes but the project's own clear error types. Budgeted for `make test`;
HYPOTHESIS_PROFILE=long runs far more examples."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.core.errors import WorkbenchError
from workbench.core.ingest import ImportContext, extract_all, plan_import
from workbench.core.package.bundle import read_bundle
from workbench.core.trust import ledger

FIXTURES = Path(__file__).parents[1] / "fixtures"
# Mutated JPEGs carry broken EXIF; Pillow warns and carries on, which is what is wanted.
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning:PIL")
settings.register_profile("default", max_examples=25, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

SAMPLES = {
    ".json": FIXTURES / "feishu/chat_export.json",
    ".txt": FIXTURES / "collector/messages.txt",
    ".eml": FIXTURES / "email/handover.eml",
    ".mbox": FIXTURES / "email/inbox.mbox",
    ".docx": FIXTURES / "docs/onboarding.docx",
    ".pdf": FIXTURES / "docs/runbook.pdf",
    ".md": FIXTURES / "docs/handover_notes.md",
    ".png": FIXTURES / "images/chat_screenshot.png",
    ".jpg": FIXTURES / "images/whiteboard_photo.jpg",
    # Formats that share a suffix with others are told apart by content: each is a target.
    "memotrace.csv": FIXTURES / "wechat/memotrace_张伟.csv",
    "pywxdump.csv": FIXTURES / "wechat/pywxdump_123456789@chatroom_0_5001.csv",
    "chatlog.csv": FIXTURES / "wechat/chatlog_123456789@chatroom_2024-03-05_2024-03-05.csv",
    "memotrace.txt": FIXTURES / "wechat/memotrace_支付网关群.txt",
    "weflow.txt": FIXTURES / "wechat/weflow_张伟.txt",
    "chatlog.txt": FIXTURES / "wechat/chatlog_项目群_2024-03-01_2024-03-31.txt",
    "chatlab.json": FIXTURES / "wechat/chatlab_支付网关发布群.json",
    "chatlog.json": FIXTURES / "wechat/chatlog_123456789@chatroom.json",
    "memotrace.html": FIXTURES / "wechat/memotrace_张伟.html",
    "collector-feishu.txt": FIXTURES / "collectors/feishu/messages.txt",
    "collector-dingtalk.txt": FIXTURES / "collectors/dingtalk/messages.txt",
    "collector-slack.txt": FIXTURES / "collectors/slack/messages.txt",
    "records.json": FIXTURES / "collectors/records.json",
    "telegram.json": FIXTURES / "telegram/result.json",
    "whatsapp-android.txt": FIXTURES / "whatsapp/WhatsApp Chat with Zhang Wei.txt",
    "whatsapp-ios.txt": FIXTURES / "whatsapp/WhatsApp Chat - Release.txt",
    "slack.zip": FIXTURES / "slack_export.zip",
    ".xlsx": FIXTURES / "office/contacts.xlsx",
    ".xls": FIXTURES / "office/payroll.xls",
    ".pptx": FIXTURES / "office/release_plan.pptx",
    ".odt": FIXTURES / "office/handover.odt",
    ".ods": FIXTURES / "office/roster.ods",
    ".odp": FIXTURES / "office/review.odp",
    ".html": FIXTURES / "office/page.html",
    ".rtf": FIXTURES / "office/notes.rtf",
    "charsets.mbox": FIXTURES / "mail/charsets.mbox",
    "cjk.pdf": FIXTURES / "pdf/statement_big5.pdf",
    "encrypted.pdf": FIXTURES / "pdf/payslip_owner_password.pdf",
    "junk.pdf": FIXTURES / "pdf/payslip_leading_junk.pdf",
    "bold.pdf": FIXTURES / "pdf/payslip_simplified.pdf",
    ".emlx": FIXTURES / "mail/handover.emlx",
    ".msg": FIXTURES / "outlook/release.msg",
    "teams.msg": FIXTURES / "outlook/teams_chat.msg",
    ".pst": FIXTURES / "outlook/mailbox.pst",
}
# Importers that read a folder: every file in it is a target.
FOLDERS = {"slack": FIXTURES / "slack", "colleague-skill": FIXTURES / "colleague_skill",
           "collector-feishu": FIXTURES / "collectors/feishu",
           "collector-dingtalk": FIXTURES / "collectors/dingtalk",
           # PyWxDump's users.json names the wxids of the CSVs beside it.
           "wechat": FIXTURES / "wechat"}


@st.composite
def mutated(draw, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        position = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        if action == "flip":
            data[position] ^= draw(st.integers(1, 255))
        elif action == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=16))
        elif action == "delete":
            del data[position:position + draw(st.integers(1, 64))]
        else:
            del data[position:]
    return bytes(data)


def import_bytes(name: str, data: bytes) -> None:
    suffix = Path(name).suffix or name
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        # A clear, specific refusal is the right answer to hostile input; nothing else is.
        with contextlib.suppress(WorkbenchError):
            extract_all(plan_import([path]), ImportContext())


@pytest.mark.parametrize("suffix", sorted({Path(name).suffix or name for name in SAMPLES}))
def test_importers_survive_arbitrary_bytes(suffix: str):
    @given(st.binary(max_size=2048))
    def check(data: bytes) -> None:
        import_bytes(suffix, data)

    check()


@pytest.mark.parametrize("suffix", sorted(SAMPLES))
def test_importers_survive_mutated_samples(suffix: str):
    original = SAMPLES[suffix].read_bytes()

    @given(mutated(original))
    def check(data: bytes) -> None:
        import_bytes(suffix, data)

    check()


# Files whose name says nothing are told apart by their first bytes: each signature the
# sniffing reads is a target, as a lone file and as a file in a folder.
UNNAMED = [".mbox", ".eml", ".pdf", ".docx", ".xlsx", ".msg", ".png", ".json", "memotrace.csv",
           "slack.zip", ".txt"]


@pytest.mark.parametrize("sample", UNNAMED)
def test_content_sniffing_survives_mutated_samples_without_a_suffix(sample: str):
    original = SAMPLES[sample].read_bytes()

    @given(mutated(original))
    def check(data: bytes) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "unnamed"
            path.write_bytes(data)
            for target in (path, Path(folder)):
                with contextlib.suppress(WorkbenchError):
                    extract_all(plan_import([target]), ImportContext())

    check()


def test_pst_reader_survives_arbitrary_bytes_behind_its_signature():
    # libpff (C) gets garbage past its magic.
    @given(st.binary(max_size=4096))
    def check(data: bytes) -> None:
        import_bytes(".pst", b"!BDN" + data)

    check()


def test_pst_reader_survives_mutations_where_the_sample_keeps_its_data():
    # Past its B-tree pages the sample is empty space (an Outlook file grows in steps of
    # its allocation map): mutate the header, blocks and pages, where a reader can trip.
    original = SAMPLES[".pst"].read_bytes()
    used = len(original.rstrip(b"\0"))

    @given(mutated(original[:used]))
    def check(data: bytes) -> None:
        import_bytes(".pst", data + original[used:])

    check()


@pytest.mark.parametrize("name", sorted(FOLDERS))
def test_folder_importers_survive_a_mutated_file(name: str):
    import shutil

    original = FOLDERS[name]
    files = sorted(p.relative_to(original) for p in original.rglob("*") if p.is_file())

    @given(st.sampled_from(files), st.data())
    def check(target: Path, data: st.DataObject) -> None:
        altered = data.draw(st.one_of(st.binary(max_size=512),
                                      mutated((original / target).read_bytes())))
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / original.name
            shutil.copytree(original, copy)
            (copy / target).write_bytes(altered)
            with contextlib.suppress(WorkbenchError):
                extract_all(plan_import([copy]), ImportContext())

    check()


def test_package_reader_survives_arbitrary_and_mutated_bytes():
    import io
    import zipfile

    skeleton = io.BytesIO()
    with zipfile.ZipFile(skeleton, "w") as archive:
        for name in ("manifest.dsse.json", "ledger.jsonl", "payload.age"):
            archive.writestr(name, b'{"payloadType": "x", "payload": "e30=", "signatures": []}')

    @given(st.one_of(st.binary(max_size=2048), mutated(skeleton.getvalue())))
    def check(data: bytes) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "x.cwpkg"
            path.write_bytes(data)
            with contextlib.suppress(WorkbenchError):
                read_bundle(path)

    check()


def test_ledger_reader_survives_arbitrary_text():
    @given(st.text(max_size=2048))
    def check(text: str) -> None:
        result = ledger.verify(text, {})
        assert result.ok == (text == "")

    check()


def test_sealed_values_refuse_any_alteration():
    """A workspace value altered outside the app opens to its own error, never to wrong text."""
    import pyrage

    from workbench.core.trust.sealing import Sealer, WorkspaceDamaged

    sealer = Sealer(str(pyrage.x25519.Identity.generate()))
    row = "artifact|PERSON|0|2|SpacyRecognizer|"
    sealed = sealer.seal("张伟 13812345678 zhang.wei@example.com", "findings.value", row)
    assert sealed is not None

    @given(st.one_of(st.binary(max_size=256), mutated(sealed)))
    def check(data: bytes) -> None:
        if data == sealed:
            return
        with pytest.raises(WorkspaceDamaged):
            sealer.open(data, "findings.value", row)

    check()
    with pytest.raises(WorkspaceDamaged):
        sealer.open(sealed, "people.name", row)  # moved to another column
    with pytest.raises(WorkspaceDamaged):
        sealer.open(sealed, "findings.value", "other|PERSON|0|2|SpacyRecognizer|")  # other row
