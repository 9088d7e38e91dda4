"""Printed documents: a snapshot in, PDF bytes out.

``snapshot_builders`` turns the domain's value types into the frozen snapshots of
``snapshots`` (what to print, already in plain words); ``my_plan``,
``provider_referral``, ``directory_sheets`` and ``measure_forms`` (blank forms of the
outcome measures) lay them out with ReportLab.
Nothing here touches Qt, the database or the services, and nothing is imported
with the package: ReportLab loads only when a renderer module is first imported,
so it never slows the application's start-up.
"""
