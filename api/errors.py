"""One error shape for every answer that is not a success: {"error": {code, message, details}}."""

from __future__ import annotations

from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = structlog.get_logger(__name__)

_PYDANTIC_MESSAGES = {
    "missing": "缺少必填字段",
    "extra_forbidden": "不允许的字段",
    "string_too_short": "内容过短",
    "string_too_long": "内容过长",
    "string_pattern_mismatch": "格式不正确",
    "int_parsing": "应为整数",
    "decimal_parsing": "应为数字",
    "decimal_max_places": "最多 {decimal_places} 位小数",
    "decimal_max_digits": "数字位数过多",
    "decimal_whole_digits": "整数部分位数过多",
    "int_from_float": "应为整数",
    "too_short": "至少填写 {min_length} 项",
    "too_long": "最多填写 {max_length} 项",
    "float_parsing": "应为数字",
    "bool_parsing": "应为布尔值",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "datetime_parsing": "应为日期时间（ISO 8601）",
    "enum": "取值不在允许范围内",
    "literal_error": "取值不在允许范围内",
    "greater_than": "数值过小",
    "greater_than_equal": "数值过小",
    "less_than": "数值过大",
    "less_than_equal": "数值过大",
    "json_invalid": "JSON 格式错误",
    "model_attributes_type": "应为对象",
    "dict_type": "应为对象",
    "list_type": "应为列表",
    "string_type": "应为字符串",
}

_STATUS_CODES = {
    400: ("bad_request", "请求有误"),
    401: ("unauthorized", "未登录或登录已过期"),
    403: ("forbidden", "无权执行此操作"),
    404: ("not_found", "资源不存在"),
    405: ("method_not_allowed", "不支持的请求方法"),
    409: ("conflict", "当前状态下不能执行此操作"),
    413: ("too_large", "上传内容过大"),
    415: ("unsupported_media_type", "不支持的内容类型"),
    422: ("invalid_input", "输入内容有误"),
    503: ("unavailable", "服务暂不可用"),
}


class ApiError(Exception):
    """A refusal with a machine code and a message for people (Chinese)."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: Any = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details}}


def _field(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "form")]
    out = ""
    for part in parts:
        out += f"[{part}]" if part.isdigit() else (f".{part}" if out else part)
    return out or str(loc[0] if loc else "")


def validation_details(errors: list[Any]) -> list[dict[str, Any]]:
    """Pydantic errors as {field, message, type}, messages in Chinese where we know them."""
    details = []
    for error in errors:
        template = _PYDANTIC_MESSAGES.get(error.get("type", ""))
        message = template.format(**error.get("ctx", {})) if template else error.get("msg", "")
        if error.get("type") in ("value_error", "assertion_error"):
            message = str(error.get("msg", "")).removeprefix("Value error, ")
        details.append(
            {
                "field": _field(tuple(error.get("loc", ()))),
                "message": message,
                "type": error.get("type"),
            }
        )
    return details


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, error: ApiError) -> JSONResponse:
        return JSONResponse(
            error_body(error.code, error.message, error.details),
            status_code=error.status,
            headers=error.headers,
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        details = validation_details(list(error.errors()))
        summary = "；".join(f"{d['field']}：{d['message']}" for d in details[:5])
        return JSONResponse(
            error_body("invalid_input", f"输入内容有误：{summary}", details), status_code=422
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException) -> JSONResponse:
        code, message = _STATUS_CODES.get(error.status_code, ("error", "请求失败"))
        if isinstance(error.detail, str) and error.detail and not error.detail.isascii():
            message = error.detail
        return JSONResponse(
            error_body(code, message), status_code=error.status_code, headers=error.headers
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception) -> JSONResponse:
        log.exception("unhandled_error", path=request.url.path)
        return JSONResponse(
            error_body("internal_error", "服务器内部错误，请联系管理员（已记录）"), status_code=500
        )
