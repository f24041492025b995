"""The API's two pages for people: /api/ (what it is, its limits and licence) and /api/v1/docs/ (the OpenAPI
description as plain HTML, generated from the same description as /api/v1/schema/: no script, no CDN)."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse

from .licence import LICENCE_NAME, LICENCE_NOTICE, LICENCE_URL
from .schema import described
from .views import RESOURCES


def api_index(request):
    context = {
        "resources": [(name, reverse(f"api:{name}")) for name in RESOURCES],
        "licence_name": LICENCE_NAME,
        "licence_notice": LICENCE_NOTICE,
        "licence_url": LICENCE_URL,
        "rate_anonymous": settings.API_RATE_ANONYMOUS,
        "rate_signed_in": settings.API_RATE_SIGNED_IN,
        "page_size": settings.API_PAGE_SIZE,
        "max_page_size": settings.API_MAX_PAGE_SIZE,
    }
    return render(request, "api/index.html", context)


def api_docs(request):
    schema = described()
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "anchor": operation.get("operationId", ""),
                    "description": operation.get("description", ""),
                    "parameters": [_parameter(p) for p in operation.get("parameters", [])],
                    "returns": _returns(operation),
                }
            )
    components = [
        {"name": name, "anchor": f"schema-{name}", "fields": _fields(component)}
        for name, component in schema.get("components", {}).get("schemas", {}).items()
        if component.get("type") == "object" and "properties" in component
    ]
    context = {"info": schema["info"], "operations": operations, "components": components}
    return render(request, "api/docs.html", context)


def _type(described: dict) -> str:
    if "$ref" in described:
        return described["$ref"].rsplit("/", 1)[-1]
    if "allOf" in described:
        return " & ".join(_type(part) for part in described["allOf"])
    if "oneOf" in described:
        return " | ".join(_type(part) for part in described["oneOf"])
    kind = described.get("type", "")
    if kind == "array":
        return f"array of {_type(described.get('items', {}))}"
    if described.get("format"):
        kind = f"{kind} ({described['format']})"
    return kind + (", or null" if described.get("nullable") else "")


def _parameter(parameter: dict) -> dict:
    schema = parameter.get("schema", {})
    return {
        "name": parameter["name"],
        "where": parameter.get("in", ""),
        "type": _type(schema),
        "values": ", ".join(str(v) for v in schema.get("enum", [])),
        "description": parameter.get("description", ""),
        "bounds": " – ".join(str(schema[k]) for k in ("minimum", "maximum") if k in schema),
    }


def _returns(operation: dict) -> str:
    content = operation.get("responses", {}).get("200", {}).get("content", {})
    for body in content.values():
        schema = body.get("schema", {})
        return _type(schema)
    return ""


def _fields(component: dict) -> list[dict]:
    required = set(component.get("required", []))
    return [
        {
            "name": name,
            "type": _type(field),
            "values": ", ".join(str(v) for v in field.get("enum", []) if v not in ("", None)),
            "description": field.get("description", ""),
            "read_only": field.get("readOnly", False),
            "required": name in required,
        }
        for name, field in component["properties"].items()
    ]
