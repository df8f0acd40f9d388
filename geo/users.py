"""Who may edit: a list of named users with hashed passwords, or a proxy's header.

Reading needs no account. Editing needs a name, from one of (in this order):

1. ``JOINTMAP_AUTH_HEADER=X-Forwarded-User``: the name an authenticating reverse proxy puts
   in that request header (only behind a proxy that sets it and strips it from clients;
   ``docs/deploy.md``);
2. ``JOINTMAP_USERS=/path/users.json``: users signing in with a password, stored as
   PBKDF2-SHA256 hashes (``python -m geo users add NAME`` writes one);
3. neither, on the file backend: the computer's own account (one analyst on a laptop).

The PostGIS backend with neither configured allows no editing.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import json
import os
import re
import secrets
from pathlib import Path

USERS_ENV = "JOINTMAP_USERS"
HEADER_ENV = "JOINTMAP_AUTH_HEADER"
ITERATIONS = 600_000  # OWASP's 2023 figure for PBKDF2-HMAC-SHA256
_NAME = re.compile(r"^[\w.@-]{1,64}$")


def hash_password(password: str, *, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    """``pbkdf2_sha256$ITERATIONS$SALT$HASH`` (base64) for ``password``."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    b64 = base64.b64encode
    return f"pbkdf2_sha256${iterations}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches ``stored`` (constant-time comparison)."""
    try:
        algo, iterations, salt, digest = stored.split("$")
        if algo != "pbkdf2_sha256":
            return False
        got = hashlib.pbkdf2_hmac(
            "sha256", password.encode(), base64.b64decode(salt), int(iterations)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, base64.b64decode(digest))


def check_name(name: str) -> str:
    """A user name as stored in revisions: letters, digits and ``._@-``, up to 64.

    Raises
    ------
    ValueError
        Naming what was expected and what was got.
    """
    if not _NAME.fullmatch(name or ""):
        raise ValueError(f"expected a user name of 1-64 letters, digits or ._@-, got {name[:80]!r}")
    return name


def users_file() -> Path | None:
    """The configured users file (``None``: not configured)."""
    value = os.environ.get(USERS_ENV)
    return Path(value) if value else None


def load_users(path: Path) -> dict[str, str]:
    """Name -> stored hash, from ``path`` (``{"users": {...}}``); empty when absent."""
    if not path.exists():
        return {}
    doc = json.loads(path.read_text("utf-8"))
    users = doc.get("users", {}) if isinstance(doc, dict) else {}
    return {str(k): str(v) for k, v in users.items()}


def add_user(path: Path, name: str, password: str) -> None:
    """Add or replace ``name`` in the users file (written with mode 0600)."""
    users = load_users(path)
    users[check_name(name)] = hash_password(password)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps({"users": users}, indent=1) + "\n", "utf-8")
    tmp.chmod(0o600)
    tmp.replace(path)


def sign_in(name: str, password: str, path: Path | None = None) -> str | None:
    """The user's name when the password matches, else ``None``."""
    path = path or users_file()
    if path is None:
        return None
    stored = load_users(path).get(name)
    return name if stored is not None and verify_password(password, stored) else None


def local_user() -> str:
    """The computer account's name (the file backend's editor when nothing is configured)."""
    try:
        return check_name(getpass.getuser())
    except (OSError, KeyError, ValueError):
        return "local"
