"""The podtopologyspread plugin.

Upstream: pkg/scheduler/framework/plugins/podtopologyspread
"""
