"""JSON Schemas (draft 2020-12) of zitate's JSON outputs, shipped in ``quotes/schemas/``.

* ``extract`` — one line of ``quotes extract --format jsonl`` (:func:`quotes.formats.document_record`);
* ``index`` — a quote index (:meth:`quotes.index.QuoteIndex.to_json`, ``quotes index``).

Loading needs nothing beyond the standard library; :func:`validate` needs the optional
``jsonschema`` package (``pip install jsonschema``), which zitate does not depend on.

>>> load_schema("extract")["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> sorted(SCHEMA_NAMES)
['extract', 'index']
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

SCHEMA_NAMES: tuple[str, ...] = ("extract", "index")
_FOLDER = "schemas"


@lru_cache(maxsize=None)
def schema_text(name: str) -> str:
    """The schema file ``name`` as text (for printing it unchanged).

    >>> schema_text("index").lstrip().startswith("{")
    True
    """
    if name not in SCHEMA_NAMES:
        raise ValueError(f"unknown schema {name!r} (expected one of: {', '.join(SCHEMA_NAMES)})")
    filename = f"{name}.schema.json"
    try:
        return resources.files(__package__).joinpath(_FOLDER).joinpath(filename).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError, NotADirectoryError, TypeError, AttributeError):
        # not installed as package data (e.g. a zip without the folder): the file next to this module
        return (Path(__file__).resolve().parent / _FOLDER / filename).read_text(encoding="utf-8")


def load_schema(name: str) -> dict[str, Any]:
    """The JSON Schema ``"extract"`` or ``"index"`` as a new dict (safe to modify).

    >>> load_schema("index")["required"]
    ['version', 'documents', 'speakers']
    """
    return json.loads(schema_text(name))


@lru_cache(maxsize=None)
def _validator(name: str) -> Any:
    try:
        import jsonschema
    except ImportError as error:
        raise ImportError("quotes.schema.validate needs the optional 'jsonschema' package: "
                          "pip install jsonschema (load_schema() works without it)") from error
    schema = load_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate(record: Any, name: str) -> None:
    """Check ``record`` against the schema ``name``; raise ``jsonschema.ValidationError``
    (the most relevant error) if it does not conform. Needs ``jsonschema`` (else ImportError).

    >>> validate({"id": "a", "quotes": []}, "extract")
    >>> import jsonschema
    >>> try:
    ...     validate({"quotes": []}, "extract")
    ... except jsonschema.ValidationError as error:
    ...     print(error.message)
    'id' is a required property
    """
    validator = _validator(name)
    import jsonschema

    error = jsonschema.exceptions.best_match(validator.iter_errors(record))
    if error is not None:
        raise error


def errors(record: Any, name: str) -> list[str]:
    """All the ways ``record`` breaks the schema ``name``, as readable lines (empty if valid).

    >>> errors({"id": 1, "quotes": []}, "extract")
    ["id: 1 is not of type 'string'"]
    """
    validator = _validator(name)
    found = sorted(validator.iter_errors(record), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(record)'}: {e.message}" for e in found]
