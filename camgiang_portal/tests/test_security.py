"""Static security checks over the whole code base."""

import json
import subprocess
import sys

from django.conf import settings


def test_bandit_reports_nothing_of_medium_or_high_severity():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bandit",
            "-r",
            ".",
            "-x",
            "./.venv,./var,./staticfiles,./node_modules",
            "-ll",
            "-f",
            "json",
            "-q",
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout)
    findings = [f"{r['filename']}:{r['line_number']} {r['test_id']} {r['issue_text']}" for r in report["results"]]
    assert findings == []
    assert report["metrics"]["_totals"]["loc"] > 1000  # it really scanned the project
