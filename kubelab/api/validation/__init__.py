"""Validation of API objects, mirroring apimachinery util/validation and pkg/apis/*/validation."""

# The entry points live in dispatch, which imports kubelab.api.labels; labels itself imports
# this package's generic module, so they are loaded on first use to keep imports acyclic.
_LAZY = ("validate", "validate_update", "validate_status_update", "validated_kinds")


def __getattr__(name: str) -> object:
    if name in _LAZY:
        from kubelab.api.validation import dispatch

        value = getattr(dispatch, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
