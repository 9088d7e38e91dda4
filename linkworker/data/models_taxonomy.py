"""The team's table of what Open Referral taxonomy terms mean in the directory.

Kept apart from :mod:`linkworker.data.models`, whose metadata it shares: that module
imports this one, so the table is always registered. The rules of the mapping are in
:mod:`linkworker.domain.taxonomy_map`.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Boolean, DateTime, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from linkworker.data.models import Base, utcnow


class TaxonomyMappingRow(Base):
    """One term (or keyword) and the categories it means; no categories and not
    ``not_help`` is a term an import met that nobody has mapped yet."""

    __tablename__ = "taxonomy_mapping"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    #: The vocabulary as written ("" for any), and as compared.
    vocabulary: Mapped[str] = mapped_column(String(200), default="")
    vocabulary_key: Mapped[str] = mapped_column(String(200), default="")
    term: Mapped[str] = mapped_column(String(200))
    term_key: Mapped[str] = mapped_column(String(200))
    keyword: Mapped[bool] = mapped_column(Boolean, default=False)
    #: JSON list of category names.
    categories: Mapped[str] = mapped_column(Text, default="[]")
    not_help: Mapped[bool] = mapped_column(Boolean, default=False)
    who: Mapped[str] = mapped_column(String(300), default="")
    age_min: Mapped[int | None] = mapped_column(Integer)
    age_max: Mapped[int | None] = mapped_column(Integer)
    changed_by: Mapped[str] = mapped_column(String(200), default="")
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        UniqueConstraint("keyword", "vocabulary_key", "term_key", name="uq_taxonomy_mapping_term"),
    )
