"""Uploads kept between the dry run and the confirm.

Files live in a private directory, MEDIA_ROOT/imports/<random token>/, never
under the static root and never served. The token is bound to the user's
session: another user, or the same user after logging out, cannot confirm it.
The files' SHA-256 is checked at confirm, so what is written is exactly what
the dry run showed; uploads expire after ``IMPORT_UPLOAD_TTL`` seconds.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.files.uploadedfile import UploadedFile

from ..models import Plan
from .importing import ImportFile, ImportSource, PlanChanged, import_actions
from .reading import max_bytes, too_large
from .report import ImportReport

SESSION_KEY = "transfer_uploads"
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32}$")
ROLES = ("main", "indicators", "budget_lines")


class UploadGone(Exception):
    """No such upload for this user and plan, it expired, or its files changed."""


def ttl_seconds() -> int:
    return int(getattr(settings, "IMPORT_UPLOAD_TTL", 60 * 60))


def root() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


@dataclass
class StoredUpload:
    token: str
    plan_id: int
    created: float
    files: dict[str, dict[str, str]]  # role -> {"name": as uploaded, "stored": file name, "sha256"}
    fingerprint: str = ""

    @property
    def directory(self) -> Path:
        return root() / self.token

    def source(self) -> ImportSource:
        def file(role: str) -> ImportFile | None:
            info = self.files.get(role)
            if info is None:
                return None
            return ImportFile(path=self.directory / info["stored"], name=info["name"])

        main = file("main")
        assert main is not None
        return ImportSource(
            main=main, indicators=file("indicators"), budget_lines=file("budget_lines")
        )

    def names(self) -> list[str]:
        return [self.files[role]["name"] for role in ROLES if role in self.files]

    def save_report(self, report: ImportReport) -> None:
        self.fingerprint = report.fingerprint()
        (self.directory / "report.json").write_text(json.dumps(report.to_dict()), encoding="utf-8")

    def load_report(self) -> ImportReport:
        data = json.loads((self.directory / "report.json").read_text(encoding="utf-8"))
        return ImportReport.from_dict(data)

    def as_session(self) -> dict[str, Any]:
        return {
            "plan": self.plan_id,
            "created": self.created,
            "files": self.files,
            "fingerprint": self.fingerprint,
        }


def _safe_suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return suffix if suffix in (".xlsx", ".csv") else ".bin"


def _write(upload: UploadedFile, path: Path) -> str:
    """Copy the upload chunk by chunk, refusing it as soon as it passes the size limit."""
    digest = hashlib.sha256()
    written = 0
    with path.open("xb") as out:
        path.chmod(0o600)
        for chunk in upload.chunks():
            written += len(chunk)
            if written > max_bytes():
                raise too_large(written)  # the form checked .size already; this guards a lie
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def upload_store(
    session: SessionBase, plan: Plan, files: dict[str, UploadedFile | None]
) -> StoredUpload:
    purge_expired()
    token = secrets.token_urlsafe(24)  # 32 characters
    stored = StoredUpload(token=token, plan_id=plan.pk, created=time.time(), files={})
    stored.directory.mkdir(mode=0o700, parents=True)
    try:
        for role in ROLES:
            upload = files.get(role)
            if upload is None:
                continue
            name = Path(upload.name or role).name
            filename = f"{role}{_safe_suffix(name)}"
            digest = _write(upload, stored.directory / filename)
            stored.files[role] = {"name": name, "stored": filename, "sha256": digest}
    except Exception:
        shutil.rmtree(stored.directory, ignore_errors=True)
        raise
    remember(session, stored)
    return stored


def remember(session: SessionBase, stored: StoredUpload) -> None:
    limit = time.time() - ttl_seconds()
    uploads = {
        token: data
        for token, data in session.get(SESSION_KEY, {}).items()
        if data["created"] >= limit  # forget uploads abandoned long ago
    }
    uploads[stored.token] = stored.as_session()
    session[SESSION_KEY] = uploads


def upload_get(session: SessionBase, plan: Plan, token: str) -> StoredUpload:
    """The user's upload for this plan, unexpired and unchanged on disk."""
    data = session.get(SESSION_KEY, {}).get(token) if TOKEN_PATTERN.match(token) else None
    if data is None or data["plan"] != plan.pk:
        raise UploadGone(token)
    stored = StoredUpload(
        token=token,
        plan_id=data["plan"],
        created=data["created"],
        files=data["files"],
        fingerprint=data["fingerprint"],
    )
    if time.time() - stored.created > ttl_seconds():
        upload_discard(session, token)
        raise UploadGone(token)
    for info in stored.files.values():
        path = stored.directory / info["stored"]
        if not path.is_file() or _sha256(path) != info["sha256"]:
            upload_discard(session, token)
            raise UploadGone(token)
    return stored


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def upload_discard(session: SessionBase, token: str) -> None:
    uploads = dict(session.get(SESSION_KEY, {}))
    uploads.pop(token, None)
    session[SESSION_KEY] = uploads
    if TOKEN_PATTERN.match(token):
        shutil.rmtree(root() / token, ignore_errors=True)


def purge_expired() -> None:
    """Remove uploads nobody confirmed (closed tab, expired session)."""
    if not root().is_dir():
        return
    limit = time.time() - ttl_seconds()
    for directory in root().iterdir():
        if TOKEN_PATTERN.match(directory.name) and directory.stat().st_mtime < limit:
            shutil.rmtree(directory, ignore_errors=True)


def upload_check(session: SessionBase, plan: Plan, stored: StoredUpload) -> ImportReport:
    """The dry run: keep the report next to the files and its fingerprint in the session.

    An upload with a file that cannot be read at all (``report.refused``) is not kept:
    there is nothing to review, the form says what is wrong with which file.
    """
    report = import_actions(plan=plan, source=stored.source(), commit=False)
    if report.refused:
        upload_discard(session, stored.token)
    else:
        _keep(session, stored, report)
    return report


def refused_files(stored: StoredUpload, report: ImportReport) -> dict[str, str]:
    """Role -> message, for each file of the upload the reader refused as a whole."""
    return {
        role: report.refused[str(stored.directory / info["stored"])]
        for role, info in stored.files.items()
        if str(stored.directory / info["stored"]) in report.refused
    }


def upload_confirm(session: SessionBase, plan: Plan, stored: StoredUpload) -> ImportReport:
    """Write the upload in one transaction, if it still does what its dry run showed.

    Raises ``PlanChanged`` (with the new report kept for review) when the plan was
    edited since the dry run.
    """
    try:
        report = import_actions(
            plan=plan, source=stored.source(), commit=True, expected_fingerprint=stored.fingerprint
        )
    except PlanChanged as changed:
        _keep(session, stored, changed.report)
        raise
    if report.applied:
        upload_discard(session, stored.token)
    else:
        _keep(session, stored, report)
    return report


def _keep(session: SessionBase, stored: StoredUpload, report: ImportReport) -> None:
    stored.save_report(report)
    remember(session, stored)
