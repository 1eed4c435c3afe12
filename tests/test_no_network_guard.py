"""The suite-wide guard itself: a connection attempt fails the test that makes it."""

import socket

import pytest

from tests.conftest import NetworkAccess


def test_connecting_an_internet_socket_is_refused():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock, pytest.raises(NetworkAccess):
        sock.connect(("127.0.0.1", 9))


def test_name_lookup_is_refused():
    with pytest.raises(NetworkAccess):
        socket.getaddrinfo("example.com", 443)


def test_local_unix_sockets_still_work():
    left, right = socket.socketpair()
    with left, right:
        left.sendall(b"x")
        assert right.recv(1) == b"x"
