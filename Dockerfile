# syntax=docker/dockerfile:1
#
# qingling 生产镜像 / production image.
# 构建上下文为仓库根目录 / build context is the repository root:
#   docker build -t qingling:local .
# 同一镜像运行三种进程 / one image, three processes:
#   qingling api --host 0.0.0.0 --port 8000   (默认 / default CMD)
#   qingling worker
#   qingling migrate

ARG PYTHON_VERSION=3.11

# ---------------------------------------------------------------------------
# 构建阶段：把项目及依赖装进独立的 venv / build stage: install into a venv
# ---------------------------------------------------------------------------
FROM python:${PYTHON_VERSION}-slim-bookworm AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:${PATH}"

WORKDIR /src
COPY . .
RUN pip install --no-cache-dir . \
 && python -m api.openapi_document /src/web/generated/openapi.json

# ---------------------------------------------------------------------------
# 网页构建阶段：npm 包来自 package-lock.json，接口客户端由 OpenAPI 文档生成
# web stage: packages from package-lock.json, the client generated from the OpenAPI document
# ---------------------------------------------------------------------------
FROM node:20-bookworm-slim AS web

WORKDIR /web
COPY web/package.json web/package-lock.json web/.npmrc ./
RUN SCARF_ANALYTICS=false npm ci --no-audit --no-fund
COPY web/ ./
COPY --from=build /src/web/generated/openapi.json generated/openapi.json
RUN npm run gen:api && npm run lint && npm run build

# ---------------------------------------------------------------------------
# 运行阶段：无编译工具、非 root 用户 / runtime stage: no build tools, non-root
# ---------------------------------------------------------------------------
FROM python:${PYTHON_VERSION}-slim-bookworm AS runtime

ENV PATH="/opt/venv/bin:${PATH}" \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    QINGLING_ENV=production \
    QINGLING_DATA_DIR=/var/lib/qingling \
    QINGLING_WEB_DIST=/opt/qingling/web

# 固定 UID/GID，便于宿主机与卷的权限管理 / fixed UID/GID for volume permissions
RUN groupadd --system --gid 10001 qingling \
 && useradd --system --uid 10001 --gid qingling \
        --home-dir /home/qingling --create-home --shell /usr/sbin/nologin qingling \
 && install -d -o 10001 -g 10001 -m 0750 /var/lib/qingling

COPY --from=build /opt/venv /opt/venv
COPY --from=web /web/dist /opt/qingling/web

WORKDIR /home/qingling
USER 10001:10001

# 附件与报表 / attachments and reports. 目录在 VOLUME 之前已归 qingling 所有，
# 新建的命名卷会继承该属主 / created and chowned before VOLUME so a fresh named
# volume inherits the ownership.
VOLUME ["/var/lib/qingling"]

EXPOSE 8000

# slim 镜像没有 curl，用 Python 检查存活 / no curl in slim: probe liveness with Python.
# 注意：worker/migrate 不监听 8000，compose 中对它们禁用了该检查
# note: worker/migrate do not listen on 8000; compose disables this check for them.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"]

CMD ["qingling", "api", "--host", "0.0.0.0", "--port", "8000"]
