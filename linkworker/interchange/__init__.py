"""Exchanging the directory with other systems: Open Referral UK in and out.

Everything here is pure Python over files, folders, zips and HTTP pages: no
database, no Qt. Readers turn a source into :class:`~.records.SourceRecord`
values (a draft plus what was fixed or refused); the directory import service
decides what to create, update or leave alone. Writers turn stored assets back
into ORUK 3.0 JSON.
"""
