"""Validates ECS API inputs against botocore's ECS service model.

Reads a JSON list of {"operation": "CreateService", "params": {...}} from stdin and prints a JSON
list with one list of error strings per input. Uses botocore's ParamValidator (required members,
types, unknown keys, minimums), then checks what it does not: enums, string maximum lengths and
integer maximums of the model.
"""
import json
import sys

import botocore.session
from botocore.validate import ParamValidator


def extra_checks(shape, value, path, errors):
    kind = shape.type_name
    if kind == 'structure' and isinstance(value, dict):
        for name, member in shape.members.items():
            if name in value:
                extra_checks(member, value[name], f'{path}.{name}', errors)
    elif kind == 'list' and isinstance(value, list):
        if 'max' in shape.metadata and len(value) > shape.metadata['max']:
            errors.append(f'{path}: {len(value)} items, at most {shape.metadata["max"]}')
        for i, item in enumerate(value):
            extra_checks(shape.member, item, f'{path}[{i}]', errors)
    elif kind == 'map' and isinstance(value, dict):
        for key, item in value.items():
            extra_checks(shape.value, item, f'{path}.{key}', errors)
    elif kind == 'string' and isinstance(value, str):
        if shape.enum and value not in shape.enum:
            errors.append(f'{path}: {value!r} is not one of {shape.enum}')
        if 'max' in shape.metadata and len(value) > shape.metadata['max']:
            errors.append(f'{path}: longer than {shape.metadata["max"]}')
    elif kind in ('integer', 'long') and isinstance(value, int):
        if 'max' in shape.metadata and value > shape.metadata['max']:
            errors.append(f'{path}: above {shape.metadata["max"]}')


def main():
    model = botocore.session.get_session().get_service_model('ecs')
    results = []
    for item in json.load(sys.stdin):
        shape = model.operation_model(item['operation']).input_shape
        report = ParamValidator().validate(item['params'], shape)
        errors = [line for line in report.generate_report().splitlines() if line.strip()] if report.has_errors() else []
        extra_checks(shape, item['params'], item['operation'], errors)
        results.append(errors)
    json.dump(results, sys.stdout)


if __name__ == '__main__':
    main()
