"""Dotted-path helpers: the part of pydash.objects that azure-ai-ml uses."""

_MISSING = object()


def _keys(path):
    return path if isinstance(path, (list, tuple)) else str(path).split(".")


def _child(node, key):
    if isinstance(node, dict):
        return node.get(key, _MISSING)
    if isinstance(node, (list, tuple)):
        try:
            return node[int(key)]
        except (ValueError, IndexError):
            return _MISSING
    return getattr(node, key, _MISSING)


def get(obj, path, default=None):
    node = obj
    for key in _keys(path):
        node = _child(node, key)
        if node is _MISSING or node is None:
            return default if node is _MISSING else None
    return node


def omit(obj, *keys):
    flat = set()
    for key in keys:
        flat.update(key if isinstance(key, (list, tuple, set)) else [key])
    return {k: v for k, v in (obj or {}).items() if k not in flat}


def set_(obj, path, value):
    keys = _keys(path)
    node = obj
    for key in keys[:-1]:
        nxt = node.get(key) if isinstance(node, dict) else getattr(node, key, None)
        if nxt is None:
            nxt = {}
            if isinstance(node, dict):
                node[key] = nxt
            else:
                setattr(node, key, nxt)
        node = nxt
    if isinstance(node, dict):
        node[keys[-1]] = value
    else:
        setattr(node, keys[-1], value)
    return obj
