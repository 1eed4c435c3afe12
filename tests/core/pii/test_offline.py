"""Scanning never opens a network socket, even the first time tldextract sees an email."""

import subprocess
import sys
import textwrap

GUARD = textwrap.dedent("""
    import socket
    opened = []
    class NoNetwork(socket.socket):
        def __init__(self, family=-1, *args, **kwargs):
            if family in (socket.AF_INET, socket.AF_INET6, -1):
                opened.append(family)
                raise OSError("network access attempted")
            super().__init__(family, *args, **kwargs)
    socket.socket = NoNetwork
    def refuse(*args, **kwargs):
        opened.append(args)
        raise OSError("network access attempted")
    socket.create_connection = refuse
    socket.getaddrinfo = refuse

    from workbench.core.pii.detector import Detector
    texts = ["请发邮件到a@b.com谢谢", "mail tom.baker@xinghe.example.com or see https://x.example.org",
             "Thanks Lina, call +1 415 555 0132", "张伟 13812345678"]
    findings = Detector().analyze_many(texts)
    assert any(f.entity == "EMAIL_ADDRESS" for f in findings[1]), findings
    print("sockets attempted:", opened)
    raise SystemExit(1 if opened else 0)
""")


def test_scanning_opens_no_socket(tmp_path):
    env = {"HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "WORKBENCH_HOME": str(tmp_path / "wb"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", GUARD], capture_output=True, text=True,
                            env=env, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
