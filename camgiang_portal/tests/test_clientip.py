"""Client addresses behind a proxy: believed only from a trusted proxy."""

from django.test import RequestFactory

from camgiang_portal.clientip import client_ip


def _request(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_direct_client_is_its_own_address(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(_request("203.0.113.5", "1.2.3.4")) == "203.0.113.5"


def test_forwarded_for_is_believed_only_from_a_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_ip(_request("127.0.0.1", "198.51.100.7")) == "198.51.100.7"
    # A client that forges the header before the proxy appends the real address gains nothing.
    assert client_ip(_request("127.0.0.1", "10.0.0.1, 198.51.100.7")) == "198.51.100.7"
    assert client_ip(_request("203.0.113.9", "198.51.100.7")) == "203.0.113.9"
