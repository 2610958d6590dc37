"""Validation of API objects, mirroring apimachinery util/validation and pkg/apis/*/validation."""
