"""Hostile sizes: zip bombs, files past the size limit, and very long lines stay bounded."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from workbench.core.errors import ImportFailed
from workbench.core.ingest import base
from workbench.core.pii import detector as detector_module
from workbench.core.workspace import Workspace


def test_docx_zip_bomb_is_refused(workspace: Workspace, tmp_path: Path):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (300 * 1024 * 1024))
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb.getvalue())
    with pytest.raises(ImportFailed, match="zip bomb"):
        workspace.import_paths([path])
    assert workspace.status().artifacts == 0


def test_files_past_the_size_limit_are_refused_with_advice(workspace, tmp_path, monkeypatch):
    monkeypatch.setattr(base, "MAX_FILE_BYTES", 1024)
    path = tmp_path / "huge.mbox"
    path.write_bytes(b"From x\n" + b"a" * 4096)
    with pytest.raises(ImportFailed, match="Split it"):
        workspace.import_paths([path])


def test_long_texts_are_analysed_in_pieces_with_offsets_kept():
    from workbench.core.pii.detector import Detector, pieces

    filler = "word " * 30_000  # 150,000 characters on one line
    text = filler + "打我手机 13812345678 " + filler + " mail a@b.example.com"
    parts = pieces(text)
    assert len(parts) > 5 and all(len(p) <= detector_module.MAX_PIECE for _, p in parts)
    found = Detector().analyze(text)
    values = {(f.entity, text[f.start:f.end]) for f in found}
    assert ("PHONE_NUMBER", "13812345678") in values
    assert ("EMAIL_ADDRESS", "a@b.example.com") in values
