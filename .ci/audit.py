"""`make audit`: requirements.lock against the known vulnerabilities (pip-audit, PyPI's advisory data).

Fails when a locked package has a known vulnerability that a release fixes (upgrade it: `make lock`);
a vulnerability with no fix yet is printed, not failed on, so that it is seen without blocking work.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What pip-audit prints when the advisory service cannot be reached at all.
UNREACHABLE = ("ConnectionError", "Max retries exceeded", "NameResolutionError", "timed out")


def main():
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "audit.json"
        command = [
            str(ROOT / ".venv" / "bin" / "pip-audit"),
            "--no-deps",
            "--disable-pip",
            "--progress-spinner=off",
            "-r",
            str(ROOT / "requirements.lock"),
            "-f",
            "json",
            "-o",
            str(report),
        ]
        run = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
        if not report.exists():
            print(run.stdout, run.stderr, sep="\n", file=sys.stderr)
            if any(sign in run.stderr for sign in UNREACHABLE):
                print("NOT AUDITED: pip-audit could not reach PyPI's vulnerability data (network).")
                return 0
            print("pip-audit did not produce a report", file=sys.stderr)
            return 2
        dependencies = json.loads(report.read_text())["dependencies"]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    if skipped and len(skipped) == len(dependencies):
        # Where PyPI's per-release JSON API (the advisory data pip-audit reads) is out of reach, as on
        # machines that reach only PyPI's package index: said plainly, not passed off as a clean audit.
        print(
            f"NOT AUDITED: pip-audit could not read the vulnerability data for any of the {len(skipped)} "
            f"locked packages ({skipped[0]['skip_reason']}). Run `make audit` where pypi.org/pypi/<name>/"
            "<version>/json is reachable."
        )
        return 0
    for dependency in skipped:
        print(
            f"not audited: {dependency['name']} {dependency.get('version', '')}: {dependency['skip_reason']}"
        )
    fixable, unfixed = [], []
    for dependency in dependencies:
        for vulnerability in dependency.get("vulns", []):
            row = (
                dependency["name"],
                dependency["version"],
                vulnerability["id"],
                vulnerability["fix_versions"],
            )
            (fixable if vulnerability["fix_versions"] else unfixed).append(row)
    for name, version, ident, _fixes in unfixed:
        print(f"known, no fix released yet: {name} {version} {ident}")
    for name, version, ident, fixes in fixable:
        print(f"VULNERABLE: {name} {version} {ident} — fixed in {', '.join(fixes)}")
    print(
        f"{len(dependencies)} locked packages audited; {len(fixable)} with a fix to take, {len(unfixed)} without"
    )
    return 1 if fixable else 0


if __name__ == "__main__":
    sys.exit(main())
