"""Static checks of the production deployment files; no Docker needed.

部署文件静态检查：docker-compose.yml、Dockerfile、.dockerignore、.env.example 与 deploy/。
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"

# ${NAME}, ${NAME:-x}, ${NAME-x}, ${NAME:?msg}, ${NAME?msg}, ${NAME:+x}; `$$` escapes a dollar.
VAR_RE = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+=])([^}]*))?\}")
BARE_VAR_RE = re.compile(r"(?<!\$)\$([A-Za-z_][A-Za-z0-9_]*)")
SECRET_NAME_RE = re.compile(r"PASSWORD|PASSWD|PWD|SECRET|(?:^|_)KEY(?:$|_)|TOKEN(?!_EXPIRE)")
ENV_LINE_RE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$")
VALID_CONDITIONS = {"service_started", "service_healthy", "service_completed_successfully"}
ONE_SHOT = {"migrate", "temporal-schema", "temporal-namespace"}


def _compose_text() -> str:
    return COMPOSE_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data = yaml.safe_load(_compose_text())
    assert isinstance(data, dict), "docker-compose.yml must be a mapping"
    return data


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    svcs = compose.get("services")
    assert isinstance(svcs, dict) and svcs, "docker-compose.yml has no services"
    return svcs


def _uncommented_compose_lines() -> list[str]:
    """docker-compose.yml without YAML comments (variables in comments do not count)."""
    lines = []
    for line in _compose_text().splitlines():
        stripped = line.lstrip()
        if stripped.startswith("#"):
            continue
        # a ' #' starts a comment in YAML plain scalars; our values never contain ' #'
        lines.append(line.split(" #", 1)[0])
    return lines


def _compose_variables() -> list[tuple[str, str | None, str]]:
    """(name, operator, argument) for every ${...} interpolation in docker-compose.yml."""
    found = []
    for line in _uncommented_compose_lines():
        for match in VAR_RE.finditer(line):
            found.append((match.group(1), match.group(2), match.group(3) or ""))
    return found


def _env_example() -> dict[str, str]:
    values: dict[str, str] = {}
    for raw in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = ENV_LINE_RE.match(line)
        assert match, f".env.example: not a KEY=value line: {raw!r}"
        values[match.group(1)] = match.group(2)
    return values


def _env_mapping(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        return dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {str(k): "" if v is None else str(v) for k, v in env.items()}


def _command_text(service: dict[str, Any]) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else str(command)


# --------------------------------------------------------------------------- structure


def test_compose_parses_without_version_key(compose: dict[str, Any]) -> None:
    assert "version" not in compose, "the Compose Specification has no top-level `version:`"


def test_expected_services_present(services: dict[str, dict[str, Any]]) -> None:
    expected = {
        "postgresql",
        "temporal-schema",
        "temporal",
        "temporal-namespace",
        "temporal-ui",
        "migrate",
        "api",
        "worker",
        "proxy",
    }
    assert expected <= set(services), f"missing services: {sorted(expected - set(services))}"


def test_build_contexts_and_dockerfiles_exist(services: dict[str, dict[str, Any]]) -> None:
    built = {name: svc["build"] for name, svc in services.items() if "build" in svc}
    assert {"migrate", "api", "worker"} <= set(built)
    for name, build in built.items():
        if isinstance(build, str):
            context, dockerfile = build, "Dockerfile"
        else:
            context, dockerfile = build.get("context", "."), build.get("dockerfile", "Dockerfile")
        context_dir = (ROOT / context).resolve()
        assert context_dir.is_dir(), f"{name}: build context {context!r} does not exist"
        assert (context_dir / dockerfile).is_file(), f"{name}: {dockerfile!r} not found"
        assert (context_dir / ".dockerignore").is_file(), f"{name}: no .dockerignore in context"


def test_bind_mounted_repo_files_exist(services: dict[str, dict[str, Any]]) -> None:
    mounts = 0
    for name, svc in services.items():
        for volume in svc.get("volumes", []):
            if isinstance(volume, dict):
                source = volume.get("source", "") if volume.get("type") == "bind" else ""
            else:
                source = str(volume).split(":", 1)[0]
            if source.startswith(("./", "../")):
                mounts += 1
                assert (ROOT / source).exists(), f"{name}: mounted path {source} does not exist"
    assert mounts >= 4, "expected bind mounts for postgres init, temporal scripts, config, nginx"


def test_images_pinned(services: dict[str, dict[str, Any]]) -> None:
    for name, svc in services.items():
        if "build" in svc:
            continue
        image = svc.get("image", "")
        assert image, f"{name}: neither build nor image"
        repo, _, tag = image.rpartition(":")
        assert repo and tag and "/" not in tag, f"{name}: image {image!r} has no tag"
        assert tag != "latest" and "$" not in tag, f"{name}: image {image!r} is not pinned"
        assert re.search(r"\d+\.\d+", tag), f"{name}: image {image!r} is not a specific version"


def test_no_published_ports_on_replicated_services(services: dict[str, dict[str, Any]]) -> None:
    for name in ("api", "worker"):
        assert not services[name].get("ports"), f"{name}: replicas cannot all publish one port"
        assert "container_name" not in services[name], f"{name}: container_name breaks replicas"
    assert services["proxy"].get("ports"), "proxy must publish the HTTP port"


# --------------------------------------------------------------------------- variables


def test_every_compose_variable_documented_in_env_example() -> None:
    used = {name for name, _, _ in _compose_variables()}
    assert used, "docker-compose.yml uses no variables?"
    documented = set(_env_example())
    missing = sorted(used - documented)
    assert not missing, f"variables not documented in .env.example: {missing}"


def test_no_bare_dollar_variables_in_compose() -> None:
    for line in _uncommented_compose_lines():
        without_braced = VAR_RE.sub("", line)
        bare = BARE_VAR_RE.findall(without_braced)
        assert not bare, f"use ${{NAME}} (or $$ to escape) instead of ${bare[0]}: {line.strip()}"


def test_secret_variables_are_required_without_defaults() -> None:
    secrets_seen = set()
    for name, op, _arg in _compose_variables():
        if SECRET_NAME_RE.search(name):
            secrets_seen.add(name)
            assert op == ":?", (
                f"secret ${{{name}}} must be written ${{{name}:?message}}, got {op!r}"
            )
    assert {
        "QINGLING_SECRET_KEY",
        "POSTGRES_PASSWORD",
        "QINGLING_DB_PASSWORD",
        "TEMPORAL_DB_PASSWORD",
    } <= secrets_seen


def test_secret_environment_values_are_interpolated(services: dict[str, dict[str, Any]]) -> None:
    for name, svc in services.items():
        for key, value in _env_mapping(svc).items():
            if SECRET_NAME_RE.search(key):
                assert re.fullmatch(r"\$\{[A-Za-z_][A-Za-z0-9_]*:\?[^}]*\}", value), (
                    f"{name}: {key} must come from ${{VAR:?message}}, not {value!r}"
                )
            for user_info in re.findall(r"://([^@/]*)@", value):
                _, _, password = user_info.partition(":")
                if password:
                    assert re.fullmatch(r"\$\{[A-Za-z_][A-Za-z0-9_]*:\?[^}]*\}", password), (
                        f"{name}: {key} embeds a literal password"
                    )


def test_env_example_secrets_are_empty_placeholders() -> None:
    env = _env_example()
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    for name, value in env.items():
        if SECRET_NAME_RE.search(name):
            assert value == "", f".env.example must leave {name} empty, found {value!r}"
    assert "secrets.token_urlsafe(48)" in text, ".env.example must say how to generate secrets"


def test_env_example_comments_are_bilingual() -> None:
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    assert re.search(r"[\u4e00-\u9fff]", text), "Chinese comments expected"
    assert re.search(r"#.*[A-Za-z]{4,}", text), "English comments expected"


# --------------------------------------------------------------------------- services


def test_app_services_configuration(services: dict[str, dict[str, Any]]) -> None:
    for name in ("migrate", "api", "worker"):
        env = _env_mapping(services[name])
        for key in (
            "DATABASE_URL",
            "TEMPORAL_ADDRESS",
            "TEMPORAL_NAMESPACE",
            "QINGLING_SECRET_KEY",
            "QINGLING_ENV",
            "QINGLING_DATA_DIR",
        ):
            assert key in env, f"{name}: {key} not set"
        assert env["QINGLING_ENV"] == "production"
        assert env["DATABASE_URL"].startswith("postgresql+psycopg://")
    for name in ("api", "worker"):
        volumes = [str(v) for v in services[name].get("volumes", [])]
        data_dir = _env_mapping(services[name])["QINGLING_DATA_DIR"]
        assert any(v.endswith(f":{data_dir}") for v in volumes), f"{name}: data dir not a volume"


def test_api_and_worker_replicas(services: dict[str, dict[str, Any]]) -> None:
    assert services["api"]["deploy"]["replicas"] == "${API_REPLICAS:-2}"
    assert services["worker"]["deploy"]["replicas"] == "${WORKER_REPLICAS:-2}"


def test_commands(services: dict[str, dict[str, Any]]) -> None:
    assert _command_text(services["migrate"]) == "qingling migrate"
    assert _command_text(services["worker"]) == "qingling worker"
    assert _command_text(services["api"]).startswith("qingling api --host 0.0.0.0 --port 8000")


def test_depends_on_use_conditions(services: dict[str, dict[str, Any]]) -> None:
    for name, svc in services.items():
        deps = svc.get("depends_on")
        if deps is None:
            continue
        assert isinstance(deps, dict), f"{name}: depends_on must be a mapping with conditions"
        for dep, spec in deps.items():
            assert dep in services, f"{name}: depends on unknown service {dep}"
            assert isinstance(spec, dict) and spec.get("condition") in VALID_CONDITIONS, (
                f"{name}: depends_on.{dep} needs a condition"
            )
            condition = spec["condition"]
            if condition == "service_healthy":
                check = services[dep].get("healthcheck")
                assert check and not check.get("disable"), f"{dep} has no healthcheck for {name}"
            if condition == "service_completed_successfully":
                assert dep in ONE_SHOT, f"{name}: {dep} is not a one-shot job"


def test_startup_order(services: dict[str, dict[str, Any]]) -> None:
    def condition(svc: str, dep: str) -> str:
        return services[svc]["depends_on"][dep]["condition"]

    assert condition("migrate", "postgresql") == "service_healthy"
    assert condition("temporal-schema", "postgresql") == "service_healthy"
    assert condition("temporal", "temporal-schema") == "service_completed_successfully"
    assert condition("temporal-namespace", "temporal") == "service_healthy"
    assert condition("temporal-ui", "temporal") == "service_healthy"
    for name in ("api", "worker"):
        assert condition(name, "migrate") == "service_completed_successfully"
        assert condition(name, "temporal") == "service_healthy"
        assert condition(name, "temporal-namespace") == "service_completed_successfully"
    assert condition("proxy", "api") == "service_healthy"


def test_one_shot_jobs_do_not_restart(services: dict[str, dict[str, Any]]) -> None:
    for name in ONE_SHOT:
        assert services[name].get("restart", "no") == "no", f"{name} must not restart"


def test_long_running_services_restart(services: dict[str, dict[str, Any]]) -> None:
    for name, svc in services.items():
        if name not in ONE_SHOT:
            assert svc.get("restart") in {"unless-stopped", "always"}, f"{name}: no restart policy"


def test_healthchecks(services: dict[str, dict[str, Any]]) -> None:
    pg = " ".join(services["postgresql"]["healthcheck"]["test"])
    assert "pg_isready" in pg
    api = " ".join(services["api"]["healthcheck"]["test"])
    assert "python" in api and "/healthz" in api
    assert services["worker"]["healthcheck"].get("disable") is True
    assert services["temporal"]["healthcheck"]["test"]


def test_temporal_configuration(services: dict[str, dict[str, Any]]) -> None:
    server = _env_mapping(services["temporal"])
    assert server["DB"] == "postgres12"
    assert server["POSTGRES_SEEDS"] == "postgresql"
    assert server["DBNAME"] == "temporal"
    assert server["VISIBILITY_DBNAME"] == "temporal_visibility"
    path = server["DYNAMIC_CONFIG_FILE_PATH"]
    assert path.endswith("/production.yaml")
    mounts = [str(v) for v in services["temporal"]["volumes"]]
    mount = next(m for m in mounts if m.startswith("./deploy/temporal/dynamicconfig"))
    source, target = mount.split(":")[:2]
    assert path.startswith(target.rstrip("/") + "/")
    assert (ROOT / source / Path(path).name).is_file()

    ui = _env_mapping(services["temporal-ui"])
    assert ui["TEMPORAL_ADDRESS"] == "temporal:7233"
    for name in ("migrate", "api", "worker"):
        assert _env_mapping(services[name])["TEMPORAL_ADDRESS"] == "temporal:7233"


def test_temporal_schema_script() -> None:
    script = (ROOT / "deploy/temporal/setup-schema.sh").read_text(encoding="utf-8")
    assert "temporal-sql-tool" in script and "postgres12" in script
    for step in ("setup-schema -v 0.0", "update-schema -d"):
        assert step in script
    for database, schema in (("temporal", "temporal"), ("temporal_visibility", "visibility")):
        assert re.search(rf"setup_db {database} \S*/{schema}/versioned", script)


def test_postgres_init_creates_every_database() -> None:
    init_dir = ROOT / "deploy/postgres/initdb"
    scripts = sorted(p for p in init_dir.iterdir() if p.suffix in {".sh", ".sql"})
    assert scripts, "no postgres init script"
    text = "\n".join(p.read_text(encoding="utf-8") for p in scripts)
    for statement in (
        'CREATE DATABASE :"app_db"',
        "CREATE DATABASE temporal ",
        "CREATE DATABASE temporal_visibility ",
        'CREATE ROLE :"app_user"',
        'CREATE ROLE :"temporal_user"',
    ):
        assert statement in text, f"init script lacks {statement!r}"


def test_dynamic_config_parses() -> None:
    data = yaml.safe_load(
        (ROOT / "deploy/temporal/dynamicconfig/production.yaml").read_text(encoding="utf-8")
    )
    assert isinstance(data, dict) and data
    for key, entries in data.items():
        assert isinstance(entries, list) and entries, f"{key}: must be a list of values"
        for entry in entries:
            assert "value" in entry, f"{key}: entry without value"
            assert set(entry) <= {"value", "constraints"}, f"{key}: unknown fields"
    assert data["system.forceSearchAttributesCacheRefreshOnRead"][0]["value"] is False


def test_nginx_proxies_to_api() -> None:
    conf = (ROOT / "deploy/nginx/nginx.conf").read_text(encoding="utf-8")
    assert conf.count("{") == conf.count("}"), "unbalanced braces in nginx.conf"
    assert re.search(r"server\s+api:8000\b", conf)
    assert "resolver 127.0.0.11" in conf
    assert "/nginx-healthz" in conf


# --------------------------------------------------------------------------- image


def test_dockerfile() -> None:
    text = DOCKERFILE.read_text(encoding="utf-8")
    froms = re.findall(r"^FROM\s+(\S+)", text, flags=re.MULTILINE)
    assert froms and all("slim" in f for f in froms) and "python:" in froms[-1]
    assert any(f.startswith("node:") for f in froms), "the web workspace is built in a stage"
    assert "npm ci" in text and "COPY --from=web /web/dist" in text
    assert re.search(r"^ARG PYTHON_VERSION=3\.11$", text, flags=re.MULTILINE)
    assert "pip install --no-cache-dir ." in text
    users = re.findall(r"^USER\s+(\S+)", text, flags=re.MULTILINE)
    assert users and users[-1].split(":")[0] not in {"root", "0"}
    assert re.search(r'^VOLUME \["/var/lib/qingling"\]', text, flags=re.MULTILINE)
    healthcheck = re.search(r"^HEALTHCHECK.*?(?<!\\)\n", text, flags=re.MULTILINE | re.DOTALL)
    assert healthcheck and "python" in healthcheck.group(0) and "/healthz" in healthcheck.group(0)
    assert "curl" not in healthcheck.group(0)
    assert 'CMD ["qingling", "api", "--host", "0.0.0.0", "--port", "8000"]' in text


def test_dockerignore() -> None:
    entries = {
        line.strip()
        for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for required in (
        ".venv",
        ".qingling",
        ".git",
        ".env",
        "**/__pycache__",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
    ):
        assert required in entries, f".dockerignore lacks {required}"
    for needed in ("pyproject.toml", "Dockerfile", "*.py", "migrations"):
        assert needed not in entries, f".dockerignore must not exclude {needed}"
