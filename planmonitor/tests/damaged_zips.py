"""Damage a zip (XLSX, DOCX, ODT) the way real files get damaged, byte for byte.

zipfile cannot write these files, so the helpers patch the bytes of a good one:
the local header (``PK\\x03\\x04``) and the central directory entry
(``PK\\x01\\x02``) of one member, or its compressed data.
"""

import io
import random
import struct
import zipfile

LOCAL = b"PK\x03\x04"
CENTRAL = b"PK\x01\x02"
UTF8_FLAG = 0x800


def _info(data: bytes, member: str) -> zipfile.ZipInfo:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.getinfo(member)


def _central_offset(data: bytes, member: str) -> int:
    name = member.encode()
    at = data.find(CENTRAL)
    while at != -1:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + length] == name:
            return at
        at = data.find(CENTRAL, at + 4)
    raise KeyError(member)


def _data_offset(data: bytes, info: zipfile.ZipInfo) -> int:
    start = info.header_offset
    assert data[start : start + 4] == LOCAL
    name_length, extra_length = struct.unpack_from("<HH", data, start + 26)
    return start + 30 + name_length + extra_length


def set_method(data: bytes, member: str, method: int) -> bytes:
    """Claim another compression method (99 is AES, which zipfile does not know)."""
    out = bytearray(data)
    local = _info(data, member).header_offset
    struct.pack_into("<H", out, local + 8, method)
    struct.pack_into("<H", out, _central_offset(data, member) + 10, method)
    return bytes(out)


def corrupt_deflate(data: bytes, member: str) -> bytes:
    """Make the member's deflate stream start with a block of the reserved type 3."""
    info = _info(data, member)
    assert info.compress_type == zipfile.ZIP_DEFLATED
    out = bytearray(data)
    out[_data_offset(data, info)] = 0xFF  # BFINAL=1, BTYPE=11: "invalid block type"
    return bytes(out)


def wrong_crc(data: bytes, member: str) -> bytes:
    out = bytearray(data)
    info = _info(data, member)
    for offset in (info.header_offset + 14, _central_offset(data, member) + 16):
        struct.pack_into("<I", out, offset, info.CRC ^ 0xFFFFFFFF)
    return bytes(out)


def bad_utf8_name(data: bytes, member: str) -> bytes:
    """Flag the member's name as UTF-8 (bit 11) and put a byte in it that UTF-8 never has."""
    out = bytearray(data)
    name = member.encode()
    broken = name[:-1] + b"\xff"  # same length: every offset stays right
    info = _info(data, member)
    central = _central_offset(data, member)
    for header, flags_at, name_at in (
        (info.header_offset, 6, 30),
        (central, 8, 46),
    ):
        flags = struct.unpack_from("<H", out, header + flags_at)[0]
        struct.pack_into("<H", out, header + flags_at, flags | UTF8_FLAG)
        out[header + name_at : header + name_at + len(name)] = broken
    return bytes(out)


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rezip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def replace_part(data: bytes, member: str, old: bytes, new: bytes) -> bytes:
    members = parts(data)
    assert old in members[member], members[member][:400]
    members[member] = members[member].replace(old, new)
    return rezip(members)


def without_part(data: bytes, member: str) -> bytes:
    members = parts(data)
    del members[member]
    return rezip(members)


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """One random edit: flip, insert, delete, overwrite a run, or truncate."""
    out = bytearray(data)
    at = rng.randrange(len(out))
    edit = rng.choice(("flip", "insert", "delete", "overwrite", "truncate"))
    if edit == "flip":
        out[at] ^= 1 << rng.randrange(8)
    elif edit == "insert":
        out[at:at] = rng.randbytes(rng.randint(1, 16))
    elif edit == "delete":
        del out[at : at + rng.randint(1, 16)]
    elif edit == "overwrite":
        run = rng.randint(1, 32)
        out[at : at + run] = rng.randbytes(run)
    else:
        del out[at:]
    return bytes(out)
