"""A stand-in for the three pydash functions azure-ai-ml 1.4.0 calls (Debian does not package pydash).

Written for the conformance suite: get(obj, "a.b", default), omit(dict, keys) and objects.set_(obj, "a.b", value).
"""
from . import objects
from .objects import get, omit, set_

__all__ = ["get", "omit", "set_", "objects"]
