"""The senders of the new chat formats reach the workspace's people, which detection uses."""

from pathlib import Path

from workbench.core.review import scan
from workbench.core.workspace import Workspace


def test_wechat_senders_become_known_people_and_their_names_are_findings(
    workspace: Workspace, fixtures: Path
):
    workspace.import_paths([fixtures / "wechat/memotrace_张伟.csv",
                            fixtures / "wechat/chatlog_项目群_2024-03-01_2024-03-31.txt"])
    names = {p.name for p in workspace.people()}
    assert {"张伟", "Tom Baker"} <= names
    assert not any(n and n.startswith("wxid_") for n in names)
    scan.scan_workspace(workspace)
    keys = {f.value: f.person_key for f in workspace.findings()}
    # the chatlog text names Tom in a message; he is known from being a sender
    assert keys.get("Tom") or keys.get("Tom Baker")
