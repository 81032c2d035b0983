from dakora_client import Client


def test_url_joins_base_and_path():
    assert Client("http://api.test/").url("/health") == "http://api.test/health"
