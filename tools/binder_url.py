"""Print the Binder link for this repository's git remote: `make binder-url`.

The public address of the repository is whatever `origin` points to, so the
link is derived rather than typed into the README.
"""

from __future__ import annotations

import re
import subprocess
import sys

START = "notebooks/00_start.ipynb"
#: The Python Binder builds (environment.yml's ``python=``). A declared constant: the
#: tests run on any Python 3.11-3.14 and compare environment.yml with this, not with
#: the interpreter that happens to run them.
BINDER_PYTHON = "3.11"


def binder_url(remote: str, ref: str = "HEAD") -> str:
    """Binder link for a GitHub remote (https or ssh form).

    >>> binder_url("git@github.com:alice/ce-course.git")
    'https://mybinder.org/v2/gh/alice/ce-course/HEAD?urlpath=lab/tree/notebooks/00_start.ipynb'
    """
    match = re.search(r"github\.com[:/]([^/]+)/(.+?)(?:\.git)?/?$", remote.strip())
    if not match:
        raise ValueError(
            f"remote {remote!r} is not a GitHub address; Binder's gh/ links need one "
            "(other hosts: see https://mybinder.org for the matching form)"
        )
    owner, repo = match.groups()
    return f"https://mybinder.org/v2/gh/{owner}/{repo}/{ref}?urlpath=lab/tree/{START}"


def main() -> int:
    try:
        remote = subprocess.run(
            ["git", "remote", "get-url", "origin"], capture_output=True, text=True, check=True
        ).stdout
    except (subprocess.CalledProcessError, FileNotFoundError):
        print("No git remote named 'origin': push the course to GitHub first, then run this again.")
        return 1
    try:
        url = binder_url(remote)
    except ValueError as exc:
        print(exc)
        return 1
    print(url)
    print("\nREADME badge (Markdown):")
    print(f"[![Launch on Binder](https://mybinder.org/badge_logo.svg)]({url})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
