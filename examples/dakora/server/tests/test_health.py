import dakora_server


def test_health_reports_ok():
    assert dakora_server.health() == {"status": "ok"}
