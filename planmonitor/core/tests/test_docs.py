"""Documentation as code: what the project offers, the README must mention.

Adding a management command, an environment variable, a role or a make target
without documenting it fails here.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

from planmonitor.accounts.models import Role

ROOT = Path(settings.BASE_DIR)
README = (ROOT / "README.md").read_text(encoding="utf-8")


def management_commands() -> list[str]:
    return sorted(
        path.stem
        for path in ROOT.glob("planmonitor/*/management/commands/*.py")
        if not path.stem.startswith("_")
    )


# env.str("NAME", ...), environ.Env().int("NAME"), os.environ.get("NAME"), os.getenv("NAME")
ENV_READ = re.compile(
    r"""(?:\benv|Env\(\))\.\w+\(\s*["']([A-Z][A-Z0-9_]*)["']"""
    r"""|os\.environ(?:\.get\(|\[)\s*["']([A-Z][A-Z0-9_]*)["']"""
    r"""|os\.getenv\(\s*["']([A-Z][A-Z0-9_]*)["']"""
)


def settings_variables() -> list[str]:
    source = (ROOT / "planmonitor" / "settings.py").read_text(encoding="utf-8")
    return sorted({name for match in ENV_READ.findall(source) for name in match if name})


def make_targets() -> list[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    phony = re.search(r"^\.PHONY:(.*)$", makefile, re.MULTILINE)
    return sorted(set(phony.group(1).split()) - {"help"})


def test_the_parsers_find_what_is_known_to_exist():
    # Guards against a parser that finds nothing and so passes vacuously.
    assert "load_gbv_plan" in management_commands()
    assert {"DATABASE_URL", "SECRET_KEY", "PLANMONITOR_VAR_DIR"} <= set(settings_variables())
    assert {"run", "test", "lint"} <= set(make_targets())


@pytest.mark.parametrize("command", management_commands())
def test_every_management_command_is_documented(command):
    assert re.search(rf"`[^`\n]*\b{command}\b[^`\n]*`", README), (
        f"README.md does not mention the management command `{command}`"
    )


@pytest.mark.parametrize("variable", settings_variables())
def test_every_environment_variable_is_documented(variable):
    assert f"`{variable}`" in README, (
        f"settings.py reads {variable}, but README.md's configuration table does not list it"
    )


@pytest.mark.parametrize("target", make_targets())
def test_every_make_target_is_documented(target):
    assert f"make {target}" in README, f"README.md does not mention `make {target}`"


@pytest.mark.parametrize("role", [role.value for role in Role])
def test_every_role_is_documented(role):
    assert f"`{role}`" in README, f"README.md does not describe the role `{role}`"
